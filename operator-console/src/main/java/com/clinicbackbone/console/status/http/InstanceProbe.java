package com.clinicbackbone.console.status.http;

import com.clinicbackbone.console.ConsoleProperties;
import com.clinicbackbone.console.ConsoleProperties.Instance;
import com.clinicbackbone.console.status.InstanceStatus;
import com.clinicbackbone.console.status.Overview;
import com.clinicbackbone.console.status.PrometheusText;
import com.clinicbackbone.console.status.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every configured instance for {@code /actuator/health} and {@code /actuator/prometheus}, all at once, each
 * with a short timeout. An instance that does not answer is DOWN with the reason; it never fails the page.
 */
@Component
public class InstanceProbe {

    private final ConsoleProperties properties;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    InstanceProbe(ConsoleProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    }

    public Overview overview() {
        List<CompletableFuture<InstanceStatus>> probes = properties.instances().stream().map(this::probe).toList();
        return Overview.of(probes.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<InstanceStatus> probe(Instance instance) {
        CompletableFuture<HttpResponse<String>> health = get(instance.url(), "/actuator/health");
        CompletableFuture<HttpResponse<String>> metrics = get(instance.url(), "/actuator/prometheus");
        return health.handle((response, error) -> response).thenCombine(metrics.handle((response, error) -> response),
                (healthResponse, metricsResponse) -> {
                    String[] state = health(healthResponse, health);
                    List<Sample> samples = List.of();
                    String metricsError = null;
                    if (metricsResponse != null && metricsResponse.statusCode() == 200) {
                        samples = PrometheusText.parse(metricsResponse.body());
                    } else {
                        metricsError = metricsResponse == null ? reason(metrics) : "HTTP " + metricsResponse.statusCode();
                    }
                    return new InstanceStatus(instance.name(), instance.url().toString(), state[0], state[1], samples,
                            metricsError);
                });
    }

    /** {status, reason}: the reported status, or DOWN with why there is none. */
    private String[] health(HttpResponse<String> response, CompletableFuture<HttpResponse<String>> call) {
        if (response == null) {
            return new String[] {"DOWN", reason(call)};
        }
        String status = null;
        try {
            JsonNode node = json.readTree(response.body()).get("status");
            status = node == null ? null : node.asString();
        } catch (RuntimeException e) {
            // not JSON: handled below
        }
        if (status == null) {
            return new String[] {"DOWN", "HTTP " + response.statusCode() + " without a health status"};
        }
        return new String[] {status, response.statusCode() == 200 ? "" : "HTTP " + response.statusCode()};
    }

    private CompletableFuture<HttpResponse<String>> get(URI base, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                    .timeout(properties.requestTimeout()).GET().build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Why the call failed, e.g. "ConnectException (connection refused)"; never throws. */
    private static String reason(CompletableFuture<?> call) {
        try {
            call.join();
            return "no answer";
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            while (cause.getCause() != null && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            String message = cause.getMessage();
            return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
