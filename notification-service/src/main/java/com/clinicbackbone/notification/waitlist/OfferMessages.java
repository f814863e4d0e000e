package com.clinicbackbone.notification.waitlist;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.OfferNotices;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages offering freed time from the waitlist. An offer made plans one message per channel, due at once
 * ({@link Notification#waitlistOffer}); the dispatcher sends them like any other (contact, consent, channel wanted,
 * quiet hours: deferred only to before the offer expires), while the offer is open. An offer closed in booking-service
 * (taken, declined, expired, withdrawn) cancels what has not gone yet. When every channel's message ended without
 * reaching the patient, {@code WaitlistOfferUndeliverable} tells booking-service to pass the time on at once.
 */
public final class OfferMessages implements OfferNotices {

    private static final Logger log = LoggerFactory.getLogger(OfferMessages.class);
    static final String OFFER_CLOSED = "offer closed";
    private static final Set<NotificationStatus> NOT_REACHED = Set.of(NotificationStatus.SKIPPED,
            NotificationStatus.FAILED, NotificationStatus.CANCELLED);

    private final WaitlistOffers offers;
    private final Notifications notifications;
    private final Clock clock;

    public OfferMessages(WaitlistOffers offers, Notifications notifications, Clock clock) {
        this.offers = offers;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Keeps the offer and plans its messages (a redelivery plans nothing twice: the ids are the offer's). */
    public void offered(WaitlistOffer offer) {
        offers.add(offer);
        Instant now = clock.instant();
        notifications.plan(List.of(), List.of(Channel.values()).stream().map(channel -> Notification.waitlistOffer(
                offer.offerId(), offer.patientId(), offer.clinicId(), channel, offer.start(), now)).toList());
    }

    /** The offer closed: its messages not sent yet are cancelled, and answers no longer go to it. */
    public void closed(String patientId, String offerId) {
        offers.close(patientId, offerId);
        notifications.cancelScheduled(List.of(Channel.values()).stream()
                .map(channel -> Notification.idOf(offerId, NotificationKind.WAITLIST_OFFER, channel)).toList(),
                OFFER_CLOSED);
    }

    @Override
    public Map<String, Instant> openUntil(Collection<Notification> offerMessages) {
        Map<String, Set<String>> byPatient = offerMessages.stream().collect(Collectors.groupingBy(
                Notification::patientId, Collectors.mapping(Notification::appointmentId, Collectors.toSet())));
        Map<String, Instant> open = new HashMap<>();
        offers.openAmong(byPatient, clock.instant()).forEach((offerId, offer) -> open.put(offerId,
                offer.expiresAt()));
        return open;
    }

    /**
     * One channel's message ended without reaching the patient: when the other channels' did too, the offer reached
     * nobody and booking-service hears of it (once).
     */
    @Override
    public void notReached(Notification outcome) {
        String offerId = outcome.appointmentId();
        Map<String, String> channels = new LinkedHashMap<>();
        for (Notification message : notifications.findAll(List.of(Channel.values()).stream()
                .map(channel -> Notification.idOf(offerId, NotificationKind.WAITLIST_OFFER, channel)).toList())) {
            NotificationStatus status = message.id().equals(outcome.id()) ? outcome.status() : message.status();
            if (!NOT_REACHED.contains(status)) {
                return; // sent, in doubt, or still to go
            }
            channels.put(message.channel().name(), status.name());
        }
        Map<String, WaitlistOffer> open = offers.openAmong(Map.of(outcome.patientId(), Set.of(offerId)),
                clock.instant());
        WaitlistOffer offer = open.get(offerId);
        if (offer != null && offers.publishUndeliverable(offer, channels, clock.instant())) {
            log.info("Waitlist offer {} reached patient {} on no channel: {}", offerId, outcome.patientId(),
                    channels);
        }
    }
}
