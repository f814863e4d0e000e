package com.clinicbackbone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class DemoClientsTest {

    private final List<RegisteredClient> clients = DemoClients.of("demo-secret",
            "http://127.0.0.1:41234/login/oauth2/code/backbone", "http://127.0.0.1:41235/login/oauth2/code/backbone");

    @Test
    void letsTheConsoleRedirectUriBeConfiguredForTheOperatorClientOnly() {
        RegisteredClient operator = client("operator");
        assertThat(operator.getRedirectUris()).containsExactly("http://127.0.0.1:41234/login/oauth2/code/backbone");
        assertThat(operator.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(clients).filteredOn(c -> !c.getClientId().equals("operator") && !c.getClientId().equals("clinic-web"))
                .allSatisfy(client -> {
                    assertThat(client.getRedirectUris()).isEmpty();
                    assertThat(client.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
                });
    }

    @Test
    void signsPeopleIntoClinicWebWithPkceAndGivesItAVisitorsTokenForThePublicPages() {
        RegisteredClient web = client("clinic-web");

        assertThat(web.getRedirectUris()).containsExactly("http://127.0.0.1:41235/login/oauth2/code/backbone");
        assertThat(web.getPostLogoutRedirectUris()).containsExactly("http://127.0.0.1:41235/");
        assertThat(web.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(web.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.AUTHORIZATION_CODE,
                AuthorizationGrantType.REFRESH_TOKEN, AuthorizationGrantType.CLIENT_CREDENTIALS);
    }

    private RegisteredClient client(String clientId) {
        return clients.stream().filter(c -> c.getClientId().equals(clientId)).findFirst().orElseThrow();
    }
}
