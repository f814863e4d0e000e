package com.clinicbackbone.booking.web;

import com.clinicbackbone.security.apidocs.ProblemMembers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What booking-service adds to the conventions of clinic-security's {@code apidocs}: the extension members of its
 * problems, and the operations springdoc cannot describe from the controllers alone (the three lists of
 * {@code GET /api/appointments}, told apart by their query parameters, are one operation in OpenAPI).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    @Bean
    ProblemMembers bookingProblemMembers() {
        return new ProblemMembers(Map.of(
                "reason", ProblemMembers.text("Why the patient cannot be booked (`UNKNOWN`, `ERASED`, `MERGED`, "
                        + "`NOT_LINKED`), or why a course session cannot be placed."),
                "survivingPatientId", ProblemMembers.text("The record a merged patient now lives on."),
                "appointmentStatus", ProblemMembers.text("The appointment's status when it rules the change out."),
                "lateCancellationWindow", ProblemMembers.text("The service's late-cancellation window (ISO-8601)."),
                "session", ProblemMembers.integer("The course session (from 1) that cannot be booked or moved."),
                "neighbour", ProblemMembers.integer("The neighbouring session whose gap the move breaks."),
                "allowedFrom", ProblemMembers.text("The first clinic-local date the session's gaps allow."),
                "allowedTo", ProblemMembers.text("The last clinic-local date the session's gaps allow."),
                "alternatives", ProblemMembers.texts("Up to five free starts (UTC) nearest the one asked for.")));
    }

    @Bean
    OpenApiCustomizer bookingOperations() {
        return openApi -> {
            describe(openApi);
            describeWaitlistAndRecalls(openApi);
        };
    }

    static void describe(OpenAPI openApi) {
        Operation lists = operation(openApi, "/api/appointments", PathItem.HttpMethod.GET);
        if (lists != null) {
            lists.operationId("listAppointments").summary("List appointments: a clinic's day, a practitioner's day or a patient's appointments")
                    .description("""
                            Give exactly one of:
                            - `clinicId` and `date` (clinic-local): the front desk's day at its clinic, by start;
                            - `practitionerId` and `date` (clinic-local): a practitioner's day across clinics, their \
                            own or, for the front desk, those at its clinics;
                            - `patientId`, optional `from` and `to` (UTC dates; 400 days back and ahead by default, \
                            at most 800 days): the patient their own, staff those they may see (others are left \
                            out).

                            **Roles:** FRONT_DESK (clinic or practitioner day, a patient), PRACTITIONER (own day, a \
                            patient), PATIENT (own list).""");
            lists.getParameters().forEach(parameter -> parameter.setRequired(false));
            lists.getParameters().forEach(parameter -> parameter.setDescription(switch (parameter.getName()) {
                case "clinicId" -> "The clinic whose day to list (with `date`).";
                case "practitionerId" -> "The practitioner whose day to list (with `date`).";
                case "patientId" -> "The patient whose appointments to list.";
                case "date" -> "The clinic-local date of the day, e.g. `2026-03-02`.";
                case "from" -> "With `patientId`: the first UTC date.";
                case "to" -> "With `patientId`: the last UTC date.";
                default -> parameter.getDescription();
            }));
        }
    }

    /**
     * The waitlist and recall endpoints, described here until their controllers carry their own {@code @Operation}
     * and {@code @ProblemResponses} (they were being written while the API got its document).
     */
    static void describeWaitlistAndRecalls(OpenAPI openApi) {
        openApi.addTagsItem(new Tag().name("Waitlist").description("Patients waiting for freed time, and its offers."))
                .addTagsItem(new Tag().name("Recalls").description("Patients to invite back to finish a treatment."));
        describe(openApi, "/api/waitlist", PathItem.HttpMethod.POST, "Put a patient on the waitlist", """
                The patient waits for the service at the clinic (with one practitioner or any) on the clinic-local \
                dates `from`..`to`, optionally on some weekdays and in some time windows; freed time is offered to \
                the oldest matching entry by SMS. With an `Idempotency-Key` a retry adds nothing more and gets the \
                first answer again (`Idempotent-Replayed: true`). The front desk of the clinic, or the patient \
                themself.""", Map.of("201", json("Waiting (`status: WAITING`); `Location` is the entry's URL.",
                "WaitlistEntryResponse"), "200", NONE, "403", GENERAL, "422", GENERAL));
        describe(openApi, "/api/waitlist/{id}", PathItem.HttpMethod.GET, "Read a waitlist entry",
                "Its status, the open `offer` and, once booked, the `appointmentId`.", Map.of("404", GENERAL));
        describe(openApi, "/api/waitlist", PathItem.HttpMethod.GET, "List the waitlist of a service",
                "The entries still waiting or with an offer open, in order of entry (the clinic's front desk).",
                Map.of());
        describe(openApi, "/api/waitlist/{id}", PathItem.HttpMethod.DELETE, "Withdraw a waitlist entry",
                "An open offer's time goes to the next entry.", Map.of("404", GENERAL,
                        "409", new ApiResponse().description("The entry is already booked or closed.")));
        describe(openApi, "/api/waitlist/{id}/accept", PathItem.HttpMethod.POST, "Take a waitlist offer", """
                Books the held time for the patient through the booking rules: the entry becomes BOOKED with its \
                `appointmentId`.""", Map.of("404", GENERAL, "409", new ApiResponse().description(
                "The offer is not open (expired, answered, another offer), or the rules refuse it now (it then goes "
                        + "to the next entry).")));
        describe(openApi, "/api/waitlist/{id}/decline", PathItem.HttpMethod.POST, "Pass on a waitlist offer",
                "Its time goes to the next entry; the entry waits on.", Map.of("404", GENERAL,
                        "409", new ApiResponse().description("The offer is not open.")));
        describe(openApi, "/api/recalls", PathItem.HttpMethod.GET, "List a clinic's open recalls",
                "Patients to invite to book what their treatment still needs, oldest first.", Map.of());
        describe(openApi, "/api/recalls/{id}/handled", PathItem.HttpMethod.POST, "Mark a recall handled",
                "Closes it: no more invitations. Again: as it is.", Map.of("404", GENERAL));
    }

    /** Marks a response to drop. */
    private static final ApiResponse NONE = new ApiResponse();
    /** A refusal with the general description of its status (clinic-security's conventions fill it in). */
    private static final ApiResponse GENERAL = new ApiResponse();

    private static void describe(OpenAPI openApi, String path, PathItem.HttpMethod method, String summary,
                                 String description, Map<String, ApiResponse> responses) {
        Operation operation = operation(openApi, path, method);
        if (operation == null || operation.getSummary() != null) {
            return;
        }
        operation.summary(summary).description(description + "\n\n" + operation.getDescription())
                .tags(List.of(path.startsWith("/api/waitlist") ? "Waitlist" : "Recalls"));
        responses.forEach((status, response) -> {
            if (response == NONE) {
                operation.getResponses().remove(status);
            } else {
                operation.getResponses().addApiResponse(status, response == GENERAL ? new ApiResponse() : response);
            }
        });
    }

    static Operation operation(OpenAPI openApi, String path, PathItem.HttpMethod method) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        return item == null ? null : item.readOperationsMap().get(method);
    }

    static ApiResponse json(String description, String schema) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }
}
