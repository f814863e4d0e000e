package com.clinicbackbone.patient.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.patient.patient.ConcurrentChangeException;
import com.clinicbackbone.patient.patient.ContactTombstone;
import com.clinicbackbone.patient.patient.Patient;
import com.clinicbackbone.patient.patient.PatientSearch;
import com.clinicbackbone.patient.patient.PatientStatus;
import com.clinicbackbone.patient.patient.Patients;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores patients in the {@code patients} collection. A change and the events it registered go into the same
 * document in one write (a compare-and-set on {@code {_id, revision}}, a unique key); the {@link OutboxRelay} publishes
 * them afterwards. The duplicate check at registration finds the patients of an identity key through
 * {@link IdentityKeys} ({@code patient_identities}, by {@code _id}) and reads them by {@code _id $in}; the patients of
 * an email address likewise through {@link EmailKeys} ({@code patient_emails}).
 */
@Repository
class MongoPatients implements Patients {

    static final String SOURCE = "/patient-service";
    private static final List<String> RETIRED = List.of(PatientStatus.MERGED.name(), PatientStatus.ERASED.name());
    /** Every stored field an update rewrites; the outbox is appended to instead, the id never changes. */
    private static final List<String> STATE_FIELDS = Arrays.stream(PatientDocument.class.getRecordComponents())
            .map(RecordComponent::getName)
            .filter(name -> !Set.of("id", Outbox.ENTRIES, Outbox.PENDING).contains(name))
            .toList();

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final OutboxRelay relay;
    private final IdentityKeys identities;
    private final EmailKeys emails;

