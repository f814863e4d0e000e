package com.clinicbackbone.system;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (as a Grafana panel or an alert rule writes it) selects: every identifier that
 * is not a function, an aggregation, a keyword or a label name. An identifier called like a function that PromQL does
 * not know is returned too, so a typo surfaces as an unknown name.
 */
final class PromQlNames {

    /** PromQL's functions and aggregation operators (Prometheus 3), and start()/end() of the @ modifier. */
    static final Set<String> FUNCTIONS = Set.of(
            "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time",
            "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "deg", "delta", "deriv", "double_exponential_smoothing", "exp",
            "floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
            "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "info", "irate",
            "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time",
            "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad",
            "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc",
            "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time",
            "timestamp", "vector", "year",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            "start", "end");

    /** Operators and modifiers spelled as words (case-insensitive in PromQL for inf and nan). */
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    /** Grafana's template variables: $__rate_interval, $clinic, ${clinic}, ${clinic:regex}, [[clinic]]. */
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^]]*]]");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    /** An identifier not glued to a preceding number or name part: "10m" and "1e3" hold none. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.])[a-zA-Z_:][\\w:]*");

    private PromQlNames() {
    }

    static Set<String> metricNames(String promql) {
        String text = STRINGS.matcher(promql).replaceAll(" ");
        text = VARIABLES.matcher(text).replaceAll(" ");
        text = LABEL_MATCHERS.matcher(text).replaceAll(" ");
        text = RANGES.matcher(text).replaceAll(" ");
        text = LABEL_LISTS.matcher(text).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            boolean called = text.substring(identifier.end()).stripLeading().startsWith("(");
            if (KEYWORDS.contains(name.toLowerCase(Locale.ROOT)) || called && FUNCTIONS.contains(name)) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The metric a Grafana variable query reads: {@code label_values(metric{...}, label)} and
     * {@code query_result(expr)} name metrics, {@code label_values(label)} names none.
     */
    static Set<String> variableQueryMetricNames(String query) {
        String trimmed = query.strip();
        Matcher labelValues = Pattern.compile("^label_values\\((.*),\\s*\\w+\\s*\\)$", Pattern.DOTALL).matcher(trimmed);
        if (labelValues.matches()) {
            return metricNames(labelValues.group(1));
        }
        Matcher queryResult = Pattern.compile("^query_result\\((.*)\\)$", Pattern.DOTALL).matcher(trimmed);
        if (queryResult.matches()) {
            return metricNames(queryResult.group(1));
        }
        return Set.of();
    }
}
