package com.clinicbackbone.system;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One service's OpenAPI 3.1 document as a contract that an HTTP exchange either keeps or breaks: the path and
 * method must be documented; the request's query parameters (no undocumented one, none required missing), required
 * headers and body (media type and schema); the response's status, media type and body. Schemas are checked as
 * JSON Schema 2020-12 (OpenAPI 3.1 dialect, formats asserted), made strict first: an object schema that does not
 * say otherwise admits no property it does not list ({@code unevaluatedProperties: false}), so an undocumented
 * field is a violation, not a silent extra.
 */
final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true).build()));

    private final String name;
    private final JsonNode document;
    private final JsonNode components;
    private final List<Route> routes = new ArrayList<>();
    private final Map<JsonNode, Schema> compiled = new IdentityHashMap<>();
    private final Set<String> covered = new TreeSet<>();
    private int checked;

    /** An HTTP call and its answer; bodies as text, empty when there is none. */
    record Exchange(String method, URI uri, Map<String, String> requestHeaders, String requestBody, int status,
                    String responseContentType, String responseBody) {
    }

    private record Route(String template, Pattern pattern, List<String> names, int literals) {
    }

    private OpenApiContract(String name, JsonNode document) {
        this.name = name;
        this.document = strict(document.deepCopy());
        this.components = this.document.path("components");
        this.document.path("paths").propertyNames().forEach(template -> routes.add(route(template)));
        routes.sort(Comparator.comparingInt(Route::literals).reversed());
    }

    static OpenApiContract load(Path file) {
        try {
            return new OpenApiContract(file.getFileName().toString(), JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** How many exchanges were checked against a documented path. */
    synchronized int checked() {
        return checked;
    }

    /** The method, path and status of each kind of exchange checked. */
    synchronized Set<String> covered() {
        return Set.copyOf(covered);
    }

    /** What the exchange does that the document does not say; empty when it keeps the contract. */
    synchronized List<String> violations(Exchange exchange) {
        List<String> violations = new ArrayList<>();
        String path = exchange.uri().getRawPath();
        Optional<Map.Entry<Route, Matcher>> match = routes.stream()
                .map(route -> Map.entry(route, route.pattern().matcher(path))).filter(entry -> entry.getValue()
                        .matches()).findFirst();
        if (match.isEmpty()) {
            return List.of("the path " + path + " is not documented");
        }
        Route route = match.get().getKey();
        checked++;
        covered.add(exchange.method() + " " + route.template() + " " + exchange.status());
        JsonNode operation = document.path("paths").path(route.template())
                .path(exchange.method().toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of(exchange.method() + " " + route.template() + " is not documented");
        }
        request(operation, route, match.get().getValue(), exchange, violations);
        response(operation, exchange, violations);
        return violations;
    }

    private void request(JsonNode operation, Route route, Matcher path, Exchange exchange, List<String> violations) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        operation.path("parameters").forEach(parameter -> parameters.put(
                parameter.path("in").asString() + ":" + parameter.path("name").asString(), parameter));
        for (int i = 0; i < route.names().size(); i++) {
            JsonNode parameter = parameters.get("path:" + route.names().get(i));
            String value = URLDecoder.decode(path.group(i + 1), StandardCharsets.UTF_8);
            if (parameter == null) {
                violations.add("path parameter " + route.names().get(i) + " is not documented");
            } else {
                check(parameter.path("schema"), parameterValue(parameter.path("schema"), value),
                        "path parameter " + route.names().get(i), violations);
            }
        }
        Map<String, String> query = query(exchange.uri().getRawQuery());
        query.forEach((name, value) -> {
            JsonNode parameter = parameters.get("query:" + name);
            if (parameter == null) {
                violations.add("query parameter " + name + " is not documented");
            } else {
                check(parameter.path("schema"), parameterValue(parameter.path("schema"), value),
                        "query parameter " + name, violations);
            }
        });
        parameters.forEach((key, parameter) -> {
            boolean required = parameter.path("required").asBoolean(false);
            String in = parameter.path("in").asString();
            String parameterName = parameter.path("name").asString();
            if (required && in.equals("query") && !query.containsKey(parameterName)) {
                violations.add("the required query parameter " + parameterName + " is missing");
            }
            if (required && in.equals("header") && header(exchange.requestHeaders(), parameterName) == null) {
                violations.add("the required header " + parameterName + " is missing");
            }
        });
        JsonNode requestBody = operation.path("requestBody");
        String body = exchange.requestBody() == null ? "" : exchange.requestBody();
        if (body.isEmpty()) {
            if (requestBody.path("required").asBoolean(false)) {
                violations.add("the required request body is missing");
            }
            return;
        }
        if (requestBody.isMissingNode()) {
            violations.add("a request body is not documented");
            return;
        }
        String contentType = mediaType(header(exchange.requestHeaders(), "Content-Type"));
        JsonNode media = requestBody.path("content").path(contentType);
        if (media.isMissingNode()) {
            violations.add("request content type " + contentType + " is not documented (documented: "
                    + requestBody.path("content").propertyNames() + ")");
            return;
        }
        JsonNode instance = contentType.equals("application/x-www-form-urlencoded") ? form(body) : parse(body,
                "request body", violations);
        if (instance != null) {
            check(media.path("schema"), instance, "request body", violations);
        }
    }

    private void response(JsonNode operation, Exchange exchange, List<String> violations) {
        String status = String.valueOf(exchange.status());
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(status) ? responses.path(status)
                : responses.has(status.charAt(0) + "XX") ? responses.path(status.charAt(0) + "XX")
                : responses.path("default");
        if (response.isMissingNode()) {
            violations.add("status " + status + " is not documented (documented: " + responses.propertyNames() + ")");
            return;
        }
        String body = exchange.responseBody() == null ? "" : exchange.responseBody();
        JsonNode content = response.path("content");
        if (body.isEmpty()) {
            if (!content.isMissingNode() && !content.isEmpty()) {
                violations.add("status " + status + " documents a body, none came");
            }
            return;
        }
        if (content.isMissingNode() || content.isEmpty()) {
            violations.add("status " + status + " documents no body, one came: " + abbreviate(body));
            return;
        }
        String contentType = mediaType(exchange.responseContentType());
        JsonNode media = content.path(contentType);
        if (media.isMissingNode()) {
            violations.add("status " + status + " with content type " + contentType + " is not documented "
                    + "(documented: " + content.propertyNames() + ")");
            return;
        }
        if (contentType.equals("application/json") || contentType.endsWith("+json")) {
            JsonNode instance = parse(body, "response body", violations);
            if (instance != null) {
                check(media.path("schema"), instance, "status " + status + " body", violations);
            }
        }
    }

    private void check(JsonNode schema, JsonNode instance, String what, List<String> violations) {
        if (schema.isMissingNode()) {
            return;
        }
        Schema compiledSchema = compiled.computeIfAbsent(schema, node -> {
            ObjectNode standalone = (ObjectNode) node.deepCopy();
            standalone.set("components", components);
            return SCHEMAS.getSchema(standalone);
        });
        for (Error error : compiledSchema.validate(instance)) {
            violations.add(what + ": " + describe(error));
        }
    }

    /** The validator's own messages lose some of their arguments; these say what the keyword found. */
    private static String describe(Error error) {
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        String at = String.valueOf(error.getInstanceLocation());
        at = at.isEmpty() ? "$" : at;
        return switch (error.getKeyword()) {
            case "unevaluatedProperties", "additionalProperties" -> at + ": property " + error.getProperty()
                    + " is not in the document";
            case "required" -> at + ": the required property " + error.getProperty() + " is missing";
            case "type" -> at + ": " + (arguments.length > 1 ? arguments[0] + " where the document says "
                    + arguments[1] : error.getMessage());
            default -> at + ": " + error.getKeyword() + " " + Arrays.toString(arguments) + " ("
                    + error.getMessage() + ")";
        };
    }

    /** Every object schema that lists properties and says nothing about others admits no others. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.path("properties").isObject()
                    && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
            object.forEach(OpenApiContract::strict);
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::strict);
        }
        return node;
    }

    private static Route route(String template) {
        List<String> names = new ArrayList<>();
        Matcher variable = Pattern.compile("\\{([^}/]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start()))).append("([^/]+)");
            names.add(variable.group(1));
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        int literals = template.replaceAll("\\{[^}/]+}", "").length();
        return new Route(template, Pattern.compile(regex.toString()), names, literals);
    }

    private static JsonNode parameterValue(JsonNode schema, String value) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
                : schema.path("type").asString("string");
        try {
            return switch (type) {
                case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(value));
                case "number" -> JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value));
                case "boolean" -> value.equals("true") || value.equals("false")
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value))
                        : JsonNodeFactory.instance.stringNode(value);
                default -> JsonNodeFactory.instance.stringNode(value);
            };
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.stringNode(value);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                query.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static ObjectNode form(String body) {
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        query(body).forEach(form::put);
        return form;
    }

    private static JsonNode parse(String body, String what, List<String> violations) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            violations.add(what + " is not JSON: " + abbreviate(body));
            return null;
        }
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
