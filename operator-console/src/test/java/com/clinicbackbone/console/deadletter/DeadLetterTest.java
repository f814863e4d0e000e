package com.clinicbackbone.console.deadletter;

import static com.clinicbackbone.console.deadletter.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.console.deadletter.DeadLetter.Header;
import com.clinicbackbone.console.deadletter.DeadLetter.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T21:00:00Z");

    @Test
    void readsOriginAndErrorFromTheBinderHeadersAndDropsTheStackTrace() {
        DeadLetter letter = deadLetter().atOffset(7).build();

        assertThat(letter.id()).isEqualTo(DeadLetterFixture.DLQ + "/0/7");
        assertThat(letter.originalTopic()).isEqualTo("clinic.appointments.v1");
        assertThat(letter.errorType()).isEqualTo("org.springframework.dao.DataAccessResourceFailureException");
        assertThat(letter.errorMessage()).isEqualTo("Timed out while waiting for a server");
        assertThat(letter.headers()).extracting(Header::name).doesNotContain(DeadLetter.EXCEPTION_STACKTRACE);
        assertThat(letter.state()).isEqualTo(State.NEW);
    }

    @Test
    void showsTheBinderBinaryNumbersAsNumbers() {
        DeadLetter letter = deadLetter().build();

        assertThat(letter.headers()).filteredOn(h -> h.name().startsWith("x-original-p")).extracting(Header::text)
                .containsExactly("2");
        assertThat(letter.headers()).filteredOn(h -> h.name().equals("x-original-offset")).extracting(Header::text)
                .containsExactly("41");
    }

    @Test
    void replaysOnlyTheEventHeaders() {
        assertThat(deadLetter().build().eventHeaders()).extracting(Header::name)
                .containsExactly("ce_id", "ce_type", "ce_subject", "ce_clinicid", "content-type");
    }

    @Test
    void recordsWhoReplayedAndWhen() {
        DeadLetter replayed = deadLetter().build().replayed("operator", NOW);

        assertThat(replayed.state()).isEqualTo(State.REPLAYED);
        assertThat(replayed.handledBy()).isEqualTo("operator");
        assertThat(replayed.handledAt()).isEqualTo(NOW);
    }

    @Test
    void refusesASecondReplayNamingWhoHandledIt() {
        DeadLetter replayed = deadLetter().build().replayed("operator", NOW);

        assertThatThrownBy(() -> replayed.replayed("operator", NOW.plusSeconds(5)))
                .isInstanceOf(DeadLetterActionException.class)
                .hasMessageContaining("already replayed by operator at 2026-11-25T21:00:00Z");
    }

    @Test
    void refusesToDiscardAReplayedOneAndToReplayADiscardedOne() {
        DeadLetter replayed = deadLetter().build().replayed("operator", NOW);
        DeadLetter discarded = deadLetter().build().discarded("operator", NOW);

        assertThat(discarded.state()).isEqualTo(State.DISCARDED);
        assertThatThrownBy(() -> replayed.discarded("operator", NOW)).hasMessageContaining("already replayed");
        assertThatThrownBy(() -> discarded.replayed("operator", NOW)).hasMessageContaining("already discarded");
    }

    @Test
    void refusesToReplayWithoutAnOriginalTopic() {
        DeadLetter orphan = deadLetter().withoutHeader(DeadLetter.ORIGINAL_TOPIC).build();

        assertThatThrownBy(() -> orphan.replayed("operator", NOW)).isInstanceOf(DeadLetterActionException.class)
                .hasMessageContaining("cannot be replayed, only discarded");
        assertThat(orphan.discarded("operator", NOW).state()).isEqualTo(State.DISCARDED);
    }
}
