package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/sms-reply.sh signs with defaults that must stay those of the compose stack's notification-service
 * (docker-compose.yml, over notification-service's application.yml); EmbeddedBackboneSystemTest runs the script
 * against a running service.
 */
class SmsReplyScriptDefaultsTest {

    private final Path root = RepoRoot.find();

    @Test
    void signsForTheInboundUrlAndAuthTokenTheComposeStackConfigures() throws IOException {
        String script = Files.readString(root.resolve("compose").resolve("sms-reply.sh"));
        Map<String, Object> environment = composeEnvironment("notification-service");
        Map<String, Object> sms = section(section(applicationYml(), "notifications"), "sms");

        assertThat(scriptDefault(script, "TWILIO_INBOUND_URL"))
                .isEqualTo(environment.get("NOTIFICATIONS_SMS_INBOUND_URL"));
        assertThat(scriptDefault(script, "TWILIO_AUTH_TOKEN"))
                .isEqualTo(environment.getOrDefault("NOTIFICATIONS_SMS_AUTH_TOKEN", sms.get("auth-token")));
        assertThat(scriptDefault(script, "TWILIO_ACCOUNT_SID"))
                .isEqualTo(environment.getOrDefault("NOTIFICATIONS_SMS_ACCOUNT_SID", sms.get("account-sid")));
        assertThat(scriptDefault(script, "TWILIO_TO")).isEqualTo(environment.getOrDefault("NOTIFICATIONS_SMS_FROM",
                sms.get("from")));
    }

    @Test
    void systemTestsSignWithNotificationServicesDefaults() throws IOException {
        Map<String, Object> sms = section(section(applicationYml(), "notifications"), "sms");

        assertThat(sms).containsEntry("auth-token", TwilioInbound.AUTH_TOKEN)
                .containsEntry("inbound-url", TwilioInbound.SIGNED_URL)
                .containsEntry("account-sid", TwilioInbound.ACCOUNT_SID)
                .containsEntry("from", TwilioInbound.CLINIC_NUMBER);
    }

    private static String scriptDefault(String script, String variable) {
        Matcher matcher = Pattern.compile("\\$\\{" + variable + ":-([^}]*)}").matcher(script);
        assertThat(matcher.find()).as("a default for %s in sms-reply.sh", variable).isTrue();
        return matcher.group(1);
    }

    private Map<String, Object> composeEnvironment(String service) throws IOException {
        Map<String, Object> compose = load(root.resolve("docker-compose.yml"));
        return section(section(section(compose, "services"), service), "environment");
    }

    private Map<String, Object> applicationYml() throws IOException {
        return load(root.resolve("notification-service/src/main/resources/application.yml"));
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }
}
