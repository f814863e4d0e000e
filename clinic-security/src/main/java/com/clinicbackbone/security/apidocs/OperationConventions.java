package com.clinicbackbone.security.apidocs;

import com.clinicbackbone.security.Role;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Per operation: its id (the method's name; {@link DocumentConventions} adds the controller's where two share one),
 * its roles (from {@code @PreAuthorize}, unless the description has its own {@value #ROLES} paragraph) at the end
 * of its description, or that it is open when its
 * path is one of {@code clinic.security.public-paths}; its refusals as problems: 400 when it takes input, 401 unless
 * open, 403 when only some roles may call it, and those of {@link ProblemResponses}.
 */
class OperationConventions implements OperationCustomizer {

    private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");
    private static final Map<Integer, String> GENERAL = Map.of(
            400, "Invalid input: `errors` names each wrong field.",
            401, "No bearer token, or one that is expired, forged, from another issuer or for another audience.",
            403, "The caller's role, or clinic, does not allow this.",
            404, "Unknown, or not visible to the caller (the same answer, so that existence does not leak).",
            409, "Conflicts with the current state; `detail` says why.",
            422, "Refused by a rule: `rule` or `errors` says which.");

    private final List<PathPattern> publicPaths;

    OperationConventions(List<String> publicPaths) {
        this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** Extension naming the controller, read and removed by {@link DocumentConventions} to tell operation ids apart. */
    static final String CONTROLLER = "x-clinic-controller";
    /** Starts the roles paragraph; a description that has one already (roles checked in code) keeps its own. */
    static final String ROLES = "**Roles:**";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        operation.setOperationId(handler.getMethod().getName());
        operation.addExtension(CONTROLLER, handler.getBeanType().getSimpleName().replaceAll("Controller$", ""));
        Set<Integer> refusals = new LinkedHashSet<>();
        boolean open = isOpen(handler);
        if (open) {
            operation.setSecurity(List.of());
            operation.setDescription(paragraphs(operation.getDescription(),
                    "**Open:** no bearer token; see above for how the caller is checked instead."));
        } else {
            Set<String> roles = roles(handler);
            refusals.add(401);
            if (!roles.isEmpty() && roles.size() < Role.values().length) {
                refusals.add(403);
            }
            if (operation.getDescription() == null || !operation.getDescription().contains(ROLES)) {
                operation.setDescription(paragraphs(operation.getDescription(), ROLES + " " + (roles.isEmpty()
                        ? "every signed-in role." : String.join(", ", roles) + ".")));
            }
        }
        if (takesInput(operation)) {
            refusals.add(400);
        }
        ProblemResponses declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                ProblemResponses.class);
        if (declared == null) {
            declared = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ProblemResponses.class);
        }
        if (declared != null) {
            Arrays.stream(declared.value()).forEach(refusals::add);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        refusals.forEach(status -> responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse()));
        responses.forEach((code, response) -> asProblem(code, response));
        operation.setResponses(sorted(responses));
        return operation;
    }

    private boolean isOpen(HandlerMethod handler) {
        List<String> paths = paths(handler);
        return !publicPaths.isEmpty() && !paths.isEmpty() && paths.stream().allMatch(path -> publicPaths.stream()
                .anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path))));
    }

    private static List<String> paths(HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        List<String> prefixes = type == null || type.path().length == 0 ? List.of("") : List.of(type.path());
        List<String> suffixes = method == null || method.path().length == 0 ? List.of("") : List.of(method.path());
        List<String> paths = new ArrayList<>();
        prefixes.forEach(prefix -> suffixes.forEach(suffix -> paths.add(prefix + suffix)));
        return paths;
    }

    private static Set<String> roles(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        Set<String> roles = new LinkedHashSet<>();
        if (rule != null) {
            Matcher matcher = ROLE.matcher(rule.value());
            while (matcher.find()) {
                roles.add(matcher.group(1));
            }
        }
        return roles;
    }

    private static boolean takesInput(Operation operation) {
        return operation.getRequestBody() != null || (operation.getParameters() != null && operation.getParameters()
                .stream().map(Parameter::getIn).anyMatch(in -> "query".equals(in) || "header".equals(in)));
    }

    /**
     * An error status gets the problem body (springdoc would give an annotated one the method's return type) and,
     * without a description, the general one.
     */
    static void asProblem(String code, ApiResponse response) {
        int status = code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
        if (status < 400) {
            return;
        }
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            HttpStatus known = HttpStatus.resolve(status);
            response.setDescription(GENERAL.getOrDefault(status, known == null ? "Refused." : known.getReasonPhrase()));
        }
        if (response.getContent() == null || !response.getContent().containsKey(Schemas.PROBLEM_JSON)) {
            response.setContent(new Content().addMediaType(Schemas.PROBLEM_JSON,
                    new MediaType().schema(Schemas.ref(Schemas.PROBLEM))));
        }
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    private static String paragraphs(String first, String second) {
        return first == null || first.isBlank() ? second : first.strip() + "\n\n" + second;
    }
}
