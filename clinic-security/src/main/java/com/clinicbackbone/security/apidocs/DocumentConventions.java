package com.clinicbackbone.security.apidocs;

import com.clinicbackbone.security.DemoPersona;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The document as a whole: the shared {@code Problem} schema (RFC 9457 members, {@code rule}, {@code errors} and the
 * service's own {@link ProblemMembers}) as the body of every error response (also of those a service's own
 * customizer added), examples from the demo data for the ids every service shares, and tags in name order so that
 * the document is the same on every run. Runs after the service's own customizers.
 */
class DocumentConventions implements OpenApiCustomizer {

    /** Properties and parameters of these names get the demo value as example when they have none. */
    static final Map<String, String> EXAMPLES = Map.of(
            "clinicId", "running-shoe",
            "serviceId", "physio-follow-up",
            "practitionerId", "maya-chen",
            "patientId", DemoPersona.ANN_LEE_ID,
            "timeZone", "America/Edmonton");

    private final List<ProblemMembers> members;

    DocumentConventions(List<ProblemMembers> members) {
        this.members = members;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(Schemas.FIELD_ERROR, fieldError());
        components.addSchemas(Schemas.PROBLEM, problem());
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(DocumentConventions::examples);
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() != null) {
                    operation.getResponses().forEach(OperationConventions::asProblem);
                }
                if (operation.getParameters() != null) {
                    operation.getParameters().stream()
                            .filter(parameter -> parameter.getExample() == null && parameter.getExamples() == null)
                            .filter(parameter -> EXAMPLES.containsKey(parameter.getName()))
                            .forEach(parameter -> parameter.setExample(EXAMPLES.get(parameter.getName())));
                }
            }));
        }
        operationIds(openApi);
        if (openApi.getTags() != null) {
            openApi.setTags(openApi.getTags().stream().sorted(Comparator.comparing(Tag::getName)).toList());
        }
    }

    /**
     * An operation id is its method's name; where methods of several controllers share a name, each gets its
     * controller's too ({@code get} of AppointmentController: {@code getAppointment}), whatever order springdoc met
     * them in.
     */
    private static void operationIds(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        List<Operation> operations = openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream()).toList();
        Map<String, Long> uses = operations.stream().collect(Collectors.groupingBy(
                operation -> String.valueOf(operation.getOperationId()), Collectors.counting()));
        for (Operation operation : operations) {
            Object controller = operation.getExtensions() == null ? null
                    : operation.getExtensions().remove(OperationConventions.CONTROLLER);
            if (operation.getExtensions() != null && operation.getExtensions().isEmpty()) {
                operation.setExtensions(null);
            }
            if (controller != null && uses.getOrDefault(operation.getOperationId(), 0L) > 1) {
                operation.setOperationId(operation.getOperationId() + controller);
            }
        }
    }

    private static Schema<?> fieldError() {
        return Schemas.of("object").description("One wrong field of a refused request.")
                .addProperty("field", Schemas.of("string")
                        .description("The field, dotted for nested ones (e.g. `weekly[0].start`), or a header name."))
                .addProperty("message", Schemas.of("string").description("What is wrong with it."))
                .required(List.of("field", "message"));
    }

    private Schema<?> problem() {
        Schema<?> problem = Schemas.of("object").description("""
                        A refusal as an RFC 9457 problem (`application/problem+json`). Besides the standard members it \
                        carries `errors` (the wrong fields) and `rule` (the rule that refused) where they apply.""")
                .addProperty("type", Schemas.of("string").format("uri-reference")
                        .description("A URI naming the kind of problem; `about:blank` when the status says it all."))
                .addProperty("title", Schemas.of("string").description("A short summary of the kind of problem."))
                .addProperty("status", Schemas.of("integer").format("int32").description("The HTTP status."))
                .addProperty("detail", Schemas.of("string").description("What went wrong, for a person to read."))
                .addProperty("instance", Schemas.of("string").format("uri-reference")
                        .description("The request path that was refused."))
                .addProperty("rule", Schemas.of("string")
                        .description("The rule that refused the request, e.g. `OUTSIDE_HOURS`."))
                .addProperty("errors", Schemas.of("array").items(Schemas.ref(Schemas.FIELD_ERROR))
                        .description("Each wrong field of the request."));
        new TreeMap<>(members.stream().flatMap(it -> it.members().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a)))
                .forEach(problem::addProperty);
        return problem.required(List.of("status", "title"));
    }

    private static void examples(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            Set<String> types = property.getTypes();
            boolean text = "string".equals(property.getType()) || (types != null && types.contains("string"));
            if (text && property.getExample() == null && property.getExamples() == null
                    && EXAMPLES.containsKey(name)) {
                property.setExample(EXAMPLES.get(name));
            }
        });
    }
}