    MongoPatients(MongoTemplate mongo, JsonMapper json, OutboxRelay relay) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
        this.identities = new IdentityKeys(mongo);
        this.emails = new EmailKeys(mongo);
    }

    /** Files the patient under its identity key and email first, so an active patient is never missing from them. */
    @Override
    public void add(Patient patient) {
        if (patient.isActive() && patient.familyKey() != null && patient.birthDate() != null) {
            identities.add(patient.familyKey(), patient.birthDate().toString(), patient.id());
        }
        if (patient.isActive() && patient.email() != null) {
            emails.add(patient.email(), patient.id());
        }
        mongo.insert(PatientDocument.of(patient, outboxOf(patient)));
        relay.nudge(PatientDocument.COLLECTION, patient.id());
    }

    @Override
    public boolean addIfAbsent(Patient patient) {
        try {
            add(patient);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Sets every state field (absent ones are unset, so removed personal data is gone from the document) and appends
     * the new events to the outbox, only if the revision is still the one loaded. When the patient no longer holds
     * personal data, contact records still waiting in the outbox are dropped too: they would carry it; and the
     * patient leaves its identity key. A new email is filed before the write, the one it replaced taken off after.
     */
    @Override
    public void update(Patient patient) {
        String emailBefore = patient.storedEmail();
        String emailAfter = patient.isActive() ? patient.email() : null;
        boolean emailChanged = !Objects.equals(emailBefore, emailAfter);
        if (emailChanged && emailAfter != null) {
            emails.add(emailAfter, patient.id());
        }
        Document state = new Document();
        mongo.getConverter().write(PatientDocument.of(patient, List.of()), state);
        Update update = new Update();
        for (String field : STATE_FIELDS) {
            if (state.get(field) == null) {
                update.unset(field);
            } else {
                update.set(field, state.get(field));
            }
        }
        List<OutboxEntry> events = outboxOf(patient);
        Document retiring = null;
        if (patient.isActive()) {
            if (!events.isEmpty()) {
                update.push(Outbox.ENTRIES).each(events.toArray());
            }
        } else {
            retiring = mongo.findById(patient.id(), Document.class, PatientDocument.COLLECTION);
            List<Object> kept = new ArrayList<>(pendingWithoutContactRecords(retiring));
            kept.addAll(events);
            update.set(Outbox.ENTRIES, kept);
        }
        if (!events.isEmpty()) {
            update.set(Outbox.PENDING, true);
        }
        var atLoadedRevision = query(where("_id").is(patient.id()).and("revision").is(patient.storedRevision()));
        var result = mongo.updateFirst(atLoadedRevision, update, PatientDocument.class);
        if (result.getMatchedCount() == 0) {
            throw new ConcurrentChangeException(patient.id());
        }
        relay.nudge(PatientDocument.COLLECTION, patient.id());
        if (retiring != null && retiring.getString("familyKey") != null && retiring.getString("birthDate") != null) {
            identities.remove(retiring.getString("familyKey"), retiring.getString("birthDate"), patient.id());
        }
        if (emailChanged && emailBefore != null) {
            emails.remove(emailBefore, patient.id());
        }
    }

    private static List<Document> pendingWithoutContactRecords(Document stored) {
        if (stored == null) {
            return List.of();
        }
        return stored.getList(Outbox.ENTRIES, Document.class, List.of()).stream()
                .filter(entry -> !Topics.PATIENT_CONTACTS.equals(entry.getString("topic")))
                .toList();
    }

    @Override
    public Optional<Patient> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PatientDocument.class)).map(PatientDocument::toPatient);
    }

    /** Two key lookups: the identity key's patient ids, then those patients by {@code _id $in}. */
    @Override
    public List<Patient> findByIdentity(String familyKey, LocalDate birthDate) {
        List<String> ids = identities.patientIds(familyKey, birthDate.toString());
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(query(where("_id").in(ids)), PatientDocument.class).stream()
                .map(PatientDocument::toPatient)
                .filter(patient -> patient.isActive() && familyKey.equals(patient.familyKey())
                        && birthDate.equals(patient.birthDate()))
                .sorted(Comparator.comparing(Patient::registeredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Patient::id))
                .toList();
    }

    /** Two key lookups: the address's patient ids, then those patients by {@code _id $in}. */
    @Override
    public List<Patient> findByEmail(String email, int limit) {
        List<String> ids = emails.patientIds(email);
        if (ids.isEmpty()) {
            return List.of();
        }
        String address = email.toLowerCase(Locale.ROOT);
        return mongo.find(query(where("_id").in(ids)), PatientDocument.class).stream()
                .map(PatientDocument::toPatient)
                .filter(patient -> patient.isActive() && address.equals(patient.email()))
                .sorted(Comparator.comparing(Patient::registeredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Patient::id))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Patient> search(PatientSearch search, Set<String> clinicIds, int limit) {
        return clinicIds.isEmpty() ? List.of() : find(search, where("clinicIds").in(clinicIds), limit);
    }

    @Override
    public List<Patient> searchAmong(PatientSearch search, Set<String> ids, int limit) {
        return ids.isEmpty() ? List.of() : find(search, where("_id").in(ids), limit);
    }

    private List<Patient> find(PatientSearch search, Criteria scope, int limit) {
        Criteria criteria = scope.and("status").nin(RETIRED);
        if (search.nameKey() != null) {
            criteria.and("nameKey").regex(Pattern.quote(search.nameKey()));
        }
        if (search.phone() != null) {
            criteria.and("phone").is(search.phone());
        }
        if (search.email() != null) {
            criteria.and("email").is(search.email());
        }
        if (search.birthDate() != null) {
            criteria.and("birthDate").is(search.birthDate().toString());
        }
        Query query = query(criteria).with(Sort.by("familyKey", "nameKey", "_id")).limit(limit);
        return mongo.find(query, PatientDocument.class).stream().map(PatientDocument::toPatient).toList();
    }

    private List<OutboxEntry> outboxOf(Patient patient) {
        return patient.events().stream().map(event -> outboxEntry(patient, event)).toList();
    }

    /** Topic, type and envelope of an event; the envelope time is the change's, the revision the patient's after it. */
    private OutboxEntry outboxEntry(Patient patient, Record event) {
        String clinicId = patient.clinicId();
        if (event instanceof PatientRegistered) {
            return entry(Topics.PATIENTS, PatientRegistered.TYPE, patient, clinicId, event);
        } else if (event instanceof PatientLinkedToClinic linked) {
            return entry(Topics.PATIENTS, PatientLinkedToClinic.TYPE, patient, linked.clinicId(), event);
        } else if (event instanceof PatientsMerged) {
            return entry(Topics.PATIENTS, PatientsMerged.TYPE, patient, null, event);
        } else if (event instanceof PatientErased) {
            return entry(Topics.PATIENTS, PatientErased.TYPE, patient, null, event);
        } else if (event instanceof PatientContactRecord) {
            return entry(Topics.PATIENT_CONTACTS, PatientContactRecord.TYPE, patient, clinicId, event);
        } else if (event instanceof ContactTombstone) {
            return OutboxEntry.tombstone(Topics.PATIENT_CONTACTS, envelope(PatientContactRecord.TYPE, patient, null));
        }
        throw new IllegalArgumentException("no topic for " + event.getClass().getSimpleName());
    }

    private OutboxEntry entry(String topic, String type, Patient patient, String clinicId, Record event) {
        return OutboxEntry.of(topic, envelope(type, patient, clinicId), json.writeValueAsString(event));
    }

    private static Envelope envelope(String type, Patient patient, String clinicId) {
        return Envelope.of(type, SOURCE, patient.updatedAt(), patient.id(), clinicId, patient.revision());
    }
}
