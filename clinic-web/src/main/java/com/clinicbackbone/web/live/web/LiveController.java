package com.clinicbackbone.web.live.web;

import com.clinicbackbone.web.live.LiveUpdates;
import com.clinicbackbone.web.signin.Person;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live streams: a desk's page on one of its clinics, a practitioner's day across their clinics. */
@RestController
class LiveController {

    private final LiveUpdates live;

    LiveController(LiveUpdates live) {
        this.live = live;
    }

    @GetMapping(path = "/desk/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter desk(@RequestParam String clinicId, Authentication authentication) {
        Person person = Person.of(authentication);
        if (person == null || !person.worksAt(clinicId)) {
            throw new AccessDeniedException("not a clinic of this desk");
        }
        return live.open(Set.of(clinicId));
    }

    @GetMapping(path = "/practitioner/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter practitioner(Authentication authentication) {
        return live.open(Person.of(authentication).clinicIds());
    }
}
