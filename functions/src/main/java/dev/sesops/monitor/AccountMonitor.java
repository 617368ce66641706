package dev.sesops.monitor;

import dev.sesops.aws.CallDeadline;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.core.SourceError;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.signals.SignalChecks;
import dev.sesops.signals.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and judges one account. Each source (GetAccount, GetSendQuota, GetMetricData,
 * GetSendStatistics) is read on its own, so one failing source does not hide the others; a source
 * that fails leaves its signals UNKNOWN and raises the {@code monitoring} signal.
 */
final class AccountMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(AccountMonitor.class);
  private static final int SOURCES = 4;

  private final SesHealthSource source;
  private final Executor io;

  /** What AWS already knows (findings, tenants, mailbox providers); null: not read. */
  private final SignalChecks signals;

  /**
   * @param io runs the CloudWatch read beside the SES calls (a different service and limit, so
   *     overlapping them costs SES nothing and saves a round trip)
   */
  AccountMonitor(SesHealthSource source, Executor io) {
    this(source, io, null);
  }

  AccountMonitor(SesHealthSource source, Executor io, SignalChecks signals) {
    this.source = source;
    this.io = io;
    this.signals = signals;
  }

  AccountReport check(AccountConfig account, MonitoringConfig cfg, Instant now) {
    return check(account, cfg, now, Deadline.none(java.time.Clock.systemUTC()));
  }

  AccountReport check(AccountConfig account, MonitoringConfig cfg, Instant now, Deadline deadline) {
    Evaluator eval = new Evaluator(cfg);
    List<Signal> signals = new ArrayList<>();
    List<SourceError> errors = new ArrayList<>();
    List<SourceError> repErrors = new ArrayList<>();
    CompletableFuture<Reputation> reputation =
        CompletableFuture.supplyAsync(
            CallDeadline.propagate(
                () ->
                    read(
                        account,
                        "cloudwatch:GetMetricData",
                        () -> source.reputation(account, now.minus(Duration.ofHours(24)), now),
                        repErrors)),
            io);

    // SES v1's two reads on their own thread while SES v2's GetAccount runs here: the account's
    // pacer
    // still spaces the calls, and the two clients' first-call set-up overlaps on a cold start
    List<SourceError> quotaErrors = new ArrayList<>();
    List<SourceError> statsErrors = new ArrayList<>();
    record V1(Quota quota, List<SendPoint> stats) {}
    CompletableFuture<V1> v1 =
        CompletableFuture.supplyAsync(
            CallDeadline.propagate(
                () ->
                    new V1(
                        read(
                            account, Evaluator.SRC_QUOTA, () -> source.quota(account), quotaErrors),
                        read(
                            account,
                            Evaluator.SRC_STATS,
                            () -> source.sendStatistics(account),
                            statsErrors))),
            io);

    AccountStatus status =
        read(account, Evaluator.SRC_ACCOUNT, () -> source.account(account), errors);
    Boolean sandbox = null;
    if (status != null) {
      signals.add(eval.enforcement(status));
      signals.add(eval.sending(status));
      signals.add(eval.sandbox(status));
      sandbox = status.productionAccessEnabled() == null ? null : !status.productionAccessEnabled();
    } else {
      signals.add(unread(Checks.ENFORCEMENT, Evaluator.SRC_ACCOUNT, errors));
      signals.add(unread(Checks.SENDING, Evaluator.SRC_ACCOUNT, errors));
    }

    V1 sesV1 = v1.join();
    Quota quota = sesV1.quota();
    errors.addAll(quotaErrors);
    signals.add(
        quota != null ? eval.quota(quota) : unread(Checks.QUOTA, Evaluator.SRC_QUOTA, errors));

    Reputation rep = reputation.join();
    errors.addAll(repErrors);
    if (rep != null) {
      signals.add(eval.bounce(rep.bounce(), now));
      signals.add(eval.complaint(rep.complaint(), now));
    } else {
      signals.add(unread(Checks.BOUNCE, "cloudwatch:GetMetricData", errors));
      signals.add(unread(Checks.COMPLAINT, "cloudwatch:GetMetricData", errors));
    }

    List<SendPoint> stats = sesV1.stats();
    errors.addAll(statsErrors);
    signals.add(
        stats != null
            ? eval.sendStatistics(stats, now)
            : unread(Checks.SEND_STATS, Evaluator.SRC_STATS, errors));

    int coreErrors = errors.size();
    if (this.signals != null) {
      // GetAccount's VdmAttributes say whether VDM is on: one call, shared with the findings check
      signals.addAll(
          this.signals.read(
              account,
              cfg,
              now,
              deadline,
              errors,
              status != null,
              // no VdmAttributes in a read GetAccount means VDM is off: asking again would cost a
              // paced call (about 1 s)
              status == null
                  ? null
                  : new SignalSource.Vdm(
                      "ENABLED".equals(status.vdmEnabled()), status.vdmEnabled()),
              quota == null ? null : quota.sentLast24Hours(),
              io));
    }
    signals.add(monitoring(errors, coreErrors));
    Level level = Level.OK;
    for (Signal s : signals) {
      // send statistics below the volume floor are a cross-check that could not run, not a doubt
      // about the account
      boolean neutral =
          s.level() == Level.UNKNOWN
              && (s.check().equals(Checks.SEND_STATS)
                  || SignalChecks.NEUTRAL_WHEN_UNKNOWN.contains(s.check()));
      if (!neutral) {
        level = Level.worst(level, s.level());
      }
    }
    return new AccountReport(
        account.name(),
        account.region(),
        level,
        sandbox,
        List.copyOf(signals),
        List.copyOf(errors),
        List.of());
  }

  /**
   * @param coreErrors failures among the four health sources: all four failing is CRITICAL
   */
  private static Signal monitoring(List<SourceError> errors, int coreErrors) {
    if (errors.isEmpty()) {
      return new Signal(
          Checks.MONITORING,
          Level.OK,
          0,
          "all sources read",
          null,
          "ses-ops",
          "Every signal source answered.");
    }
    Level level = coreErrors >= SOURCES ? Level.CRITICAL : Level.WARNING;
    StringBuilder what = new StringBuilder();
    for (SourceError e : errors) {
      if (what.length() > 0) {
        what.append(", ");
      }
      what.append(e.source()).append(" (").append(e.kind()).append(')');
    }
    return new Signal(
        Checks.MONITORING,
        level,
        errors.size(),
        "could not read " + what,
        null,
        "ses-ops",
        level == Level.CRITICAL
            ? "No signal could be read: the account's health is unknown."
            : "Some signals could not be read; the others are reported.");
  }

  private static Signal unread(String check, String source, List<SourceError> errors) {
    String kind =
        errors.stream()
            .filter(e -> e.source().equals(source))
            .map(SourceError::kind)
            .findFirst()
            .orElse("error");
    return new Signal(
        check, Level.UNKNOWN, null, "not read", null, source, "Could not be read (" + kind + ").");
  }

  private static <T> T read(
      AccountConfig account, String sourceName, Supplier<T> call, List<SourceError> errors) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      SdkErrors.Kind kind = SdkErrors.kind(e);
      String detail = SdkErrors.describe(e);
      LOG.warn("account {}: {} failed: {} {}", account.name(), sourceName, kind, detail);
      errors.add(new SourceError(sourceName, kind.name(), detail));
      return null;
    }
  }
}
