package com.clinicbackbone.booking.recall.web;

import com.clinicbackbone.booking.recall.Recall;
import com.clinicbackbone.booking.recall.RecallNotFoundException;
import com.clinicbackbone.booking.recall.RecallService;
import com.clinicbackbone.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The front desk's "to recall" list of its clinic and marking one handled (another clinic's: 403 for the list, 404 for
 * a recall); every other role 403.
 */
@RestController
@RequestMapping("/api/recalls")
class RecallController {

    private final RecallService recalls;

    RecallController(RecallService recalls) {
        this.recalls = recalls;
    }

    /** The clinic's open recalls, oldest first. */
    @GetMapping(params = "clinicId")
    @PreAuthorize("hasRole('FRONT_DESK')")
    List<RecallResponse> open(@RequestParam String clinicId, Caller caller) {
        if (!caller.worksAt(clinicId)) {
            throw new AccessDeniedException("the front desk sees the recalls of their clinic only");
        }
        return recalls.open(clinicId).stream().map(RecallResponse::of).toList();
    }

    /** Marks the recall handled (closed: no more invitations); again: as it is. */
    @PostMapping("/{id}/handled")
    @PreAuthorize("hasRole('FRONT_DESK')")
    RecallResponse handled(@PathVariable String id, Caller caller) {
        Recall recall = recalls.get(id);
        if (!caller.worksAt(recall.clinicId())) {
            throw new RecallNotFoundException(id);
        }
        return RecallResponse.of(recalls.handled(id));
    }

    @ExceptionHandler
    ProblemDetail notFound(RecallNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    /** A recall: whom to invite to book what, why, since when; once closed, why and when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecallResponse(String id, String patientId, String clinicId, String serviceId, String practitionerId,
                          String reason, String appointmentId, String courseId, Instant openedAt, String status,
                          String closedReason, Instant closedAt) {

        static RecallResponse of(Recall recall) {
            return new RecallResponse(recall.id(), recall.patientId(), recall.clinicId(), recall.serviceId(),
                    recall.practitionerId(), recall.reason(), recall.appointmentId(), recall.courseId(),
                    recall.openedAt(), recall.status().name(), recall.closedReason(), recall.closedAt());
        }
    }
}
