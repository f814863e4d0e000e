package com.clinicbackbone.web.backbone;

import com.clinicbackbone.web.WebProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three services' HTTP APIs as the signed-in person (their own access token, refreshed when it runs out: the
 * services keep deciding who may see what) or, for the public pages, as a visitor (clinic-web's client-credentials
 * token: role PATIENT without a record). A refusal comes back as a {@link BackboneProblem}.
 */
@Component
public class Backbone {

    /** The registration people sign in with; also the one whose token their calls carry. */
    static final String PERSON = "backbone";
    /** clinic-web's own client-credentials registration, for the public pages. */
    static final String VISITOR = "visitor";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AnonymousAuthenticationToken WEB_ITSELF = new AnonymousAuthenticationToken("clinic-web",
            "clinic-web", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final RestClient booking;
    private final RestClient patients;
    private final RestClient notifications;
    private final RestClient bookingAsVisitor;

    Backbone(WebProperties properties, RestClient.Builder builder, OAuth2AuthorizedClientManager people,
             VisitorTokens visitorTokens) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build());
        requests.setReadTimeout(properties.requestTimeout());
        OAuth2ClientHttpRequestInterceptor asPerson = new OAuth2ClientHttpRequestInterceptor(people);
        asPerson.setClientRegistrationIdResolver(request -> PERSON);
        OAuth2ClientHttpRequestInterceptor asVisitor = new OAuth2ClientHttpRequestInterceptor(visitorTokens.manager());
        asVisitor.setClientRegistrationIdResolver(request -> VISITOR);
        asVisitor.setPrincipalResolver(request -> WEB_ITSELF);
        this.booking = client(builder, properties.bookingUrl(), requests, asPerson);
        this.patients = client(builder, properties.patientUrl(), requests, asPerson);
        this.notifications = client(builder, properties.notificationUrl(), requests, asPerson);
        this.bookingAsVisitor = client(builder, properties.bookingUrl(), requests, asVisitor);
    }

    /** booking-service as the signed-in person. */
    public RestClient booking() {
        return booking;
    }

    /** patient-service as the signed-in person. */
    public RestClient patients() {
        return patients;
    }

    /** notification-service as the signed-in person. */
    public RestClient notifications() {
        return notifications;
    }

    /** booking-service as a visitor of the public pages (clinics, online-bookable services, free times). */
    public RestClient bookingAsVisitor() {
        return bookingAsVisitor;
    }

    /** Boot's builder (its JSON settings: unknown fields ignored), cloned per service. */
    private static RestClient client(RestClient.Builder builder, String baseUrl, JdkClientHttpRequestFactory requests,
                                     OAuth2ClientHttpRequestInterceptor token) {
        return builder.clone().baseUrl(baseUrl).requestFactory(requests).requestInterceptor(token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problemOf(response);
                })
                .build();
    }

    static BackboneProblem problemOf(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        JsonNode problem;
        try {
            problem = JSON.readTree(response.getBody());
        } catch (RuntimeException e) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return new BackboneProblem(status, response.getStatusText(), null, null, Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode fields = problem.path("errors");
        if (fields.isObject()) {
            fields.properties().forEach(field -> errors.put(field.getKey(), field.getValue().asString()));
        } else if (fields.isArray()) {
            fields.forEach(error -> errors.put(error.path("field").asString(""), error.path("message").asString("")));
        }
        return new BackboneProblem(status, text(problem, "title"), text(problem, "detail"), text(problem, "rule"),
                errors);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
