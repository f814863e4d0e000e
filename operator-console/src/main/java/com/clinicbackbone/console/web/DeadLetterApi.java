package com.clinicbackbone.console.web;

import com.clinicbackbone.console.ConsoleProperties;
import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetterActionException;
import com.clinicbackbone.console.deadletter.DeadLetterActions;
import com.clinicbackbone.console.deadletter.DeadLetterNotFoundException;
import com.clinicbackbone.console.deadletter.DeadLetters;
import com.clinicbackbone.console.deadletter.ReplayFailedException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead letters as JSON for the signed-in operator: list, one, replay, discard (POST with the CSRF token).
 * A replay or discard of a dead letter that was already handled answers 409 problem+json naming who did what.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterApi {

    private final DeadLetters deadLetters;
    private final DeadLetterActions actions;
    private final ConsoleProperties properties;

    DeadLetterApi(DeadLetters deadLetters, DeadLetterActions actions, ConsoleProperties properties) {
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.properties = properties;
    }

    @GetMapping
    List<DeadLetterView> all() {
        return deadLetters.all().stream().map(this::view).toList();
    }

    @GetMapping("/{topic}/{partition}/{offset}")
    DeadLetterView one(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        String id = DeadLetter.idOf(topic, partition, offset);
        return view(deadLetters.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id)));
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    DeadLetterView replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                          Authentication operator) {
        return view(actions.replay(DeadLetter.idOf(topic, partition, offset), operator.getName()));
    }

    @PostMapping("/{topic}/{partition}/{offset}/discard")
    DeadLetterView discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                           Authentication operator) {
        return view(actions.discard(DeadLetter.idOf(topic, partition, offset), operator.getName()));
    }

    @ExceptionHandler(DeadLetterActionException.class)
    ProblemDetail refused(DeadLetterActionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Dead letter action refused");
        problem.setProperty("deadLetterId", e.deadLetterId());
        return problem;
    }

    @ExceptionHandler(ReplayFailedException.class)
    ProblemDetail notSent(ReplayFailedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Replay not sent");
        return problem;
    }

    @ExceptionHandler(DeadLetterNotFoundException.class)
    ProblemDetail notFound(DeadLetterNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such dead letter");
        return problem;
    }

    private DeadLetterView view(DeadLetter deadLetter) {
        return DeadLetterView.of(deadLetter, properties.zone());
    }
}
