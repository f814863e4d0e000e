package com.clinicbackbone.console.web;

import com.clinicbackbone.console.ConsoleProperties;
import com.clinicbackbone.console.bookings.Bookings;
import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetterActionException;
import com.clinicbackbone.console.deadletter.DeadLetterActions;
import com.clinicbackbone.console.deadletter.DeadLetterNotFoundException;
import com.clinicbackbone.console.deadletter.DeadLetters;
import com.clinicbackbone.console.status.http.InstanceProbe;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's pages: the overview ({@code /}) and one dead letter, with its Replay and Discard actions. */
@Controller
class ConsolePage {

    private final InstanceProbe probe;
    private final Bookings bookings;
    private final DeadLetters deadLetters;
    private final DeadLetterActions actions;
    private final ConsoleProperties properties;
    private final Clock clock;

    ConsolePage(InstanceProbe probe, Bookings bookings, DeadLetters deadLetters, DeadLetterActions actions,
                ConsoleProperties properties, Clock clock) {
        this.probe = probe;
        this.bookings = bookings;
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/")
    String overview(Model model, Authentication operator) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        Map<String, List<DeadLetterView>> byTopic = deadLetters.all().stream()
                .map(deadLetter -> DeadLetterView.of(deadLetter, properties.zone()))
                .collect(Collectors.groupingBy(DeadLetterView::topic, LinkedHashMap::new, Collectors.toList()));
        model.addAttribute("operator", operator.getName());
        model.addAttribute("overview", probe.overview());
        model.addAttribute("today", today);
        model.addAttribute("zone", properties.zone());
        model.addAttribute("bookings", bookings.bookedOn(today, properties.clinics()));
        model.addAttribute("deadLetters", byTopic);
        return "overview";
    }

    @GetMapping("/dead-letters/{topic}/{partition}/{offset}")
    String deadLetter(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                      Model model, Authentication operator) {
        String id = DeadLetter.idOf(topic, partition, offset);
        DeadLetter deadLetter = deadLetters.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        model.addAttribute("operator", operator.getName());
        model.addAttribute("deadLetter", DeadLetterView.of(deadLetter, properties.zone()));
        return "dead-letter";
    }

    @PostMapping("/dead-letters/{topic}/{partition}/{offset}/replay")
    String replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                  Authentication operator, RedirectAttributes flash) {
        String id = DeadLetter.idOf(topic, partition, offset);
        try {
            DeadLetter replayed = actions.replay(id, operator.getName());
            flash.addFlashAttribute("message", "Replayed to " + replayed.originalTopic() + ".");
        } catch (DeadLetterActionException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/dead-letters/" + id;
    }

    @PostMapping("/dead-letters/{topic}/{partition}/{offset}/discard")
    String discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                   Authentication operator, RedirectAttributes flash) {
        String id = DeadLetter.idOf(topic, partition, offset);
        try {
            actions.discard(id, operator.getName());
            flash.addFlashAttribute("message", "Discarded.");
        } catch (DeadLetterActionException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/dead-letters/" + id;
    }

    @ResponseStatus(HttpStatus.NOT_FOUND)
    @ExceptionHandler(DeadLetterNotFoundException.class)
    String notFound(DeadLetterNotFoundException e, Model model) {
        model.addAttribute("error", e.getMessage());
        return "not-found";
    }
}
