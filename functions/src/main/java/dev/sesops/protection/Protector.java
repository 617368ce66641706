package dev.sesops.protection;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Alert;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decision point: given one account's rates (from the events function after each batch, or
 * the monitor after each run), pauses what the rules say, smallest scope first, each pause claimed
 * in the state table, counted against {@code max_pauses_per_hour} and logged before its SES call,
 * then alerted. In dry run it logs and alerts "would pause" and changes nothing.
 */
public final class Protector {
  private static final Logger LOG = LoggerFactory.getLogger(Protector.class);
  static final String CHECK = "protection";

  /** Tries at the log update after SES accepted a pause. */
  static final int LOG_ATTEMPTS = 3;

  private final ActionStore store;
  private final ActionTrail trail;
  private final ScopeControl control;
  private final AlertPublisher alerts;
  private final Clock clock;
  private final Duration retryPause;

  public Protector(
      ActionStore store,
      ActionTrail trail,
      ScopeControl control,
      AlertPublisher alerts,
      Clock clock) {
    this(store, trail, control, alerts, clock, Duration.ofMillis(200));
  }

  /**
   * @param retryPause the wait before the second try of a log update after a pause (twice that
   *     before the third)
   */
  public Protector(
      ActionStore store,
      ActionTrail trail,
      ScopeControl control,
      AlertPublisher alerts,
      Clock clock,
      Duration retryPause) {
    this.store = store;
    this.trail = trail;
    this.control = control;
    this.alerts = alerts;
    this.clock = clock;
    this.retryPause = retryPause;
  }

  /**
   * Judges one account's rates and acts on them by its policy. Never throws for a scope it could
   * not pause: that is logged, alerted and reported in {@link ProtectionResult#errors()}.
   */
  public ProtectionResult protect(AccountConfig account, List<ScopeRate> rates, String runId) {
    ProtectionPolicy policy = account.protection();
    if (policy.mode() == ProtectionPolicy.Mode.OFF) {
      return ProtectionResult.off(account.name());
    }
    Instant now = clock.instant();
    Run run = new Run(account, policy, runId == null ? UUID.randomUUID().toString() : runId, now);
    Map<Scope, ScopeLock> locks;
    try {
      locks = store.locks(account.name(), policy.mode());
    } catch (ProtectionException e) {
      // without the locks nothing can be claimed safely: decide nothing, say so
      LOG.warn("account {}: protection skipped: {}", account.name(), e.getMessage());
      run.errors.add("state table not read: nothing paused in this run");
      return run.result(List.of());
    }
    if (policy.mode() == ProtectionPolicy.Mode.ENFORCE) {
      locks = new LinkedHashMap<>(locks);
      for (Map.Entry<Scope, ScopeLock> e : locks.entrySet()) {
        ScopeLock lock = e.getValue();
        if (ScopeLock.PENDING.equals(lock.state()) && !lock.active(now) && lock.record() != null) {
          try {
            e.setValue(settle(run, e.getKey(), lock));
          } catch (ProtectionException | ScopeControlException ex) {
            LOG.warn(
                "account {}: stale claim on {} not settled: {}",
                account.name(),
                e.getKey().key(),
                ex.getMessage());
            run.errors.add(
                e.getKey().key() + ": stale claim not settled (" + ex.getMessage() + ")");
          }
        }
      }
    }
    Map<Scope, Instant> active = new LinkedHashMap<>();
    locks.forEach(
        (scope, lock) -> {
          if (lock.active(now)) {
            active.put(scope, lock.record() == null ? lock.at() : lock.record().at());
          }
        });
    Decision decision = Decider.decide(policy, rates, active, now);
    for (Breach b : decision.pause()) {
      try {
        pause(run, b);
      } catch (ProtectionException e) {
        LOG.warn("account {}: {} not paused: {}", account.name(), b.scope().key(), e.getMessage());
        run.errors.add(b.scope().key() + ": " + e.getMessage());
        run.alert(
            b.scope(),
            "CRITICAL",
            "could not pause " + b.scope().describe() + ": the action log is unavailable",
            b.describe()
                + ".\nThe action log could not be written, so nothing was changed (ses-ops never changes"
                + " an account without logging it first). Check the state table and the report bucket.");
      }
    }
    return run.result(decision.skipped());
  }

