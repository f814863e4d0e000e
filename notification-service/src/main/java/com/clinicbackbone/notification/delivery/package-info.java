/**
 * The delivery log: one record per notification (reminder or notice, on one channel) that was handed, or was
 * about to be handed, to a provider. Its key is the notification id, which names the appointment, kind, channel
 * (and offset / revision), so the log's unique key is "(reminder, channel)".
 *
 * <p>How the lease and the log divide the work:
 * <ul>
 *   <li>The <b>lease</b> on the notification ({@code Notifications.claimNextDue}) decides <i>who works on it</i>
 *       now. It is a performance and liveness device: it keeps instances from working on the same notification
 *       at once and lets another instance take over when the holder dies (the lease expires). It cannot by itself
 *       promise "sent once": a holder may die after the provider accepted the message but before the outcome was
 *       written, and the next holder cannot tell.</li>
 *   <li>The <b>delivery log</b> decides <i>that it is handed to a provider at most once</i>. Before calling the
 *       provider an instance inserts the record (SENDING, its instance id, attempt 1); the insert is the only way
 *       to start a first attempt, and the unique key makes it succeed for exactly one instance. A duplicate key
 *       means someone else sent or is sending it: do not send. A retryable provider answer (429, 5xx: the
 *       provider did not take the message) puts the record in RETRY; only a conditional RETRY to SENDING update
 *       may start the next attempt (same record, attempts counted).</li>
 *   <li>An instance that dies between the insert and recording the provider's answer leaves the record SENDING.
 *       Whoever claims the notification after the lease expired finds it SENDING and does <b>not</b> send it
 *       again: the provider may or may not have the message, and for reminders at most once beats a duplicate
 *       ("none sends a reminder twice"). The record becomes {@link DeliveryStatus#UNKNOWN} with the reason, and
 *       the notification UNKNOWN too, for a person to check in the provider's console: recorded, never silently
 *       lost. A later status callback for its message, if the provider had it, still updates the record.</li>
 *   <li>The same rule holds while the instance lives: an SMS whose request went out but whose answer was lost
 *       (connection broken or read timed out) becomes UNKNOWN at once instead of being retried; only answers that
 *       say the provider did not take it (429, 5xx) or a connection never made are retried. Email alike: a
 *       failure once the whole message was written after DATA, without an SMTP reply code, is UNKNOWN; before
 *       that, or with a 4xx reply, it is retried; a 5xx reply fails it for good.</li>
 *   <li>A cancellation (appointment cancelled or moved, patient erased) never overwrites a notification under a
 *       live claim: it is recorded as requested, and the claim's outcome settles it. What went to the provider
 *       keeps its real status (SENT, UNKNOWN, FAILED), its reason noting the cancellation, and matches the log;
 *       anything else becomes CANCELLED. Should the holder die, the next claim (a take-over) reads the log first,
 *       so a record is never left SENDING behind a CANCELLED notification.</li>
 * </ul>
 */
package com.clinicbackbone.notification.delivery;
