package dev.sesops.protection;

import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.time.Instant;
import java.util.Map;

/**
 * One line of the action log: what ses-ops did (or would do, or refused to do) to one scope, why,
 * the state before and the command that undoes it. Written before the SES call, and again with its
 * outcome.
 *
 * @param actionId unique per action; the pending and final lines share it
 * @param mode {@code enforce} or {@code dry_run} for the protector's pauses, {@code manual} for a
 *     resume
 * @param action {@code pause} or {@code resume}
 * @param scope {@code configuration-set:marketing}, {@code tenant:acme}, {@code account}
 * @param status see {@link Status}
 * @param why for a pause, the breach ({@code hard bounces 12.0% over 1 h (36 of 300 sends)})
 * @param numbers the breach's numbers: metric, window, sends, count, rate and act level
 * @param stateBefore the sending switch before the change (what resume restores)
 * @param undo the ses-ops command that undoes it
 * @param undoAwsCli the same with the AWS CLI, for when ses-ops is not at hand
 * @param detail what happened, in a sentence (never an SES message)
 */
public record ActionRecord(
    String actionId,
    String account,
    String runId,
    Instant at,
    String mode,
    String action,
    String scope,
    String status,
    String why,
    Map<String, Object> numbers,
    Map<String, Object> stateBefore,
    String undo,
    String undoAwsCli,
    String detail,
    Instant finishedAt) {

  /** The values of {@code status}. */
  public static final class Status {
    /** Logged, the SES call not made yet (a line that stays so means the run died in between). */
    public static final String PENDING = "pending";

    /** SES accepted the change. */
    public static final String DONE = "done";

    /** The change was not made: the SES call failed, or the state before could not be read. */
    public static final String NOT_DONE = "not_done";

    /** Dry run: the rules say pause, nothing was changed. */
    public static final String WOULD_PAUSE = "would_pause";

    /** The rules say pause, but {@code max_pauses_per_hour} was reached. */
    public static final String REFUSED = "refused";

    /** Nothing to do: the scope was not sending already. */
    public static final String SKIPPED = "skipped";

    private Status() {}
  }

  public Scope scopeValue() {
    int colon = scope.indexOf(':');
    return colon < 0
        ? Scope.account()
        : new Scope(ScopeKind.fromId(scope.substring(0, colon)), scope.substring(colon + 1));
  }

  ActionRecord with(String newStatus, String newDetail, Instant finished) {
    return new ActionRecord(
        actionId,
        account,
        runId,
        at,
        mode,
        action,
        scope,
        newStatus,
        why,
        numbers,
        stateBefore,
        undo,
        undoAwsCli,
        newDetail,
        finished);
  }

  ActionRecord withStateBefore(Map<String, Object> before, String awsUndo) {
    return new ActionRecord(
        actionId,
        account,
        runId,
        at,
        mode,
        action,
        scope,
        status,
        why,
        numbers,
        before,
        undo,
        awsUndo,
        detail,
        finishedAt);
  }
}
