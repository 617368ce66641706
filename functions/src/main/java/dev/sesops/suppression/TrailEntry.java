package dev.sesops.suppression;

import dev.sesops.ses.SuppressedEntry;
import java.time.Instant;

/**
 * One line of a cleanup trail: an entry the run removes (or, in a dry-run plan, would remove), with
 * all a restore needs. Written before anything is removed.
 */
record TrailEntry(
    String runId,
    String account,
    String emailAddress,
    String reason,
    Instant lastUpdateTime,
    String messageId,
    String feedbackId) {

  static TrailEntry of(String runId, String account, SuppressedEntry e) {
    return new TrailEntry(
        runId,
        account,
        e.emailAddress(),
        e.reason(),
        e.lastUpdateTime(),
        e.messageId(),
        e.feedbackId());
  }
}
