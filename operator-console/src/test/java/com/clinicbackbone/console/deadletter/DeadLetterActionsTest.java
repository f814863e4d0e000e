package com.clinicbackbone.console.deadletter;

import static com.clinicbackbone.console.deadletter.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.console.deadletter.DeadLetter.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterActionsTest {

    private final InMemoryDeadLetters store = new InMemoryDeadLetters();
    private final List<DeadLetter> sent = new ArrayList<>();
    private boolean brokerDown;
    private final DeadLetterActions actions = new DeadLetterActions(store, letter -> {
        if (brokerDown) {
            throw new IllegalStateException("broker down");
        }
        sent.add(letter);
    }, Clock.fixed(Instant.parse("2026-11-25T21:00:00Z"), ZoneOffset.UTC));

    @Test
    void replaysOnceAndRecordsTheOperator() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);

        actions.replay(letter.id(), "operator");

        assertThat(sent).extracting(DeadLetter::id).containsExactly(letter.id());
        assertThat(store.find(letter.id()).orElseThrow()).extracting(DeadLetter::state, DeadLetter::handledBy)
                .containsExactly(State.REPLAYED, "operator");
        assertThatThrownBy(() -> actions.replay(letter.id(), "operator")).isInstanceOf(DeadLetterActionException.class)
                .hasMessageContaining("already replayed");
        assertThat(sent).hasSize(1);
    }

    @Test
    void keepsTheDeadLetterNewWhenTheBrokerDoesNotTakeTheReplay() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);
        brokerDown = true;

        assertThatThrownBy(() -> actions.replay(letter.id(), "operator")).isInstanceOf(ReplayFailedException.class);

        assertThat(store.find(letter.id()).orElseThrow().state()).isEqualTo(State.NEW);
    }

    @Test
    void discardsWithoutSendingAndRefusesALaterReplay() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);

        actions.discard(letter.id(), "operator");

        assertThat(sent).isEmpty();
        assertThatThrownBy(() -> actions.replay(letter.id(), "operator")).hasMessageContaining("already discarded");
    }

    @Test
    void refusesWhenAnotherOperatorActedInBetween() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);
        store.actBeforeNextRecord = () -> store.recordAction(letter.discarded("other", Instant.EPOCH));

        assertThatThrownBy(() -> actions.replay(letter.id(), "operator")).hasMessageContaining("already discarded by other");
        assertThat(sent).isEmpty();
    }

    @Test
    void saysWhichDeadLetterIsUnknown() {
        assertThatThrownBy(() -> actions.discard("t/0/9", "operator")).isInstanceOf(DeadLetterNotFoundException.class)
                .hasMessage("No dead letter t/0/9");
    }
}
