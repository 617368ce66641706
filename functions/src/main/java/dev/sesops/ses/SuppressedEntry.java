package dev.sesops.ses;

import java.time.Instant;

/**
 * One address on the account-level suppression list.
 *
 * @param emailAddress the suppressed address (a recipient address: mask it before it reaches a log)
 * @param reason BOUNCE or COMPLAINT (as SES names it)
 * @param lastUpdateTime when SES last put or updated the entry
 * @param messageId the message that caused the suppression, when known (only
 *     GetSuppressedDestination returns it)
 * @param feedbackId the bounce or complaint feedback id, when known
 */
public record SuppressedEntry(
    String emailAddress,
    String reason,
    Instant lastUpdateTime,
    String messageId,
    String feedbackId) {

  public static SuppressedEntry of(String emailAddress, String reason, Instant lastUpdateTime) {
    return new SuppressedEntry(emailAddress, reason, lastUpdateTime, null, null);
  }
}
