package dev.sesops.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action log for changes people ask for (API and CLI: suppression removals, DKIM switches,
 * identity verification, event destinations, cleanup runs): who, what, the state before, then the
 * result, in the same log as protection's pauses, so {@code ses-ops actions} lists them all. A
 * change is logged before it is made; when the log cannot be written, it is not made.
 */
public final class ChangeLog {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);

  /** The mode of a line a person asked for (protection's own lines say enforce or dry_run). */
  public static final String MODE = "manual";

  private final ActionStore store;
  private final ActionTrail trail;
  private final Clock clock;

  public ChangeLog(ActionStore store, ActionTrail trail, Clock clock) {
    this.store = store;
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * Logs a change about to be made (status pending).
   *
   * @param action what, e.g. {@code suppression.delete}
   * @param target on what, never a full address ({@code suppressed:j***@example.com}, {@code
   *     identity:example.com})
   * @param who the caller's IAM principal ARN (or what is known of the caller)
   * @param requestId the API request id, which becomes the line's run id
   * @param params the request's parameters (no secrets, no full addresses)
   * @param before the state before, as read; empty when not read
   * @throws ProtectionException when the log cannot be written: the change must not be made
   */
  public ActionRecord begin(
      String account,
      String action,
      String target,
      String who,
      String requestId,
      Map<String, Object> params,
      Map<String, Object> before) {
    ActionRecord rec =
        new ActionRecord(
            UUID.randomUUID().toString(),
            account,
            requestId,
            clock.instant(),
            MODE,
            action,
            target,
            ActionRecord.Status.PENDING,
            "requested by " + who,
            params,
            before,
            null,
            null,
            null,
            null);
    store.log(rec);
    trail.write(account, requestId, rec.at(), List.of(rec));
    return rec;
  }

  /**
   * Logs the result of a change {@link #begin} logged; a failure here is logged, not thrown (the
   * change is made).
   */
  public ActionRecord end(ActionRecord pending, boolean done, String detail) {
    Instant now = clock.instant();
    ActionRecord result =
        pending.with(done ? ActionRecord.Status.DONE : ActionRecord.Status.NOT_DONE, detail, now);
    try {
      store.log(result);
      trail.write(result.account(), result.runId(), pending.at(), List.of(pending, result));
    } catch (ProtectionException e) {
      LOG.warn(
          "account {}: the result of {} {} not logged: {}",
          pending.account(),
          pending.action(),
          pending.actionId(),
          e.getMessage());
    }
    return result;
  }
}