  private void pause(Run run, Breach b) {
    ProtectionPolicy.Mode mode = run.policy.mode();
    String account = run.account.name();
    Scope scope = b.scope();
    ActionRecord rec =
        new ActionRecord(
            UUID.randomUUID().toString(),
            account,
            run.runId,
            clock.instant(),
            mode.key(),
            "pause",
            scope.key(),
            ActionRecord.Status.PENDING,
            b.describe(),
            b.numbers(),
            null,
            Commands.resume(account, scope),
            Commands.awsUndo(run.account, scope, null),
            null,
            null);
    if (!store.claim(account, mode, rec, clock.instant())) {
      run.skipped.add(new Decision.Skip(scope.key(), "claimed by another run at the same time"));
      return;
    }
    ScopeState before;
    try {
      before = control.read(run.account, scope);
    } catch (ScopeControlException e) {
      finish(
          run,
          rec.with(
              ActionRecord.Status.NOT_DONE,
              "not done: the state before could not be read ("
                  + e.kind()
                  + "), and ses-ops never acts on unknown state",
              clock.instant()),
          ScopeLock.NOT_DONE);
      run.alert(
          scope,
          "CRITICAL",
          "could not pause " + scope.describe() + ": " + b.describe(),
          body(
              run,
              rec,
              "Not done: the state before could not be read ("
                  + e.kind()
                  + "). Nothing was changed."));
      return;
    }
    rec = rec.withStateBefore(before.toMap(), Commands.awsUndo(run.account, scope, before));
    if (before.paused()) {
      finish(
          run,
          rec.with(
              ActionRecord.Status.SKIPPED,
              "not sending already"
                  + (before.pausedByAws() ? " (paused by AWS)" : "")
                  + ": nothing changed",
              clock.instant()),
          ScopeLock.RELEASED);
      return;
    }
    if (!store.takePause(account, mode, clock.instant(), run.policy.maxPausesPerHour())) {
      finish(
          run,
          rec.with(
              ActionRecord.Status.REFUSED,
              "refused: "
                  + run.policy.maxPausesPerHour()
                  + " pauses in the last hour already (max_pauses_per_hour)",
              clock.instant()),
          ScopeLock.REFUSED);
      run.alert(
          scope,
          "CRITICAL",
          "did not pause "
              + scope.describe()
              + ": max "
              + run.policy.maxPausesPerHour()
              + " pauses an hour reached",
          body(
              run,
              rec,
              "Refused: "
                  + run.policy.maxPausesPerHour()
                  + " pauses were made in this account in the last hour"
                  + " (max_pauses_per_hour). Nothing was changed: look at this scope yourself."));
      return;
    }
    // the log first: the state table, then the report bucket; only then the change
    store.log(rec);
    store.setLock(account, mode, scope, new ScopeLock(ScopeLock.PENDING, rec.at(), rec));
    try {
      run.trail(rec);
    } catch (ProtectionException e) {
      finish(
          run,
          rec.with(
              ActionRecord.Status.NOT_DONE,
              "not done: the action log's copy in the report bucket could not be written",
              clock.instant()),
          ScopeLock.NOT_DONE);
      throw e;
    }
    if (mode == ProtectionPolicy.Mode.DRY_RUN) {
      ActionRecord done =
          rec.with(
              ActionRecord.Status.WOULD_PAUSE,
              "dry run: would pause; nothing changed",
              clock.instant());
      finish(run, done, ScopeLock.WOULD_PAUSE);
      run.alert(
          scope,
          "CRITICAL",
          "would pause " + scope.describe() + ": " + b.describe(),
          body(
              run,
              done,
              "Dry run: nothing was changed. In enforce mode ses-ops would have paused it."));
      return;
    }
    try {
      control.pause(run.account, scope, before);
    } catch (ScopeControlException e) {
      if (appliedAnyway(run, scope)) {
        // the call failed (a timeout, a lost answer) but SES applied it: it is paused, say so
        ActionRecord done =
            rec.with(
                ActionRecord.Status.DONE,
                "paused (SES answered " + e.kind() + ", but reads the scope as not sending now)",
                clock.instant());
        recordPause(run, done, b);
        return;
      }
      ActionRecord failed =
          rec.with(
              ActionRecord.Status.NOT_DONE,
              "not done: SES did not accept the change (" + e.kind() + ")",
              clock.instant());
      finish(run, failed, ScopeLock.NOT_DONE);
      run.alert(
          scope,
          "CRITICAL",
          "could not pause " + scope.describe() + ": " + b.describe(),
          body(
              run,
              failed,
              "Not done: SES did not accept the change ("
                  + e.kind()
                  + "). It is still sending: look at it now."));
      return;
    }
    recordPause(run, rec.with(ActionRecord.Status.DONE, "paused", clock.instant()), b);
  }

