package com.clinicbackbone.notification.notification.web;

import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.InvalidTemplateException;
import com.clinicbackbone.notification.notification.MessageTemplate;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.TemplateKey;
import com.clinicbackbone.notification.notification.Templates;
import com.clinicbackbone.notification.web.BadRequestException.FieldProblem;
import com.clinicbackbone.notification.web.BadRequestException;
import com.clinicbackbone.notification.web.ClinicNotFoundException;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /api/clinics/{clinicId}/templates/{kind}/{language}/{channel}}: the template in force (the
 * clinic's own or the built-in one) with the placeholders it may use. The clinic's front desk reads and replaces
 * it, an operator may read it. A template is checked before it is saved: unknown placeholders, and for SMS the
 * clinic's name and more than two segments with the longest values, are refused (400, nothing saved).
 */
@Tag(name = "Message templates", description = "The texts of the messages, per clinic, kind, language and channel.")
@RestController
class TemplateController {

    private static final String PATH = "/api/clinics/{clinicId}/templates/{kind}/{language}/{channel}";

    private final Templates templates;
    private final Clinics clinics;

    TemplateController(Templates templates, Clinics clinics) {
        this.templates = templates;
        this.clinics = clinics;
    }

    @Operation(summary = "Read a message template", description = """
            The template in force (the clinic's own, or the built-in one: `builtIn`) with the placeholders it may \
            use. `kind`: CONFIRMATION, REMINDER, CHANGE, CANCELLATION, AFTERCARE ...; `language`: en, fr; \
            `channel`: EMAIL, SMS.

            **Roles:** FRONT_DESK (its clinic), OPERATOR.""")
    @ProblemResponses({403, 404})
    @GetMapping(PATH)
    TemplateView get(Caller caller, @PathVariable String clinicId, @PathVariable String kind,
                     @PathVariable String language, @PathVariable String channel) {
        if (!(caller.is(Role.OPERATOR) || caller.is(Role.FRONT_DESK) && caller.worksAt(clinicId))) {
            throw new AccessDeniedException("templates are for the clinic's front desk and operators");
        }
        TemplateKey key = key(clinicId, kind, language, channel);
        return TemplateView.of(templates.current(key), key, templates.isBuiltIn(key));
    }

    @Operation(summary = "Replace a message template", description = """
            Checked before it is saved: unknown placeholders, and for SMS the clinic's name or more than two \
            segments with the longest values, are refused (400 naming the measured length and encoding; nothing \
            saved).

            **Roles:** FRONT_DESK (its clinic).""")
    @ProblemResponses({403, 404})
    @PutMapping(PATH)
    TemplateView put(Caller caller, @PathVariable String clinicId, @PathVariable String kind,
                     @PathVariable String language, @PathVariable String channel,
                     @RequestBody TemplateBody body) {
        if (!(caller.is(Role.FRONT_DESK) && caller.worksAt(clinicId))) {
            throw new AccessDeniedException("only the clinic's front desk changes its templates");
        }
        TemplateKey key = key(clinicId, kind, language, channel);
        MessageTemplate template = new MessageTemplate(body.subject(), body.text(), body.html());
        try {
            templates.save(key, template);
        } catch (InvalidTemplateException e) {
            throw new BadRequestException("The template was not saved: " + e.getMessage() + ".", e.problems()
                    .stream().map(problem -> new FieldProblem(problem.field(), problem.message())).toList());
        }
        return TemplateView.of(template, key, false);
    }

    private TemplateKey key(String clinicId, String kind, String language, String channel) {
        if (!clinics.isKnown(clinicId)) {
            throw new ClinicNotFoundException(clinicId);
        }
        List<FieldProblem> problems = new ArrayList<>();
        NotificationKind parsedKind = parse(NotificationKind.class, kind, "kind", problems);
        Channel parsedChannel = parse(Channel.class, channel, "channel", problems);
        String parsedLanguage = language.toLowerCase(Locale.ROOT);
        if (!TemplateKey.LANGUAGES.contains(parsedLanguage)) {
            problems.add(new FieldProblem("language", "'" + language + "' is not one of " + TemplateKey.LANGUAGES));
        }
        if (parsedKind == NotificationKind.AFTERCARE && parsedChannel == Channel.SMS) {
            problems.add(new FieldProblem("channel", "aftercare is sent by email only"));
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException("No such template.", problems);
        }
        return new TemplateKey(clinicId, parsedKind, parsedLanguage, parsedChannel);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> problems) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    record TemplateBody(String subject, String text, String html) {
    }

    record TemplateView(String kind, String language, String channel, String subject, String text, String html,
                        List<String> placeholders, boolean builtIn) {

        static TemplateView of(MessageTemplate template, TemplateKey key, boolean builtIn) {
            return new TemplateView(key.kind().name(), key.language(), key.channel().name(), template.subject(),
                    template.text(), template.html(), List.copyOf(new TreeSet<>(Templates.placeholders(key))),
                    builtIn);
        }
    }
}
