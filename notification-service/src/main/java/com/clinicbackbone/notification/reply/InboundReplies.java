package com.clinicbackbone.notification.reply;

import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.SmsOptOutChanged;
import com.clinicbackbone.events.WaitlistOfferReplyReceived;
import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.reply.InboundEntry.Outcome;
import com.clinicbackbone.notification.reply.ReplyKeyword.Action;
import com.clinicbackbone.notification.waitlist.WaitlistOffer;
import com.clinicbackbone.notification.waitlist.WaitlistOffers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles an SMS a patient sent back (see {@link ReplyKeyword}), found by the sender's phone number among the
 * contacts (every patient sharing that number):
 * <ul>
 * <li>STOP and the other opt-out words: no SMS to those patients from now on ({@link Contacts#markSmsOptedOut}),
 * and {@link SmsOptOutChanged} for patient-service; START / UNSTOP undo it.</li>
 * <li>Y / O / YES / OUI and N / NO / NON while the number has a waitlist offer open:
 * {@link WaitlistOfferReplyReceived} about the newest one, for booking-service to book it or pass it on. Y, O or N
 * without an open offer get a short answer and do nothing.</li>
 * <li>C / OUI / YES and X / NON / NO: {@link AppointmentReplyReceived} about the earliest appointment still to come,
 * for booking-service to confirm it, or to cancel or flag it.</li>
 * <li>anything else: a help text; an unknown number gets a neutral one and nothing is done.</li>
 * </ul>
 * Each message id is handled once: a provider retry finds it in the {@link InboundLog} and changes nothing. The log
 * and the events hold ids and the keyword only.
 */
public final class InboundReplies {

    static final String SOURCE = "/notification-service";
    private static final Logger log = LoggerFactory.getLogger(InboundReplies.class);

    private final Contacts contacts;
    private final Appointments appointments;
    private final Clinics clinics;
    private final InboundLog inboundLog;
    private final WaitlistOffers offers;
    private final Clock clock;

    public InboundReplies(Contacts contacts, Appointments appointments, Clinics clinics, InboundLog inboundLog,
                          Clock clock) {
        this(contacts, appointments, clinics, inboundLog, null, clock);
    }

    /** @param offers the patients' open waitlist offers (null: none are ever open) */
    public InboundReplies(Contacts contacts, Appointments appointments, Clinics clinics, InboundLog inboundLog,
                          WaitlistOffers offers, Clock clock) {
        this.offers = offers;
        this.contacts = contacts;
        this.appointments = appointments;
        this.clinics = clinics;
        this.inboundLog = inboundLog;
        this.clock = clock;
    }

    /** The text to answer with; empty when nothing should be sent back (a repeated delivery, a stranger's STOP). */
    public Optional<String> handle(InboundSms sms) {
        if (inboundLog.contains(sms.messageSid())) {
            log.info("Inbound SMS {} handled already", sms.messageSid());
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ReplyKeyword keyword = ReplyKeyword.of(sms.body());
        List<Contact> senders = contacts.findByPhone(sms.from());
        if (senders.isEmpty()) {
            record(sms, now, keyword, Outcome.UNKNOWN_NUMBER, List.of(), null, List.of());
            // after a STOP nothing more may be sent to that number
            return keyword.action() == Action.OPT_OUT ? Optional.empty() : Optional.of(ReplyTexts.UNKNOWN_NUMBER);
        }
        List<String> patientIds = senders.stream().map(Contact::patientId).sorted().toList();
        String language = senders.get(0).language();
        if (keyword.offerAnswer().isPresent()) {
            Optional<WaitlistOffer> open = offers == null ? Optional.empty() : offers.newestOpen(patientIds, now);
            if (open.isPresent()) {
                return answerOffer(sms, now, keyword, senders, patientIds, open.get());
            }
        }
        return switch (keyword.action()) {
            case OPT_OUT, OPT_IN -> optOut(sms, now, keyword, patientIds, language);
            case CONFIRM, CANCEL -> answer(sms, now, keyword, senders, patientIds);
            case TAKE_OFFER, PASS_OFFER -> {
                record(sms, now, keyword, Outcome.NO_OPEN_OFFER, patientIds, null, List.of());
                yield Optional.of(ReplyTexts.noOpenOffer(language));
            }
            case HELP -> {
                record(sms, now, keyword, Outcome.HELP, patientIds, null, List.of());
                yield Optional.of(ReplyTexts.help(language));
            }
        };
    }

    private Optional<String> optOut(InboundSms sms, Instant now, ReplyKeyword keyword, List<String> patientIds,
                                    String language) {
        boolean optedOut = keyword.action() == Action.OPT_OUT;
        patientIds.forEach(patientId -> contacts.markSmsOptedOut(patientId, optedOut));
        List<Object> events = patientIds.stream()
                .<Object>map(patientId -> new SmsOptOutChanged(patientId, optedOut, keyword.keyword(), now)).toList();
        if (record(sms, now, keyword, optedOut ? Outcome.OPTED_OUT : Outcome.OPTED_IN, patientIds, null, events)) {
            log.info("Patients {} opted {} of SMS by reply ({})", patientIds, optedOut ? "out" : "back in",
                    sms.messageSid());
        }
        return Optional.of(optedOut ? ReplyTexts.optedOut(language) : ReplyTexts.optedIn(language));
    }

    private Optional<String> answer(InboundSms sms, Instant now, ReplyKeyword keyword, List<Contact> senders,
                                    List<String> patientIds) {
        Optional<Appointment> next = appointments.nextUpcoming(patientIds, now);
        if (next.isEmpty()) {
            record(sms, now, keyword, Outcome.NO_UPCOMING_APPOINTMENT, patientIds, null, List.of());
            return Optional.of(ReplyTexts.noUpcomingAppointment(senders.get(0).language()));
        }
        Appointment appointment = next.get();
        boolean confirm = keyword.action() == Action.CONFIRM;
        String language = senders.stream().filter(contact -> contact.patientId().equals(appointment.patientId()))
                .findFirst().map(Contact::language).orElse(senders.get(0).language());
        var event = new AppointmentReplyReceived(appointment.id(), appointment.patientId(), appointment.clinicId(),
                confirm ? AppointmentReplyReceived.CONFIRM : AppointmentReplyReceived.CANCEL, now);
        record(sms, now, keyword, confirm ? Outcome.CONFIRM_REQUESTED : Outcome.CANCEL_REQUESTED, patientIds,
                appointment.id(), List.of(event));
        var zone = clinics.clinic(appointment.clinicId()).zone();
        return Optional.of(confirm ? ReplyTexts.confirmed(language, appointment.start(), zone)
                : ReplyTexts.cancelRequested(language, appointment.start(), zone));
    }

    /** Y or N to the newest open waitlist offer of the number: for booking-service to book it or pass it on. */
    private Optional<String> answerOffer(InboundSms sms, Instant now, ReplyKeyword keyword, List<Contact> senders,
                                         List<String> patientIds, WaitlistOffer offer) {
        boolean take = keyword.offerAnswer().orElseThrow();
        String language = senders.stream().filter(contact -> contact.patientId().equals(offer.patientId()))
                .findFirst().map(Contact::language).orElse(senders.get(0).language());
        var event = new WaitlistOfferReplyReceived(offer.offerId(), offer.entryId(), offer.patientId(),
                offer.clinicId(), take ? WaitlistOfferReplyReceived.ACCEPT : WaitlistOfferReplyReceived.DECLINE, now);
        record(sms, now, keyword, take ? Outcome.OFFER_TAKEN : Outcome.OFFER_PASSED, patientIds, offer.offerId(),
                List.of(event));
        return Optional.of(take ? ReplyTexts.offerTaken(language, offer.start(),
                clinics.clinic(offer.clinicId()).zone()) : ReplyTexts.offerPassed(language));
    }

    private boolean record(InboundSms sms, Instant now, ReplyKeyword keyword, Outcome outcome,
                           List<String> patientIds, String appointmentId, List<Object> events) {
        return inboundLog.add(new InboundEntry(sms.messageSid(), now, keyword.keyword(), keyword.action(), outcome,
                patientIds, appointmentId, events));
    }
}
