package com.clinicbackbone.notification.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;

/** The form fields of a Twilio webhook (status callback or inbound message), as its signature covers them. */
public final class TwilioForm {

    private TwilioForm() {
    }

    /** The form body's parameters: the request's parameters without those of the query string. */
    public static Map<String, List<String>> postParameters(HttpServletRequest request) {
        Set<String> query = request.getQueryString() == null ? Set.of()
                : UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                        .keySet();
        Map<String, List<String>> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!query.contains(name)) {
                form.put(name, Arrays.asList(values));
            }
        });
        return form;
    }

    /** The field's first value, or null when it is missing or blank. */
    public static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }
}
