package dev.sesops.events;

import java.time.Instant;
import java.util.List;

/**
 * The part of one SES sending event that ses-ops counts. Never a full address: recipients are kept
 * as their lower-cased domains only.
 *
 * @param kind what happened
 * @param sesMessageId {@code mail.messageId} (for logs)
 * @param awsAccountId the sending account: the EventBridge {@code account}, else {@code
 *     mail.sendingAccountId}
 * @param region the sending Region (EventBridge {@code region}, the SNS topic's, else {@code
 *     mail.sourceArn}'s); null if unknown
 * @param time when it happened (the bounce, complaint, delivery... timestamp, else the send's)
 * @param configurationSet {@code ses:configuration-set} tag, or null
 * @param tenant {@code ses:tenant-name} tag, else the sender's own {@code ses-ops-tenant} tag, or
 *     null
 * @param fromDomain {@code ses:from-domain} tag, else the domain of {@code mail.source}, or null
 * @param recipientDomains distinct domains of the recipients this event is about
 * @param hardBounce a {@code Permanent} bounce ({@code Transient} and {@code Undetermined} are
 *     soft)
 * @param feedbackType {@code complaint.complaintFeedbackType}, or null
 * @param key the event's identity (see {@link EventKey}): equal for every delivery of one SES event
 * @param slice the dedupe slice of the event (see {@link EventKey#slice})
 */
record SesEvent(
    EventKind kind,
    String sesMessageId,
    String awsAccountId,
    String region,
    Instant time,
    String configurationSet,
    String tenant,
    String fromDomain,
    List<String> recipientDomains,
    boolean hardBounce,
    String feedbackType,
    long key,
    long slice) {}
