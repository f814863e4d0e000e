package com.clinicbackbone.notification.delivery;

/** Where the hand-over of one notification to its provider stands. */
public enum DeliveryStatus {
    /** An instance is calling (or was calling, when it died) the provider. */
    SENDING,
    /** The provider did not take the last attempt (429, 5xx, unreachable): a later attempt may be made. */
    RETRY,
    /** The provider took it (its message id is recorded). */
    SENT,
    /** Given up: the provider refused it for good, or the attempts ran out. */
    FAILED,
    /**
     * The instance that was sending it stopped before recording the provider's answer: it may or may not have
     * gone out. Not sent again (at most once); for a person to check.
     */
    UNKNOWN
}
