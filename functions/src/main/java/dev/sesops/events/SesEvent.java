package dev.sesops.events;

import java.time.Instant;
import java.util.List;

/**
 * The part of one SES sending event that ses-ops counts. Never a full address: recipients are kept
 * as their lower-cased domains only.
 *
 * @param kind             what happened
 * @param sesMessageId     {@code mail.messageId} (for logs)
 * @param awsAccountId     the sending account: the EventBridge {@code account}, else {@code mail.sendingAccountId}
 * @param time             when it happened (the bounce, complaint, delivery... timestamp, else the send's)
 * @param configurationSet {@code ses:configuration-set} tag, or null
 * @param tenant           {@code ses:tenant-name} tag, or null
 * @param fromDomain       {@code ses:from-domain} tag, else the domain of {@code mail.source}, or null
 * @param recipientDomains distinct domains of the recipients this event is about
 * @param hardBounce       a {@code Permanent} bounce
 * @param feedbackType     {@code complaint.complaintFeedbackType}, or null
 */
record SesEvent(
    EventKind kind,
    String sesMessageId,
    String awsAccountId,
    Instant time,
    String configurationSet,
    String tenant,
    String fromDomain,
    List<String> recipientDomains,
    boolean hardBounce,
    String feedbackType) {}