  /**
   * Records a pause SES accepted: the log line and the lock, retried; when they still cannot be
   * written the scope is paused all the same, and the alert says so with the resume command (resume
   * finds the pause from its pending line and the lock's claim).
   */
  private void recordPause(Run run, ActionRecord done, Breach b) {
    Scope scope = done.scopeValue();
    ProtectionException last = null;
    for (int attempt = 1; attempt <= LOG_ATTEMPTS; attempt++) {
      try {
        finish(run, done, ScopeLock.PAUSED, done.at());
        last = null;
        break;
      } catch (ProtectionException e) {
        last = e;
        LOG.warn(
            "account {}: {} paused, log update attempt {} of {} failed: {}",
            run.account.name(),
            scope.key(),
            attempt,
            LOG_ATTEMPTS,
            e.getMessage());
        pauseBeforeRetry(attempt);
      }
    }
    if (last == null) {
      run.alert(
          scope,
          "CRITICAL",
          "paused " + scope.describe() + ": " + b.describe(),
          body(
              run,
              done,
              "Paused: "
                  + scope.describe()
                  + " sends nothing until it is resumed. Everything else in the account still sends."));
      return;
    }
    run.actions.add(done);
    run.errors.add(scope.key() + ": PAUSED, log not updated (" + last.getMessage() + ")");
    try {
      run.trail(done);
    } catch (ProtectionException e) {
      run.errors.add(scope.key() + ": the report bucket copy of the final line was not written");
    }
    run.alert(
        scope,
        "CRITICAL",
        "PAUSED, log not updated: " + scope.describe(),
        body(
            run,
            done,
            "PAUSED, log not updated: SES accepted the change, so "
                + scope.describe()
                + " sends nothing now, but the action log"
                + " could not be updated after "
                + LOG_ATTEMPTS
                + " tries ("
                + last.getMessage()
                + "). The next run settles the"
                + " log from SES; resume works meanwhile."));
  }

  /**
   * A claim left PENDING past {@link ScopeLock#RETRY_AFTER}: the run that made it died or could not
   * record its outcome. SES says what happened: paused (the line becomes done, the lock PAUSED, so
   * resume can undo it) or not (not done, the scope may be claimed again).
   */
  private ScopeLock settle(Run run, Scope scope, ScopeLock lock) {
    ActionRecord claim = lock.record();
    ScopeState before = ScopeState.fromMap(claim.stateBefore());
    ScopeState now = before == null ? null : control.read(run.account, scope);
    if (before != null && now.paused() && !before.paused()) {
      ActionRecord done =
          claim.with(
              ActionRecord.Status.DONE,
              "paused (settled by run "
                  + run.runId
                  + ": the run that paused it did not record the outcome; SES reads the scope as not sending)",
              clock.instant());
      finish(run, done, ScopeLock.PAUSED, claim.at());
      run.alert(
          scope,
          "CRITICAL",
          "paused " + scope.describe() + " (settled from a stale claim)",
          body(
              run,
              done,
              "Paused: an earlier run paused "
                  + scope.describe()
                  + " but could not record it; this run found it not sending and"
                  + " recorded the pause."));
      return new ScopeLock(ScopeLock.PAUSED, claim.at(), done);
    }
    ActionRecord notDone =
        claim.with(
            ActionRecord.Status.NOT_DONE,
            before == null
                ? "not done (settled by run "
                    + run.runId
                    + ": the run that claimed it stopped before reading the state; nothing was changed)"
                : "not done (settled by run " + run.runId + ": SES reads the scope as sending)",
            clock.instant());
    // the claim's own time, so the scope may be claimed again at once
    finish(run, notDone, ScopeLock.NOT_DONE, claim.at());
    return new ScopeLock(ScopeLock.NOT_DONE, claim.at(), notDone);
  }

  private boolean appliedAnyway(Run run, Scope scope) {
    try {
      return control.read(run.account, scope).paused();
    } catch (ScopeControlException e) {
      return false;
    }
  }

