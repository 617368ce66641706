package dev.sesops.monitor;

import dev.sesops.alert.AlertStateEntry;
import dev.sesops.aws.CallDeadline;
import dev.sesops.aws.MemberSession;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigException;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Level;
import dev.sesops.core.SentAlert;
import dev.sesops.core.Signal;
import dev.sesops.events.Sources;
import dev.sesops.protection.ProtectionResult;
import dev.sesops.protection.Protector;
import dev.sesops.signals.SignalAlerts;
import dev.sesops.signals.SignalChecks;
import dev.sesops.signals.SignalJudge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every account's SES health in parallel (bounded), alerts on changes, reports everything.
 */
public final class Monitor {
  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
  private static final int MAX_PARALLEL = 8;

  /** The most one account's reads may take; the others run on in parallel meanwhile. */
  static final Duration ACCOUNT_BUDGET = Duration.ofSeconds(30);

  /** What a run keeps after the last SES read to send the alerts and write the report. */
  static final Duration REPORT_MARGIN = Duration.ofSeconds(3);

  /**
   * Side reads (CloudWatch, alert state) beside each account's SES calls; daemon threads, kept for
   * the container's life.
   */
  private static final ExecutorService IO =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "monitor-io");
            t.setDaemon(true);
            return t;
          });

  private final ConfigSource config;
  private final AccountMonitor accountMonitor;
  private final Supplier<Notifier> notifier;
  private final MetricsSink metrics;
  private final Clock clock;

  /** Per-finding and per-tenant alerts; null when the monitor reads no AWS signals. */
  private final Supplier<SignalAlerts> itemAlerts;

  /** Built on the first account whose protection is not off. */
  private final Supplier<Protector> protector;

  Monitor(
      ConfigSource config,
      SesHealthSource source,
      Supplier<Notifier> notifier,
      MetricsSink metrics,
      Clock clock) {
    this(config, source, null, notifier, null, metrics, clock);
  }

  Monitor(
      ConfigSource config,
      SesHealthSource source,
      SignalChecks signals,
      Supplier<Notifier> notifier,
      Supplier<SignalAlerts> itemAlerts,
      MetricsSink metrics,
      Clock clock) {
    this(
        config,
        source,
        signals,
        notifier,
        itemAlerts,
        metrics,
        clock,
        () -> {
          throw new IllegalStateException("protection is not wired in this monitor");
        });
  }

  Monitor(
      ConfigSource config,
      SesHealthSource source,
      SignalChecks signals,
      Supplier<Notifier> notifier,
      Supplier<SignalAlerts> itemAlerts,
      MetricsSink metrics,
      Clock clock,
      Supplier<Protector> protector) {
    this(config, source, signals, notifier, itemAlerts, metrics, clock, protector, null);
  }

  /**
   * The monitor with every collaborator its composition root ({@code wiring.MonitorFunction})
   * built.
   *
   * @param itemAlerts per-finding and per-tenant alerts; null when the monitor reads no AWS signals
   * @param protector built on the first account whose protection is not off
   * @param worstScopes the events function's worst scopes of an account; null: not wired
   */
  public Monitor(
      ConfigSource config,
      SesHealthSource source,
      SignalChecks signals,
      Supplier<Notifier> notifier,
      Supplier<SignalAlerts> itemAlerts,
      MetricsSink metrics,
      Clock clock,
      Supplier<Protector> protector,
      ScopeRanking worstScopes) {
    this.protector = protector;
    this.worstScopes = worstScopes;
    this.config = config;
    this.accountMonitor = new AccountMonitor(source, IO, signals);
    this.notifier = notifier;
    this.itemAlerts = itemAlerts;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The events function's worst scopes of one account (issue 11); null: not wired. */
  @FunctionalInterface
  public interface ScopeRanking {
    List<Sources.Row> worst(String account, SesOpsConfig cfg, Instant now);
  }

  public static final int WORST_SCOPES = 5;
  volatile ScopeRanking worstScopes;

  /**
   * Per account, the worst scopes; an account whose counters cannot be read is left out (logged).
   */
  private Map<String, List<Sources.Row>> worstScopes(
      List<AccountReport> reports, SesOpsConfig cfg) {
    ScopeRanking ranking = worstScopes;
    if (ranking == null) {
      return null;
    }
    Map<String, List<Sources.Row>> out = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (AccountReport r : reports) {
      if (noEventsWithinTheHour(r, now)) {
        continue; // the pipeline check just read the newest counter: nothing to rank, no second
        // query
      }
      try {
        List<Sources.Row> rows = ranking.worst(r.account(), cfg, now);
        if (!rows.isEmpty()) {
          out.put(r.account(), rows);
        }
      } catch (RuntimeException e) {
        LOG.warn("account {}: worst scopes not read: {}", r.account(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * True when this run's {@code pipeline} check read the account's newest events counter and it is
   * absent or older than the worst scopes' hour: the ranking would read nothing. Any other case
   * (check not run, state unreadable, an unparsable time) ranks as before.
   */
  static boolean noEventsWithinTheHour(AccountReport r, Instant now) {
    for (Signal s : r.signals()) {
      if (s.check().equals(SignalJudge.PIPELINE)
          && s.value() instanceof Map<?, ?> v
          && v.containsKey("last_event")) {
        Object last = v.get("last_event");
        if (last == null) {
          return true;
        }
        try {
          // a counter's bucket starts up to 5 minutes before its last event: keep a bucket's slack
          return Instant.parse(last.toString())
              .isBefore(now.minus(java.time.Duration.ofMinutes(65)));
        } catch (java.time.format.DateTimeParseException e) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Runs the monitor.
   *
   * @param accounts limit to these accounts (null: all)
   * @param notify false: report only, no alert state and no alerts (the API's {@code
   *     ?notify=false})
   * @throws BadInputException for an unknown account
   * @throws ConfigException for a config document that cannot be used
   */
  public MonitorReport run(List<String> accounts, boolean notify, Deadline deadline, String runId) {
    return runSelected(cfg -> cfg.select(accounts), notify, deadline, runId);
  }

  /**
   * As {@link #run(List, boolean, Deadline, String)}, for the accounts {@code selection} picks from
   * the loaded config (fleet items).
   */
  public MonitorReport runSelected(
      java.util.function.Function<SesOpsConfig, List<AccountConfig>> selection,
      boolean notify,
      Deadline deadline,
      String runId) {
    Instant started = clock.instant();
    SesOpsConfig cfg = config.load();
    List<AccountConfig> selected = selection.apply(cfg);
    Notifier n = notify ? notifier.get() : null;

    List<AccountReport> reports = new ArrayList<>();
    List<String> notReached = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(MAX_PARALLEL, selected.size())),
            r -> {
              Thread t = new Thread(r, "monitor-account");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<AccountReport>> futures = new ArrayList<>();
      for (AccountConfig a : selected) {
        // every AWS call of the task (alert state and SNS included) ends by the run's deadline
        futures.add(
            // in the caller's member-account session when the API runs it (issue 26)
            pool.submit(
                MemberSession.propagate(
                        () ->
                            CallDeadline.within(
                                deadline,
                                () ->
                                    protect(
                                        a, n != null, runId, checkAndNotify(a, cfg, n, deadline))))
                    ::get));
      }
      for (int i = 0; i < futures.size(); i++) {
        AccountReport r = await(futures.get(i), deadline);
        if (r == null) {
          notReached.add(selected.get(i).name());
          futures.get(i).cancel(true);
        } else {
          reports.add(r);
          metrics.emit(r, clock.millis());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long ms = Duration.between(started, clock.instant()).toMillis();
    MonitorReport report =
        new MonitorReport(
            runId == null ? UUID.randomUUID().toString() : runId,
            started,
            ms,
            notify,
            summary(reports, notReached),
            List.copyOf(reports),
            List.copyOf(notReached),
            worstScopes(reports, cfg));
    Map<String, Integer> s = report.summary();
    // failures that must raise an alarm, not a retry: dedupe off, accounts not reached, alerts not
    // published
    metrics.emitRun(s, clock.millis());
    // the whole report rides along as one JSON field of the summary line (it holds no secret and no
    // recipient);
    // not written when the line is not (the CLI without --verbose)
    if (LOG.isInfoEnabled()) {
      org.slf4j.MDC.put("json.report", Json.write(report));
    }
    try {
      LOG.info(
          "monitor run {}: {} accounts, {} ok, {} warning, {} critical, {} unknown, {} alerts sent, {} alert failures, {} source errors, {} not reached, {} ms",
          report.runId(),
          reports.size(),
          s.get("ok"),
          s.get("warning"),
          s.get("critical"),
          s.get("unknown"),
          s.get("alerts_sent"),
          s.get("alert_failures"),
          s.get("source_errors"),
          notReached.size(),
          ms);
    } finally {
      org.slf4j.MDC.remove("json.report");
    }
    return report;
  }

  private AccountReport checkAndNotify(
      AccountConfig a, SesOpsConfig cfg, Notifier n, Deadline deadline) {
    if (deadline.passed()) {
      return null;
    }
    Instant now = clock.instant();
    // the stored alert state is read while the signals are
    java.util.concurrent.CompletableFuture<Map<String, AlertStateEntry>> known =
        n == null
            ? null
            : java.util.concurrent.CompletableFuture.supplyAsync(
                CallDeadline.propagate(() -> n.load(a.name())), IO);
    // the account's SES calls end within its budget: a hanging endpoint becomes a blind spot, not a
    // lost run
    // (and leave the run time to alert and report on it)
    Deadline budget =
        earlier(
            new Deadline(deadline.at().minus(REPORT_MARGIN), clock),
            new Deadline(now.plus(ACCOUNT_BUDGET), clock));
    AccountReport r =
        CallDeadline.within(budget, () -> accountMonitor.check(a, cfg.monitoring(), now, budget));
    if (n == null) {
      return r;
    }
    Map<String, AlertStateEntry> stored;
    String unreadable = null;
    try {
      stored = known.join();
    } catch (java.util.concurrent.CompletionException e) {
      // state unreadable: the signals are still reported and alerted on, without dedupe
      stored = null;
      unreadable = Notifier.unavailable("not read", e.getCause() == null ? e : e.getCause());
      LOG.error("account {}: {}; alerting without dedupe", a.name(), unreadable);
    }
    Notifier.Outcome outcome = n.deliver(r, cfg.monitoring(), now, stored, unreadable);
    if (outcome.dedupeOff() != null) {
      r = r.withDedupeOff(outcome.dedupeOff());
    }
    List<SentAlert> sent = new ArrayList<>(outcome.sent());
    if (itemAlerts != null && stored != null) {
      sent.addAll(
          itemAlerts
              .get()
              .notify(
                  r.account(),
                  r.region(),
                  r.signals(),
                  stored,
                  cfg.monitoring().renotifyHours(),
                  now));
    }
    return r.withAlerts(sent);
  }

  private static Deadline earlier(Deadline a, Deadline b) {
    return a.at().isBefore(b.at()) ? a : b;
  }

  /**
   * After an alerting run, hands the account's send-statistics rates to the protector (nothing when
   * the account's protection is off). A protection failure is logged, never a lost report.
   */
  private AccountReport protect(
      AccountConfig account, boolean notify, String runId, AccountReport r) {
    if (r == null || !notify || account.protection().mode() == ProtectionPolicy.Mode.OFF) {
      return r;
    }
    try {
      ProtectionResult p = protector.get().protect(account, ProtectionRates.of(r), runId);
      LOG.info(
          "account {}: protection {}: {} actions, {} skipped, {} errors",
          account.name(),
          p.mode(),
          p.actions().size(),
          p.skipped().size(),
          p.errors().size());
    } catch (RuntimeException e) {
      LOG.warn(
          "account {}: protection did not run: {}", account.name(), e.getClass().getSimpleName());
    }
    return r;
  }

  private static AccountReport await(Future<AccountReport> f, Deadline deadline) {
    try {
      Duration left = deadline.remaining();
      return f.get(Math.max(1, left.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("monitor interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    }
  }

  private static Map<String, Integer> summary(
      List<AccountReport> reports, List<String> notReached) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("accounts", reports.size() + notReached.size());
    for (Level l : Level.values()) {
      m.put(
          l.name().toLowerCase(java.util.Locale.ROOT),
          (int) reports.stream().filter(r -> r.level() == l).count());
    }
    m.put(
        "alerts_sent",
        (int)
            reports.stream()
                .flatMap(r -> r.alerts().stream())
                .filter(a -> a.error() == null)
                .count());
    m.put(
        "alert_failures",
        (int)
            reports.stream()
                .flatMap(r -> r.alerts().stream())
                .filter(a -> a.error() != null)
                .count());
    m.put("dedupe_off", (int) reports.stream().filter(AccountReport::dedupeOff).count());
    m.put("source_errors", reports.stream().mapToInt(r -> r.errors().size()).sum());
    m.put("not_reached", notReached.size());
    return m;
  }
}
