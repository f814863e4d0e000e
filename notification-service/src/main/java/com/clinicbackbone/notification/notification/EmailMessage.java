package com.clinicbackbone.notification.notification;

/**
 * An email with a plain-text and an HTML body.
 *
 * @param calendar the iCalendar event to attach, or null
 */
public record EmailMessage(String to, String subject, String body, String html, CalendarInvite calendar) {

    EmailMessage withCalendar(CalendarInvite invite) {
        return new EmailMessage(to, subject, body, html, invite);
    }
}