  private void pauseBeforeRetry(int attempt) {
    if (attempt >= LOG_ATTEMPTS) {
      return;
    }
    try {
      Thread.sleep(retryPause.multipliedBy(attempt).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish(Run run, ActionRecord rec, String lockState) {
    finish(run, rec, lockState, rec.finishedAt());
  }

  private void finish(Run run, ActionRecord rec, String lockState, Instant lockAt) {
    store.log(rec);
    store.setLock(
        rec.account(), run.policy.mode(), rec.scopeValue(), new ScopeLock(lockState, lockAt, rec));
    try {
      run.trail(rec);
    } catch (ProtectionException e) {
      run.errors.add(rec.scope() + ": the report bucket copy of the final line was not written");
    }
    run.actions.add(rec);
    LOG.info(
        "account {}: {} {} {}: {} ({})",
        rec.account(),
        rec.mode(),
        rec.action(),
        rec.scope(),
        rec.status(),
        rec.why());
  }

  private static String body(Run run, ActionRecord rec, String outcome) {
    StringBuilder sb = new StringBuilder();
    sb.append(outcome).append("\n\n");
    sb.append("Account: ")
        .append(run.account.name())
        .append(" (")
        .append(run.account.region())
        .append(")\n");
    sb.append("Scope: ").append(rec.scope()).append('\n');
    sb.append("Why: ").append(rec.why()).append('\n');
    sb.append("Numbers: ").append(rec.numbers()).append('\n');
    if (rec.stateBefore() != null) {
      sb.append("State before: ").append(rec.stateBefore()).append('\n');
    }
    sb.append("Mode: ")
        .append(rec.mode())
        .append(", run ")
        .append(rec.runId())
        .append(", action ")
        .append(rec.actionId())
        .append('\n');
    if (ActionRecord.Status.DONE.equals(rec.status())) {
      sb.append("\nTo resume: ").append(rec.undo()).append('\n');
      sb.append("Or with the AWS CLI: ").append(rec.undoAwsCli()).append('\n');
    }
    sb.append("Action log: ses-ops actions ").append(run.account.name()).append('\n');
    return sb.toString();
  }

  /**
   * SNS allows 100 characters: a long subject drops its trailing counts ({@code (36 of 300
   * sends)}), which the body has.
   */
  static String subject(String severity, String account, String what) {
    String subject = "[" + severity + "] " + account + ": " + what;
    if (subject.length() > Alert.MAX_SUBJECT
        && subject.endsWith(")")
        && subject.lastIndexOf(" (") > 0) {
      subject = subject.substring(0, subject.lastIndexOf(" ("));
    }
    return subject;
  }

  /** One account's protection in one run: its trail lines, actions, skips and errors. */
  private final class Run {
    final AccountConfig account;
    final ProtectionPolicy policy;
    final String runId;
    final Instant started;
    final List<ActionRecord> lines = new ArrayList<>();
    final List<ActionRecord> actions = new ArrayList<>();
    final List<Decision.Skip> skipped = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    String trailLocation;

    Run(AccountConfig account, ProtectionPolicy policy, String runId, Instant started) {
      this.account = account;
      this.policy = policy;
      this.runId = runId;
      this.started = started;
    }

    void trail(ActionRecord rec) {
      lines.add(rec);
      trailLocation = trail.write(account.name(), runId, started, List.copyOf(lines));
    }

    void alert(Scope scope, String severity, String what, String body) {
      String subject = subject(severity, account.name(), what);
      try {
        // the alert's scope attribute: none for the account itself
        alerts.publish(
            new Alert(
                account.name(),
                CHECK,
                severity,
                subject,
                body,
                scope.kind() == ScopeKind.ACCOUNT ? null : scope.key()));
      } catch (RuntimeException e) {
        LOG.warn("account {}: protection alert not published: {}", account.name(), e.getMessage());
        errors.add("alert not published: " + what);
      }
    }

    ProtectionResult result(List<Decision.Skip> decided) {
      List<Decision.Skip> all = new ArrayList<>(decided);
      all.addAll(skipped);
      return new ProtectionResult(
          account.name(),
          policy.mode().key(),
          List.copyOf(actions),
          List.copyOf(all),
          List.copyOf(errors),
          trailLocation);
    }
  }
}
