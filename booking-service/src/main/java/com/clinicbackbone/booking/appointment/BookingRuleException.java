package com.clinicbackbone.booking.appointment;

/** A booking or a move breaks a scheduling rule; {@code field} is the request field it is about. */
public class BookingRuleException extends RuntimeException {

    private final BookingRule rule;
    private final String field;

    public BookingRuleException(BookingRule rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    public BookingRule rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
