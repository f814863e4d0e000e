package com.clinicbackbone.console.deadletter;

import com.clinicbackbone.console.deadletter.DeadLetter.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port's contract in memory: recordAction only from NEW. */
public final class InMemoryDeadLetters implements DeadLetters {

    private final Map<String, DeadLetter> letters = new LinkedHashMap<>();
    Runnable actBeforeNextRecord;

    public void clear() {
        letters.clear();
    }

    @Override
    public void addIfAbsent(DeadLetter deadLetter) {
        letters.putIfAbsent(deadLetter.id(), deadLetter);
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(letters.get(id));
    }

    @Override
    public List<DeadLetter> all() {
        return List.copyOf(letters.values());
    }

    @Override
    public boolean recordAction(DeadLetter handled) {
        if (actBeforeNextRecord != null) {
            Runnable act = actBeforeNextRecord;
            actBeforeNextRecord = null;
            act.run();
        }
        if (letters.get(handled.id()).state() != State.NEW) {
            return false;
        }
        letters.put(handled.id(), handled);
        return true;
    }

    @Override
    public void reopen(String id) {
        DeadLetter d = letters.get(id);
        letters.put(id, new DeadLetter(d.id(), d.topic(), d.partition(), d.offset(), d.originalTopic(), d.key(),
                d.headers(), d.payload(), d.errorType(), d.errorMessage(), d.receivedAt(), State.NEW, null, null));
    }
}
