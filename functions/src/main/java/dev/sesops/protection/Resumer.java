package dev.sesops.protection;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Alert;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a pause ses-ops made: restores exactly the state before (from the action log), logs it
 * first and tells people. Refuses, saying what to do instead, for a scope ses-ops did not pause.
 */
public final class Resumer {
  private static final Logger LOG = LoggerFactory.getLogger(Resumer.class);

  /** How far back in the action log resume looks for a pause whose outcome was not recorded. */
  static final int LOG_LOOKBACK = 200;

  private final ActionStore store;
  private final ActionTrail trail;
  private final ScopeControl control;
  private final AlertPublisher alerts;
  private final Clock clock;

  public Resumer(
      ActionStore store,
      ActionTrail trail,
      ScopeControl control,
      AlertPublisher alerts,
      Clock clock) {
    this.store = store;
    this.trail = trail;
    this.control = control;
    this.alerts = alerts;
    this.clock = clock;
  }

  /**
   * @param requestedBy who asked (the API caller's identity or "cli"), for the log
   * @throws ResumeRefusedException when ses-ops did not pause the scope (the message says what to
   *     do)
   * @throws ScopeControlException when SES did not accept the change (the log says "not done")
   */
  public ActionRecord resume(AccountConfig account, Scope scope, String requestedBy) {
    ProtectionPolicy.Mode mode = ProtectionPolicy.Mode.ENFORCE;
    ScopeLock lock = store.locks(account.name(), mode).get(scope);
    ActionRecord pause = pauseToUndo(account, scope, lock);
    if (pause == null) {
      throw new ResumeRefusedException(refusal(account, scope, lock));
    }
    ScopeState before = ScopeState.fromMap(pause.stateBefore());
    Instant now = clock.instant();
    String runId = "resume-" + UUID.randomUUID();
    ActionRecord rec =
        new ActionRecord(
            UUID.randomUUID().toString(),
            account.name(),
            runId,
            now,
            "manual",
            "resume",
            scope.key(),
            ActionRecord.Status.PENDING,
            "resume requested by "
                + (requestedBy == null ? "unknown" : requestedBy)
                + " (paused "
                + pause.at()
                + " for "
                + pause.why()
                + ", action "
                + pause.actionId()
                + ")",
            pause.numbers(),
            pause.stateBefore(),
            null,
            null,
            null,
            null);
    ScopeLock resuming = new ScopeLock(ScopeLock.RESUMING, pause.at(), rec);
    boolean moved;
    if (lock == null) {
      // a logged pause without a lock (a lock lost or never written): nothing to race for but this
      // resume
      store.setLock(account.name(), mode, scope, resuming);
      moved = true;
    } else {
      moved =
          store.moveLock(
              account.name(), mode, scope, lock.state(), lock.record().actionId(), resuming);
    }
    if (!moved) {
      throw new ResumeRefusedException(
          scope.describe()
              + " in "
              + account.name()
              + " is being resumed by someone else right now;"
              + " see ses-ops actions "
              + account.name());
    }
    List<ActionRecord> lines = new ArrayList<>();
    try {
      store.log(rec);
      lines.add(rec);
      trail.write(account.name(), runId, now, List.copyOf(lines));
    } catch (ProtectionException e) {
      store.moveLock(
          account.name(), mode, scope, ScopeLock.RESUMING, rec.actionId(), lockBack(lock, pause));
      throw e;
    }
    if (!ActionRecord.Status.DONE.equals(pause.status())) {
      // the pause's own line never got its outcome (the run died, or the log failed after SES
      // accepted it)
      try {
        store.log(
            pause.with(
                ActionRecord.Status.DONE,
                "paused (outcome recorded by resume "
                    + rec.actionId()
                    + ": SES read the scope as not sending)",
                now));
      } catch (ProtectionException e) {
        LOG.warn(
            "account {}: the pause line of {} not settled: {}",
            account.name(),
            scope.key(),
            e.getMessage());
      }
    }
    try {
      control.restore(account, scope, before);
    } catch (ScopeControlException e) {
      ActionRecord failed =
          rec.with(
              ActionRecord.Status.NOT_DONE,
              "not done: SES did not accept the change (" + e.kind() + ")",
              clock.instant());
      store.log(failed);
      lines.add(failed);
      writeQuietly(account, runId, now, lines);
      // still paused: the pause's lock comes back, so the resume can be tried again
      store.setLock(account.name(), mode, scope, lockBack(lock, pause));
      publish(
          account,
          scope,
          "CRITICAL",
          "could not resume " + scope.describe(),
          failed.detail()
              + ". It is still paused; try again: "
              + Commands.resume(account.name(), scope));
      throw e;
    }
    ActionRecord done =
        rec.with(
            ActionRecord.Status.DONE,
            "resumed: sending restored to the state before " + before.toMap(),
            clock.instant());
    store.log(done);
    lines.add(done);
    writeQuietly(account, runId, now, lines);
    store.setLock(
        account.name(), mode, scope, new ScopeLock(ScopeLock.RELEASED, done.finishedAt(), done));
    LOG.info(
        "account {}: resumed {} (paused by action {})",
        account.name(),
        scope.key(),
        pause.actionId());
    publish(
        account,
        scope,
        "OK",
        "resumed " + scope.describe(),
        "Resumed "
            + scope.describe()
            + " in "
            + account.name()
            + ": its sending is back to the state before the pause "
            + before.toMap()
            + ".\n"
            + rec.why()
            + "\nAction log: ses-ops actions "
            + account.name());
    return done;
  }

