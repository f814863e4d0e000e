package com.clinicbackbone.security.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

class ApiDocsConventionsTest {

    @RequestMapping("/api/things")
    static class ThingController {

        @PostMapping
        @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
        @ProblemResponses({404, 409})
        void add() {
        }

        @GetMapping("/{id}")
        void get() {
        }
    }

    static class HookController {

        @PostMapping("/api/hooks/inbound")
        void inbound() {
        }
    }

    static class OtherController {

        @GetMapping("/api/others/{id}")
        void get() {
        }
    }

    private final OperationConventions conventions = new OperationConventions(List.of("/api/hooks/**"));

    @Test
    void theRolesOfPreAuthorizeEndTheDescriptionAndTheOtherRolesGet403() throws Exception {
        Operation operation = conventions.customize(new Operation().description("Adds a thing."),
                handler(new ThingController(), "add"));

        assertThat(operation.getDescription()).isEqualTo("Adds a thing.\n\n**Roles:** FRONT_DESK, PATIENT.");
        assertThat(operation.getResponses()).containsOnlyKeys("401", "403", "404", "409");
        assertThat(operation.getSecurity()).isNull();
    }

    @Test
    void withoutPreAuthorizeEverySignedInRoleMayCallAndNo403IsPromised() throws Exception {
        Operation operation = conventions.customize(new Operation(), handler(new ThingController(), "get"));

        assertThat(operation.getDescription()).isEqualTo("**Roles:** every signed-in role.");
        assertThat(operation.getResponses()).containsOnlyKeys("401");
    }

    @Test
    void aDescriptionThatNamesItsRolesKeepsThem() throws Exception {
        Operation operation = conventions.customize(new Operation().description("**Roles:** AUDITOR."),
                handler(new ThingController(), "get"));

        assertThat(operation.getDescription()).isEqualTo("**Roles:** AUDITOR.");
    }

    @Test
    void aPublicPathNeedsNoTokenSoItHasNo401AndNoSecurityRequirement() throws Exception {
        Operation operation = conventions.customize(new Operation().addParametersItem(
                new Parameter().in("header").name("X-Signature")), handler(new HookController(), "inbound"));

        assertThat(operation.getSecurity()).isEmpty();
        assertThat(operation.getDescription()).startsWith("**Open:**");
        assertThat(operation.getResponses()).containsOnlyKeys("400");
    }

    @Test
    void everyRefusalGetsTheProblemBodyEvenWhereSpringdocGaveTheMethodsReturnType() throws Exception {
        ApiResponse annotated = new ApiResponse().description("Taken.").content(new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().type("object"))));
        Operation operation = conventions.customize(new Operation().responses(new ApiResponses()
                .addApiResponse("409", annotated)), handler(new ThingController(), "add"));

        assertThat(operation.getResponses().get("409").getDescription()).isEqualTo("Taken.");
        assertThat(operation.getResponses().values()).allSatisfy(response -> {
            assertThat(response.getContent()).containsOnlyKeys("application/problem+json");
            assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/Problem");
            assertThat(response.getDescription()).isNotBlank();
        });
    }

    @Test
    void theProblemSchemaHasTheStandardMembersRuleErrorsAndTheServicesOwn() {
        OpenAPI openApi = new OpenAPI();
        new DocumentConventions(List.of(new ProblemMembers(Map.of("session", ProblemMembers.integer("Which one.")))))
                .customise(openApi);

        Schema<?> problem = openApi.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsOnlyKeys("type", "title", "status", "detail", "instance", "rule",
                "errors", "session");
        assertThat(problem.getProperties().get("errors").getItems().get$ref())
                .isEqualTo("#/components/schemas/FieldError");
    }

    @Test
    void operationIdsSharedByTwoControllersNameTheirController() throws Exception {
        Operation thing = conventions.customize(new Operation(), handler(new ThingController(), "get"));
        Operation other = conventions.customize(new Operation(), handler(new OtherController(), "get"));
        Operation add = conventions.customize(new Operation(), handler(new ThingController(), "add"));
        OpenAPI openApi = new OpenAPI().paths(new Paths()
                .addPathItem("/api/things/{id}", new PathItem().get(thing))
                .addPathItem("/api/others/{id}", new PathItem().get(other))
                .addPathItem("/api/things", new PathItem().post(add)));

        new DocumentConventions(List.of()).customise(openApi);

        assertThat(List.of(thing.getOperationId(), other.getOperationId(), add.getOperationId()))
                .containsExactly("getThing", "getOther", "add");
        assertThat(thing.getExtensions()).isNull();
    }

    record Inner(String text) {
    }

    record Shown(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String note, int count,
                 @NotBlank String name, Inner inner) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Quiet(String id) {
    }

    @Test
    void aRecordsPropertiesThatJacksonWritesAsNullAdmitNull() {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(new NullableProperties());

        Map<String, Schema> shown = converters.readAll(Shown.class);
        Map<String, Schema> quiet = converters.readAll(Quiet.class);

        Map<String, Schema> properties = shown.get("Shown").getProperties();
        assertThat(properties.get("id").getTypes()).containsExactlyInAnyOrder("string", "null");
        assertThat(properties.get("note").getTypes()).containsExactly("string");
        assertThat(properties.get("count").getTypes()).containsExactly("integer");
        assertThat(properties.get("name").getTypes()).containsExactly("string");
        assertThat(properties.get("inner").getAnyOf()).hasSize(2);
        assertThat(((Schema<?>) quiet.get("Quiet").getProperties().get("id")).getTypes()).containsExactly("string");
    }

    private static HandlerMethod handler(Object controller, String method) throws NoSuchMethodException {
        return new HandlerMethod(controller, controller.getClass().getDeclaredMethod(method));
    }
}
