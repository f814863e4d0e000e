package com.clinicbackbone.booking.waitlist.persistence;

import com.clinicbackbone.booking.waitlist.FreedTime;
import com.clinicbackbone.booking.waitlist.Offer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** An {@link Offer} as a BSON document (in a waitlist entry, and in an expiry filed for it). */
final class OfferDocuments {

    private OfferDocuments() {
    }

    static Document write(Offer offer) {
        if (offer == null) {
            return null;
        }
        FreedTime freed = offer.freed();
        return new Document("id", offer.id()).append("practitionerId", offer.practitionerId())
                .append("start", date(offer.start())).append("end", date(offer.end()))
                .append("expiresAt", date(offer.expiresAt())).append("offeredAt", date(offer.offeredAt()))
                .append("calendarStart", date(offer.calendarStart())).append("calendarEnd", date(offer.calendarEnd()))
                .append("resourceId", offer.resourceId()).append("owners", offer.owners())
                .append("freed", new Document("clinicId", freed.clinicId())
                        .append("practitionerId", freed.practitionerId()).append("start", date(freed.start()))
                        .append("end", date(freed.end())).append("freedAt", date(freed.freedAt()))
                        .append("span", freed.span()));
    }

    static Offer read(Document document) {
        if (document == null) {
            return null;
        }
        Document freed = document.get("freed", Document.class);
        return new Offer(document.getString("id"), document.getString("practitionerId"), instant(document, "start"),
                instant(document, "end"), instant(document, "expiresAt"), instant(document, "offeredAt"),
                instant(document, "calendarStart"), instant(document, "calendarEnd"),
                document.getString("resourceId"), document.getList("owners", String.class, List.of()),
                new FreedTime(freed.getString("clinicId"), freed.getString("practitionerId"), instant(freed, "start"),
                        instant(freed, "end"), instant(freed, "freedAt"), Boolean.TRUE.equals(freed.getBoolean("span"))));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
