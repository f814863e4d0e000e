package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.security.DemoPersona;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * compose/keycloak/clinic-backbone-realm.json issues the local auth-server's claims: one client per persona (client
 * credentials) and one person per persona (password demo-secret) who signs in to clinic-web or the operator console
 * with authorization code + PKCE. Every claim comes from the token's user (the person, or the client's service
 * account), so a person signing in through a client never gets the client's own claims.
 */
class KeycloakRealmTest {

    static final String DEMO_SECRET = "demo-secret";
    static final String WEB_CLIENT = "clinic-web";
    /** clinic-web's second client, for Keycloak's Admin REST API only: its tokens never go to the services. */
    static final String ACCOUNTS_CLIENT = "clinic-web-accounts";
    static final String CONSOLE_CLIENT = "operator";
    /** The access token claims the services decide by, each from the user attribute of the same name. */
    static final List<String> CLAIMS = List.of("role", "clinic_ids", "patient_id", "practitioner_id");
    /** Keycloak's user ids (the token's sub) are at most 36 characters (USER_ENTITY.ID). */
    static final int MAX_USER_ID = 36;

    static JsonNode realm;
    static Map<String, Object> composeServices;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readRealmFile() throws IOException {
        Path root = RepoRoot.find();
        realm = ComposeFileTest.JSON.readTree(Files.readString(root.resolve(ComposeFileTest.REALM_FILE)));
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            composeServices = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(reader)).get("services");
        }
    }

    @ParameterizedTest
    @EnumSource(DemoPersona.class)
    void registersEachPersonaAsAConfidentialClientWhoseServiceAccountCarriesThePersonasClaims(DemoPersona persona) {
        JsonNode client = client(persona.clientId());
        assertThat(client.get("enabled").asBoolean()).isTrue();
        assertThat(client.get("publicClient").asBoolean()).isFalse();
        assertThat(client.get("secret").asString()).isEqualTo(DEMO_SECRET);
        assertThat(client.get("serviceAccountsEnabled").asBoolean()).as("client credentials grant").isTrue();

        JsonNode serviceAccount = single(users().filter(user -> persona.clientId()
                .equals(user.path("serviceAccountClientId").asString(null))), "service account of " + persona);
        // sub = persona name, as the local auth-server's client credentials tokens have it
        assertThat(serviceAccount.get("id").asString()).isEqualTo(persona.clientId());
        assertThat(attributes(serviceAccount)).isEqualTo(expectedAttributes(persona));
    }

    @ParameterizedTest
    @EnumSource(DemoPersona.class)
    void signsInEachPersonaAsAPersonWithTheDemoPasswordAndThePersonasClaims(DemoPersona persona) {
        JsonNode person = person(persona.clientId());

        assertThat(person.get("enabled").asBoolean()).isTrue();
        assertThat(person.get("emailVerified").asBoolean()).isTrue();
        // the user profile requires email, first and last name: with all three, no form stops the first sign-in
        assertThat(person.get("email").asString()).isEqualTo(persona.clientId() + "@demo.clinic-backbone.local");
        assertThat(person.get("firstName").asString()).isNotBlank();
        assertThat(person.get("lastName").asString()).isNotBlank();
        assertThat(person.path("requiredActions")).isEmpty();
        assertThat(person.get("credentials")).singleElement().satisfies(credential -> {
            assertThat(credential.get("type").asString()).isEqualTo("password");
            assertThat(credential.get("value").asString()).isEqualTo(DEMO_SECRET);
            assertThat(credential.get("temporary").asBoolean()).as("temporary password").isFalse();
        });
        assertThat(attributes(person)).isEqualTo(expectedAttributes(persona));
        assertThat(person.get("id").asString()).hasSizeLessThanOrEqualTo(MAX_USER_ID)
                .isNotEqualTo(persona.clientId());
    }

    @ParameterizedTest
    @MethodSource("clientsWhoseTokensGoToTheServices")
    void takesEveryClaimFromTheTokensUserAndNamesTheBackboneAsAudience(String clientId) {
        Map<String, JsonNode> attributeMappers = new HashMap<>();
        List<String> audiences = new ArrayList<>();
        for (JsonNode mapper : client(clientId).get("protocolMappers")) {
            JsonNode config = mapper.get("config");
            assertThat(config.get("access.token.claim").asString()).as(mapper.toString()).isEqualTo("true");
            switch (mapper.get("protocolMapper").asString()) {
                case "oidc-usermodel-attribute-mapper" -> attributeMappers.put(config.get("claim.name").asString(), config);
                case "oidc-audience-mapper" -> audiences.add(config.get("included.custom.audience").asString());
                // a hardcoded claim would be stamped on every person who signs in through the client
                default -> throw new AssertionError(clientId + ": unexpected mapper " + mapper);
            }
        }

        assertThat(attributeMappers.keySet()).containsExactlyInAnyOrderElementsOf(CLAIMS);
        attributeMappers.forEach((claim, config) -> {
            assertThat(config.get("user.attribute").asString()).as(claim).isEqualTo(claim);
            assertThat(config.get("jsonType.label").asString()).as(claim).isEqualTo("String");
            // clinic_ids is always a JSON array, even with one clinic; the others are single strings
            assertThat(config.get("multivalued").asString()).as(claim + " multivalued")
                    .isEqualTo(String.valueOf(claim.equals("clinic_ids")));
        });
        assertThat(audiences).containsExactly("clinic-backbone");
        assertThat(scopes(client(clientId), "defaultClientScopes")).as("basic puts sub into the token").contains("basic");
    }

    @ParameterizedTest
    @CsvSource({"clinic-web, clinic-web", "operator, operator-console"})
    void letsPeopleSignInToClinicWebAndTheConsoleWithTheAuthorizationCodeAndPkceOnlyAtTheirComposeAddresses(
            String clientId, String composeService) {
        JsonNode client = client(clientId);
        String port = hostPort(composeService);

        assertThat(client.get("publicClient").asBoolean()).isFalse();
        assertThat(client.get("standardFlowEnabled").asBoolean()).as("authorization code").isTrue();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asString(null)).as("PKCE required")
                .isEqualTo("S256");
        assertThat(StreamSupport.stream(client.get("redirectUris").spliterator(), false).map(JsonNode::asString))
                .containsExactlyInAnyOrder("http://localhost:" + port + "/login/oauth2/code/backbone",
                        "http://127.0.0.1:" + port + "/login/oauth2/code/backbone");
        assertThat(client.path("attributes").path("post.logout.redirect.uris").asString("").split("##"))
                .containsExactlyInAnyOrder("http://localhost:" + port + "/", "http://127.0.0.1:" + port + "/");
        // profile: preferred_username, which the pages show and the console names its user by
        assertThat(scopes(client, "defaultClientScopes")).contains("basic", "profile", "email");
    }

    @Test
    void signsPeopleInThroughClinicWebAndTheConsoleOnlyAndNeverWithTheImplicitFlowOrAPasswordGrant() {
        List<String> signIn = new ArrayList<>();
        for (JsonNode client : realm.get("clients")) {
            String clientId = client.get("clientId").asString();
            assertThat(client.get("implicitFlowEnabled").asBoolean()).as(clientId + " implicit flow").isFalse();
            assertThat(client.get("directAccessGrantsEnabled").asBoolean()).as(clientId + " password grant").isFalse();
            if (client.get("standardFlowEnabled").asBoolean()) {
                signIn.add(clientId);
            }
        }
        assertThat(signIn).containsExactlyInAnyOrder(WEB_CLIENT, CONSOLE_CLIENT);
    }

    @Test
    void registersThePersonasAndClinicWebAndNoOtherClient() {
        List<String> expected = new ArrayList<>(Arrays.stream(DemoPersona.values()).map(DemoPersona::clientId).toList());
        expected.add(WEB_CLIENT);
        expected.add(ACCOUNTS_CLIENT);
        assertThat(clientIds()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The local auth-server's clinic-web client credentials token: sub clinic-web, a patient with no record. */
    @Test
    void givesClinicWebAVisitorsTokenForThePublicPages() {
        JsonNode client = client(WEB_CLIENT);
        assertThat(client.get("secret").asString()).isEqualTo(DEMO_SECRET);
        assertThat(client.get("serviceAccountsEnabled").asBoolean()).isTrue();

        JsonNode serviceAccount = single(users().filter(user -> WEB_CLIENT
                .equals(user.path("serviceAccountClientId").asString(null))), "clinic-web's service account");
        assertThat(serviceAccount.get("id").asString()).isEqualTo(WEB_CLIENT);
        assertThat(attributes(serviceAccount)).isEqualTo(Map.of("role", List.of("PATIENT")));
    }

    /**
     * The claim attributes are declared in the user profile, editable and visible by administrators only: a person
     * cannot give themselves another role, clinic or record in the account console, nor on the registration form (a
     * field the person may not edit is dropped there). Attributes not declared there would be dropped (unmanaged
     * attributes stay off). No claim attribute has a default value a person would get without an administrator.
     */
    @Test
    void keepsTheClaimAttributesOutOfThePeoplesOwnHands() {
        JsonNode profiles = realm.get("components").get("org.keycloak.userprofile.UserProfileProvider");
        JsonNode profile = ComposeFileTest.JSON.readTree(single(StreamSupport.stream(profiles.spliterator(), false),
                "user profile").get("config").get("kc.user.profile.config").get(0).asString());

        assertThat(profile.has("unmanagedAttributePolicy")).as("unmanaged attributes").isFalse();
        Map<String, JsonNode> declared = new HashMap<>();
        profile.get("attributes").forEach(attribute -> declared.put(attribute.get("name").asString(), attribute));
        for (String claim : CLAIMS) {
            JsonNode attribute = declared.get(claim);
            assertThat(attribute).as(claim + " declared").isNotNull();
            assertThat(StreamSupport.stream(attribute.get("permissions").get("edit").spliterator(), false)
                    .map(JsonNode::asString)).as(claim + " editable by").containsExactly("admin");
            assertThat(StreamSupport.stream(attribute.get("permissions").get("view").spliterator(), false)
                    .map(JsonNode::asString)).as(claim + " visible to").containsExactly("admin");
            assertThat(attribute.get("multivalued").asBoolean()).as(claim + " multivalued")
                    .isEqualTo(claim.equals("clinic_ids"));
            assertThat(attribute.has("defaultValue")).as(claim + " default value").isFalse();
        }
        users().filter(user -> !attributes(user).isEmpty()).forEach(user -> assertThat(declared)
                .as(user.get("username").asString()).containsKeys(attributes(user).keySet().toArray(String[]::new)));
    }

    /**
     * New patients make their own account on Keycloak's registration page (the Register link on the sign-in page):
     * their email is their username, must be verified before the first sign-in (Keycloak mails the link through the
     * compose mail catcher) and belongs to one account only, so the verified email patient-service matches a record
     * by is the person's.
     */
    @Test
    void letsNewPatientsRegisterWithAVerifiedEmailOfTheirOwn() {
        assertThat(realm.get("registrationAllowed").asBoolean()).as("registrationAllowed").isTrue();
        assertThat(realm.get("registrationEmailAsUsername").asBoolean()).as("registrationEmailAsUsername").isTrue();
        assertThat(realm.get("verifyEmail").asBoolean()).as("verifyEmail").isTrue();
        assertThat(realm.get("loginWithEmailAllowed").asBoolean()).as("loginWithEmailAllowed").isTrue();
        assertThat(realm.get("duplicateEmailsAllowed").asBoolean(true)).as("duplicateEmailsAllowed").isFalse();
        assertThat(realm.get("editUsernameAllowed").asBoolean()).as("editUsernameAllowed").isFalse();
        // the email (and whether it is verified) reaches the access token through Keycloak's email scope
        assertThat(scopes(client(WEB_CLIENT), "defaultClientScopes")).contains("email");
    }

    /** Keycloak sends the verification emails to Mailpit, at the port it listens on inside the compose network. */
    @Test
    @SuppressWarnings("unchecked")
    void mailsThroughTheComposeMailCatcher() {
        JsonNode smtp = realm.get("smtpServer");
        assertThat(smtp).as("smtpServer").isNotNull();
        assertThat(composeServices).containsKey(smtp.get("host").asString());
        List<Object> ports = (List<Object>) ((Map<String, Object>) composeServices.get(smtp.get("host").asString()))
                .get("ports");
        assertThat(ports).as("the mail catcher's published ports")
                .anyMatch(port -> port.toString().endsWith(":" + smtp.get("port").asString()));
        assertThat(smtp.get("from").asString()).endsWith("@demo.clinic-backbone.local");
        assertThat(smtp.get("auth").asString()).isEqualTo("false");
    }

    /**
     * A new account carries role PATIENT from its first token, without anyone setting it: Keycloak puts every new user
     * (registration, admin API) into the realm's default groups, and the role mapper (a User Attribute mapper) takes
     * the group's attribute when the user has none of their own. A person's own role still wins (no aggregation), and
     * the group gives nothing else: no clinics, no record.
     */
    @Test
    void givesEveryNewAccountRolePatientThroughTheDefaultGroup() {
        assertThat(StreamSupport.stream(realm.get("defaultGroups").spliterator(), false).map(JsonNode::asString))
                .containsExactly("/patients");
        JsonNode group = single(StreamSupport.stream(realm.get("groups").spliterator(), false)
                .filter(candidate -> candidate.get("path").asString().equals("/patients")), "group /patients");
        assertThat(attributes(group)).isEqualTo(Map.of("role", List.of("PATIENT")));
        assertThat(group.path("realmRoles")).as("realm roles").isEmpty();
        assertThat(group.path("clientRoles")).as("client roles").isEmpty();

        JsonNode role = StreamSupport.stream(client(WEB_CLIENT).get("protocolMappers").spliterator(), false)
                .filter(mapper -> mapper.get("name").asString().equals("role")).findFirst().orElseThrow();
        assertThat(role.get("protocolMapper").asString()).isEqualTo("oidc-usermodel-attribute-mapper");
        assertThat(role.get("config").get("aggregate.attrs").asString()).as("aggregate.attrs").isEqualTo("false");
        // the demo people keep exactly their own claims: none of them is in a group
        users().forEach(user -> assertThat(user.path("groups")).as(user.get("username").asString()).isEmpty());
    }

    /**
     * clinic-web records a new patient's record on their account (Admin REST API) as the service account of a client
     * of its own, which may manage users and nothing else and whose tokens carry no claim the services read; the
     * visitor token clinic-web sends to the services holds no admin role. No other account or client holds a role
     * of realm-management.
     */
    @Test
    void letsOnlyClinicWebsAccountsClientManageUsers() {
        JsonNode serviceAccount = single(users().filter(user -> ACCOUNTS_CLIENT
                .equals(user.path("serviceAccountClientId").asString(null))), "clinic-web-accounts' service account");
        assertThat(StreamSupport.stream(serviceAccount.path("clientRoles").path("realm-management").spliterator(),
                false).map(JsonNode::asString)).containsExactly("manage-users");
        assertThat(serviceAccount.path("realmRoles")).isEmpty();
        assertThat(serviceAccount.path("attributes")).as("no role, clinics or patient").isEmpty();
        users().filter(user -> user != serviceAccount).forEach(user -> assertThat(user.path("clientRoles"))
                .as(user.get("username").asString()).isEmpty());

        JsonNode accounts = client(ACCOUNTS_CLIENT);
        assertThat(accounts.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(accounts.get("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(accounts.get("fullScopeAllowed").asBoolean()).isFalse();
        assertThat(accounts.path("protocolMappers")).as("no claims the services read, no backbone audience").isEmpty();
        JsonNode mappings = realm.get("clientScopeMappings");
        assertThat(mappings.propertyNames()).containsExactly("realm-management");
        JsonNode mapping = single(StreamSupport.stream(mappings.get("realm-management").spliterator(), false),
                "realm-management scope mapping");
        assertThat(mapping.get("client").asString()).isEqualTo(ACCOUNTS_CLIENT);
        assertThat(StreamSupport.stream(mapping.get("roles").spliterator(), false).map(JsonNode::asString))
                .containsExactly("manage-users");
        assertThat(realm.has("scopeMappings")).as("realm role scope mappings").isFalse();
    }

    /** A realm file with client scopes of its own would get none of Keycloak's (basic: sub; profile; email). */
    @Test
    void leavesKeycloaksDefaultClientScopesInPlace() {
        assertThat(realm.has("clientScopes")).isFalse();
    }

    static Stream<String> clientsWhoseTokensGoToTheServices() {
        return clientIds().filter(clientId -> !clientId.equals(ACCOUNTS_CLIENT));
    }

    static Stream<String> clientIds() {
        return StreamSupport.stream(realm.get("clients").spliterator(), false)
                .map(client -> client.get("clientId").asString());
    }

    /** The host port a compose service publishes (the browser's), from its one "host:container" entry. */
    @SuppressWarnings("unchecked")
    private static String hostPort(String composeService) {
        Map<String, Object> service = (Map<String, Object>) composeServices.get(composeService);
        assertThat(service).as("compose service " + composeService).isNotNull();
        List<Object> ports = (List<Object>) service.get("ports");
        assertThat(ports).as(composeService + " ports").hasSize(1);
        return ports.get(0).toString().split(":")[0];
    }

    private static Map<String, List<String>> expectedAttributes(DemoPersona persona) {
        Map<String, List<String>> expected = new HashMap<>(Map.of("role", List.of(persona.role().name())));
        if (!persona.clinicIds().isEmpty()) {
            // no clinics: no clinic_ids claim, which the services read as none (the local issuer sends [])
            expected.put("clinic_ids", persona.clinicIds().stream().sorted().toList());
        }
        if (persona.patientId() != null) {
            expected.put("patient_id", List.of(persona.patientId()));
        }
        if (persona.practitionerId() != null) {
            expected.put("practitioner_id", List.of(persona.practitionerId()));
        }
        return expected;
    }

    private static Map<String, List<String>> attributes(JsonNode user) {
        Map<String, List<String>> attributes = new HashMap<>();
        user.path("attributes").properties().forEach(attribute -> attributes.put(attribute.getKey(),
                StreamSupport.stream(attribute.getValue().spliterator(), false).map(JsonNode::asString).sorted()
                        .toList()));
        return attributes;
    }

    private static Set<String> scopes(JsonNode client, String field) {
        return Set.copyOf(StreamSupport.stream(client.get(field).spliterator(), false).map(JsonNode::asString).toList());
    }

    private static JsonNode client(String clientId) {
        return single(StreamSupport.stream(realm.get("clients").spliterator(), false)
                .filter(client -> client.get("clientId").asString().equals(clientId)), "client " + clientId);
    }

    private static JsonNode person(String username) {
        return single(users().filter(user -> user.get("username").asString().equals(username)), "user " + username);
    }

    private static Stream<JsonNode> users() {
        return StreamSupport.stream(realm.get("users").spliterator(), false);
    }

    private static JsonNode single(Stream<JsonNode> matches, String what) {
        List<JsonNode> found = matches.toList();
        assertThat(found).as(what + " in " + ComposeFileTest.REALM_FILE).hasSize(1);
        return found.get(0);
    }
}