  /**
   * The pause to undo: the PAUSED lock's; else, for a pause whose outcome was never recorded (a
   * PENDING or NOT_DONE lock, or no lock), the newest pause line of the scope in the action log
   * with the state before, when no resume came after it and SES reads the scope as paused now.
   * Null: not ses-ops' pause.
   */
  private ActionRecord pauseToUndo(AccountConfig account, Scope scope, ScopeLock lock) {
    if (lock != null && ScopeLock.PAUSED.equals(lock.state())) {
      return lock.record() != null && lock.record().stateBefore() != null ? lock.record() : null;
    }
    if (lock != null
        && !ScopeLock.PENDING.equals(lock.state())
        && !ScopeLock.NOT_DONE.equals(lock.state())
        && !ScopeLock.RELEASED.equals(lock.state())) {
      return null;
    }
    ActionRecord logged = lastLoggedPause(account, scope);
    if (logged == null) {
      return null;
    }
    try {
      ScopeState now = control.read(account, scope);
      return now.paused() && !now.pausedByAws() ? logged : null;
    } catch (ScopeControlException e) {
      LOG.warn(
          "account {}: state of {} not read to confirm a logged pause: {}",
          account.name(),
          scope.key(),
          e.kind());
      return null;
    }
  }

  private ActionRecord lastLoggedPause(AccountConfig account, Scope scope) {
    for (ActionRecord line : store.log(account.name(), LOG_LOOKBACK)) {
      if (!scope.key().equals(line.scope())) {
        continue;
      }
      if ("resume".equals(line.action()) && ActionRecord.Status.DONE.equals(line.status())) {
        return null;
      }
      boolean attempted =
          ActionRecord.Status.PENDING.equals(line.status())
              || ActionRecord.Status.DONE.equals(line.status())
              || ActionRecord.Status.NOT_DONE.equals(line.status());
      ScopeState before = ScopeState.fromMap(line.stateBefore());
      if ("pause".equals(line.action())
          && ProtectionPolicy.Mode.ENFORCE.key().equals(line.mode())
          && attempted
          && before != null
          && !before.paused()) {
        return line;
      }
    }
    return null;
  }

  /** The lock to put back when a resume does not happen. */
  private static ScopeLock lockBack(ScopeLock lock, ActionRecord pause) {
    return lock != null ? lock : new ScopeLock(ScopeLock.NOT_DONE, pause.at(), pause);
  }

  /** The account's action log, newest first. */
  public List<ActionRecord> actions(AccountConfig account, int limit) {
    return store.log(account.name(), limit);
  }

  private String refusal(AccountConfig account, Scope scope, ScopeLock lock) {
    String name = scope.describe();
    String where = " in " + account.name();
    if (lock != null && ScopeLock.RESUMING.equals(lock.state())) {
      return name + where + " is being resumed right now; see ses-ops actions " + account.name();
    }
    ScopeState now = null;
    try {
      now = control.read(account, scope);
    } catch (ScopeControlException e) {
      LOG.warn(
          "account {}: state of {} not read for a refused resume: {}",
          account.name(),
          scope.key(),
          e.kind());
    }
    String base =
        "ses-ops did not pause "
            + name
            + where
            + " (no active pause in its action log), so it will not resume it";
    if (now == null) {
      return base + ". Its state could not be read; check it in the SES console.";
    }
    if (now.pausedByAws()) {
      return base
          + ": AWS paused it (AWS-managed status DISABLED"
          + (now.awsManagedCause() == null ? "" : ", cause " + now.awsManagedCause())
          + "). ses-ops cannot lift an AWS pause: fix the cause, then ask AWS to reinstate it (SES console, Reputation,"
          + " or AWS Support); its customer-managed status is "
          + now.customerManagedStatus()
          + ".";
    }
    if (!now.paused()) {
      return base + ": it is sending now, there is nothing to resume.";
    }
    return base
        + ": someone paused it outside ses-ops. Resume it the way it was paused, or with the AWS CLI: "
        + Commands.awsUndo(account, scope, now);
  }

  private void writeQuietly(
      AccountConfig account, String runId, Instant now, List<ActionRecord> lines) {
    try {
      trail.write(account.name(), runId, now, List.copyOf(lines));
    } catch (ProtectionException e) {
      LOG.warn(
          "account {}: the report bucket copy of a resume line was not written", account.name());
    }
  }

  private void publish(
      AccountConfig account, Scope scope, String severity, String what, String body) {
    try {
      alerts.publish(
          new Alert(
              account.name(),
              Protector.CHECK,
              severity,
              Protector.subject(severity, account.name(), what),
              body,
              scope.kind() == ScopeKind.ACCOUNT ? null : scope.key()));
    } catch (RuntimeException e) {
      LOG.warn("account {}: resume notice not published: {}", account.name(), e.getMessage());
    }
  }
}
