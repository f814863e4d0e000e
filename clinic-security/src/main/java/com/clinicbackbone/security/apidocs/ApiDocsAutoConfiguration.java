package com.clinicbackbone.security.apidocs;

import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.ClinicSecurityProperties;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The backbone's conventions for a service's OpenAPI document, active where the service has springdoc: the sign-in
 * as an OAuth 2 security scheme of the OpenID Connect issuer (client credentials for scripts, authorization code
 * for people), each operation's roles (read from {@code @PreAuthorize}) in its description, its refusals as RFC 9457
 * problems with one shared {@code Problem} schema, properties that Jackson writes as {@code null} documented as
 * nullable, and no server URL that depends on the port it runs on.
 */
@AutoConfiguration(after = com.clinicbackbone.security.ClinicSecurityAutoConfiguration.class)
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ApiDocsProperties.class, ClinicSecurityProperties.class})
public class ApiDocsAutoConfiguration {

    /** The name of the security scheme every secured operation requires. */
    public static final String SIGN_IN = "clinic-sign-in";

    static {
        // resolved from the token, never sent by the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI clinicOpenApi(ApiDocsProperties properties, Environment environment) {
        String issuer = properties.issuerUri().replaceAll("/+$", "");
        var flows = new OAuthFlows()
                .clientCredentials(new OAuthFlow().tokenUrl(issuer + properties.tokenPath()).scopes(new Scopes()))
                .authorizationCode(new OAuthFlow().authorizationUrl(issuer + properties.authorizationPath())
                        .tokenUrl(issuer + properties.tokenPath()).scopes(new Scopes()));
        var signIn = new SecurityScheme().type(SecurityScheme.Type.OAUTH2).flows(flows).description("""
                A bearer JWT from the backbone's OpenID Connect issuer (%s; discovery at \
                `%s/.well-known/openid-configuration`) with audience `clinic-backbone` and the claims `role`, \
                `clinic_ids` and, for patients and practitioners, `patient_id` or `practitioner_id`. Scripts use the \
                client-credentials grant (client id = persona, e.g. `frontdesk-running-shoe`; locally secret \
                `demo-secret`); people sign in with the authorization-code grant and PKCE.""".formatted(issuer, issuer));
        String title = environment.getProperty("spring.application.name", "clinic backbone service");
        String description = (properties.description().isBlank() ? "" : properties.description().strip() + "\n\n") + """
                Every endpoint needs a bearer token unless its description says it is open. Each operation names the \
                roles that may call it; a caller of another clinic, or one who may not see a record, gets 403 or a \
                404 that does not tell whether it exists. Refusals are RFC 9457 problems \
                (`application/problem+json`): `errors` lists each wrong field, `rule` names the rule that refused.""";
        return new OpenAPI()
                .info(new Info().title(title).version(properties.version()).description(description))
                .servers(List.of(new Server().url("/").description("this service")))
                .components(new Components().addSecuritySchemes(SIGN_IN, signIn))
                .addSecurityItem(new SecurityRequirement().addList(SIGN_IN));
    }

    @Bean
    ModelConverter clinicNullableProperties() {
        return new NullableProperties();
    }

    @Bean
    OperationCustomizer clinicOperationConventions(ClinicSecurityProperties security) {
        return new OperationConventions(security.publicPaths());
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer clinicDocumentConventions(ObjectProvider<ProblemMembers> members) {
        return new DocumentConventions(members.orderedStream().toList());
    }
}
