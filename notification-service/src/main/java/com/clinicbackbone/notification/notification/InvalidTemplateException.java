package com.clinicbackbone.notification.notification;

import java.util.List;

/** A template that may not be saved, with every reason per field ({@code subject}, {@code text}, {@code html}). */
public class InvalidTemplateException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidTemplateException(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid template"));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    public record Problem(String field, String message) {
    }
}
