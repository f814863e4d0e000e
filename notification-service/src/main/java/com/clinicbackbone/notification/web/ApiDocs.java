package com.clinicbackbone.notification.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What notification-service adds to the conventions of clinic-security's {@code apidocs}: the form bodies of
 * Twilio's webhooks, which the controllers read from the request as the signature covers them (springdoc cannot
 * see them), and their signature header.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String FORM = org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED_VALUE;

    @Bean
    OpenApiCustomizer twilioWebhookForms() {
        return openApi -> {
            form(openApi, "/api/sms/status", "Twilio's status callback.", Map.of(
                    "MessageSid", "The message, as Twilio named it when it took it.",
                    "MessageStatus", "queued, sending, sent, delivered, undelivered, failed ...",
                    "ErrorCode", "Twilio's error code of a failed or undelivered message.",
                    "AccountSid", "The Twilio account.",
                    "To", "The patient's number (E.164).",
                    "From", "The clinic's sender number."), List.of("MessageSid", "MessageStatus"));
            form(openApi, "/api/sms/inbound", "Twilio's inbound message webhook.", Map.of(
                    "MessageSid", "The message, as Twilio names it: each is handled once.",
                    "From", "The patient's number (E.164).",
                    "To", "The clinic's number.",
                    "Body", "What the patient wrote.",
                    "AccountSid", "The Twilio account.",
                    "NumMedia", "How many media items came with it."), List.of("MessageSid", "From"));
        };
    }

    private static void form(OpenAPI openApi, String path, String description, Map<String, String> fields,
                             List<String> required) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation operation = item == null ? null : item.getPost();
        if (operation == null) {
            return;
        }
        Schema<?> form = string("object").description(description + " Twilio may send more fields than these; "
                + "the signature covers them all.").additionalProperties(true).required(required);
        fields.forEach((name, text) -> form.addProperty(name, string("string").description(text)));
        operation.requestBody(new RequestBody().required(true)
                .content(new Content().addMediaType(FORM, new MediaType().schema(form))));
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(parameter -> "X-Twilio-Signature".equals(parameter.getName()))
                    .forEach(parameter -> parameter.description("Base64 of the HMAC-SHA1, keyed with the auth "
                            + "token, of the configured URL followed by each form field's name and value, sorted."));
        }
    }

    private static Schema<?> string(String type) {
        Schema<?> schema = new Schema<>();
        schema.addType(type);
        return schema;
    }
}
