package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The name extraction behind EmbeddedBackboneSystemTest's dashboard step, on expressions and scrapes of known shape. */
class DashboardMetricsTest {

    @Test
    void findsTheHistogramSeriesInsideAQuantileNotItsLabelsFunctionsOrGrafanaVariables() {
        assertThat(PromQlNames.metricNames("histogram_quantile(0.95, sum by (le, application) "
                + "(rate(http_server_requests_seconds_bucket{application=~\"$application\", uri!~\"/actuator.*\"}"
                + "[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
    }

    @Test
    void findsBothSidesOfABinaryOperationWithVectorMatching() {
        assertThat(PromQlNames.metricNames("sum by (clinic) (increase(clinic_reminders_total{stage=\"failed\"}[15m]))"
                + " / on (clinic) group_left sum(clinic_bookings_total) > bool 0.05"))
                .containsExactlyInAnyOrder("clinic_reminders_total", "clinic_bookings_total");
        assertThat(PromQlNames.metricNames("a_total and on (job, instance) (up offset 10m == 1) unless b @ start()"))
                .containsExactlyInAnyOrder("a_total", "up", "b");
    }

    @Test
    void ignoresNumbersDurationsStringsAndAggregationClausesAfterTheExpression() {
        assertThat(PromQlNames.metricNames("sum(rate(jvm_gc_pause_seconds_sum[5m] offset 1h)) by (cause) * 1e3 + 0x1F"))
                .containsExactly("jvm_gc_pause_seconds_sum");
        assertThat(PromQlNames.metricNames("label_replace(up, \"svc\", \"$1\", \"instance\", \"(by|on)(.*)\")"))
                .containsExactly("up");
        assertThat(PromQlNames.metricNames("count_values(\"version\", build_info) or vector(0) > Inf"))
                .containsExactly("build_info");
    }

    @Test
    void reportsAnUnknownFunctionAsAName() {
        assertThat(PromQlNames.metricNames("histogram_quantil(0.9, rate(x_bucket[1m]))"))
                .containsExactlyInAnyOrder("histogram_quantil", "x_bucket");
    }

    @Test
    void readsTheMetricOfAVariableQueryButNotTheLabel() {
        assertThat(PromQlNames.variableQueryMetricNames("label_values(jvm_memory_used_bytes{area=\"heap\", id=~\"G1.*\"}, application)"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQlNames.variableQueryMetricNames("label_values(application)")).isEmpty();
        assertThat(PromQlNames.variableQueryMetricNames("query_result(topk(3, clinic_outbox_pending))"))
                .containsExactly("clinic_outbox_pending");
    }

    @Test
    void knowsTheSeriesOfHistogramsSummariesAndCountersOfAScrape() {
        Set<String> names = DashboardMetrics.exportedNames("""
                # HELP http_server_requests_seconds
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{application="booking-service",le="0.1"} 3
                # TYPE clinic_bookings counter
                clinic_bookings_total{clinic="running-shoe",outcome="booked"} 1.0
                # TYPE clinic_outbox_pending gauge
                clinic_outbox_pending{collection="appointments"} 0.0
                # TYPE jvm_gc_pause_seconds summary
                jvm_gc_pause_seconds_max{action="end of minor GC"} 0.01
                """);

        assertThat(names).contains("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "http_server_requests_seconds_sum", "clinic_bookings_total", "clinic_outbox_pending",
                "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_max");
        assertThat(names).doesNotContain("clinic_outbox_pending_total", "clinic_bookings_bucket");
    }

    @Test
    void listsEachUnknownNameWithThePanelsOrRulesNamingIt() {
        var dashboard = JsonMapper.builder().build().readTree("""
                {"panels": [
                  {"title": "Lag", "targets": [{"expr": "sum(spring_cloud_stream_binder_kafka_offset)"}]},
                  {"type": "row", "title": "More", "panels": [
                    {"title": "Typo", "targets": [{"expr": "rate(clinic_booking_total[5m])"}]}]}],
                 "templating": {"list": [
                   {"name": "clinic", "type": "query", "query": {"query": "label_values(clinic_bookings_total, clinic)"}}]}}
                """);
        List<DashboardMetrics.Query> queries = new java.util.ArrayList<>(DashboardMetrics.dashboardQueries("d.json", dashboard));
        queries.addAll(DashboardMetrics.ruleQueries("r.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Down
                        expr: up == 0
                      - alert: Stuck
                        expr: clinic_outbox_age_seconds > 60
                """));

        Map<String, Set<String>> unknown = DashboardMetrics.unknownNames(queries,
                Set.of("spring_cloud_stream_binder_kafka_offset", "clinic_bookings_total"));

        assertThat(unknown).containsOnly(
                Map.entry("clinic_booking_total", Set.of("d.json panel \"Typo\"")),
                Map.entry("clinic_outbox_age_seconds", Set.of("r.yml rule Stuck")));
    }

    @Test
    void findsQueriesInEveryDashboardAndRuleFileOfTheCheckout() {
        List<DashboardMetrics.Query> queries = DashboardMetrics.queries(RepoRoot.find());

        assertThat(queries).allSatisfy(query -> assertThat(query.metricNames()).as(query.toString()).isNotEmpty());
        assertThat(queries).extracting(query -> query.source().split(" ")[0]).contains(
                "compose/grafana/dashboards/clinic-overview.json", "compose/grafana/dashboards/clinic-booking.json",
                "compose/grafana/dashboards/clinic-reminders.json", "compose/grafana/dashboards/clinic-kafka.json",
                "compose/grafana/dashboards/clinic-jvm.json", "compose/prometheus/rules/clinic-backbone-alerts.yml");
    }
}
