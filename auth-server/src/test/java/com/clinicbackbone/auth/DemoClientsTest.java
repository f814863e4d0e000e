package com.clinicbackbone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class DemoClientsTest {

    @Test
    void letsTheConsoleRedirectUriBeConfiguredForTheOperatorClientOnly() {
        List<RegisteredClient> clients = DemoClients.of("demo-secret", "http://127.0.0.1:41234/login/oauth2/code/backbone");

        RegisteredClient operator = clients.stream().filter(c -> c.getClientId().equals("operator")).findFirst()
                .orElseThrow();
        assertThat(operator.getRedirectUris()).containsExactly("http://127.0.0.1:41234/login/oauth2/code/backbone");
        assertThat(operator.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(clients).filteredOn(c -> !c.getClientId().equals("operator"))
                .allSatisfy(client -> {
                    assertThat(client.getRedirectUris()).isEmpty();
                    assertThat(client.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
                });
    }
}
