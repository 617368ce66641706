package dev.sesops.suppression;

import dev.sesops.alert.AlertException;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.aws.Pacer;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.CleanupPolicy;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Alert;
import dev.sesops.ses.Page;
import dev.sesops.ses.SuppressedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes stale entries from each account's SES suppression list by policy, writing a restorable
 * trail to S3 before anything is removed, and puts trails back ({@link #restore}). One account's
 * failure is reported in its result and the other accounts still run.
 */
public final class SuppressionCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(SuppressionCleanup.class);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RUN =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Supplier<SesOpsConfig> config;
  private final Function<AccountConfig, PacedSuppressionList> lists;
  private final TrailStore trails;
  private final AlertPublisher alerts;
  private final Clock clock;
  private final Pacer.Sleeper sleeper;
  private final CleanupOptions options;

  /**
   * @param lists a paced suppression list per account, fresh per run (it counts the run's calls)
   * @param alerts where run notices go; null when no alert topic is configured
   */
  public SuppressionCleanup(
      Supplier<SesOpsConfig> config,
      Function<AccountConfig, PacedSuppressionList> lists,
      TrailStore trails,
      AlertPublisher alerts,
      Clock clock,
      Pacer.Sleeper sleeper,
      CleanupOptions options) {
    this.config = config;
    this.lists = lists;
    this.trails = trails;
    this.alerts = alerts;
    this.clock = clock;
    this.sleeper = sleeper;
    this.options = options;
  }

  /**
   * Runs the cleanup for the named accounts (null: all), with the policy's dry_run unless
   * overridden.
   */
  public CleanupReport run(List<String> accounts, Boolean dryRunOverride, Deadline deadline) {
    return run(accounts, dryRunOverride, deadline, null);
  }

  /**
   * As {@link #run(List, Boolean, Deadline)}; {@code eventId} (the EventBridge event id) goes into
   * the run id.
   */
  public CleanupReport run(
      List<String> accounts, Boolean dryRunOverride, Deadline deadline, String eventId) {
    return runSelected(cfg -> cfg.select(accounts), dryRunOverride, deadline, eventId);
  }

  /**
   * As {@link #run(List, Boolean, Deadline, String)}, for the accounts {@code selection} picks from
   * the loaded config (fleet items).
   */
  public CleanupReport runSelected(
      java.util.function.Function<SesOpsConfig, List<AccountConfig>> selection,
      Boolean dryRunOverride,
      Deadline deadline,
      String eventId) {
    Instant started = clock.instant();
    String runId = runId(started, eventId);
    List<AccountConfig> selected = selection.apply(config.get());
    List<AccountCleanupResult> results = new ArrayList<>();
    for (AccountConfig a : selected) {
      AccountCleanupResult r = cleanAccount(a, dryRunOverride, deadline, runId, started);
      results.add(r);
      notice(a, r, runId);
    }
    CleanupReport report = new CleanupReport(runId, started, clock.instant(), results);
    LOG.info(
        "suppression cleanup {}: {} account(s) ({} failed), listed={}, eligible={}, kept={}, planned={}, removed={}, failed={}, pending={}, left={}, ses_calls={}, dry_run={}, took {} ms",
        runId,
        results.size(),
        report.failedAccounts(),
        sum(results, AccountCleanupResult::listed),
        sum(results, AccountCleanupResult::eligible),
        sum(results, AccountCleanupResult::keptByPattern),
        sum(results, AccountCleanupResult::planned),
        report.removed(),
        sum(results, AccountCleanupResult::failed),
        sum(results, AccountCleanupResult::pending),
        sum(results, AccountCleanupResult::leftForNextRun),
        sum(results, AccountCleanupResult::sesCalls),
        results.stream()
            .filter(AccountCleanupResult::dryRun)
            .map(AccountCleanupResult::account)
            .toList(),
        Duration.between(started, report.finishedAt()).toMillis());
    return report;
  }

  /**
   * Puts every entry of a trail back on its account's suppression list, with the original reason.
   *
   * @throws BadInputException a malformed URI or trail line (nothing restored)
   * @throws NotFoundException the trail does not exist
   */
  public RestoreReport restore(String trailUri, Deadline deadline) {
    return new TrailRestore(config.get(), lists, trails, sleeper, options)
        .restore(S3Location.parse(trailUri, "trail"), deadline);
  }

  private AccountCleanupResult cleanAccount(
      AccountConfig a, Boolean dryRunOverride, Deadline deadline, String runId, Instant now) {
    CleanupPolicy policy = a.suppressionCleanup();
    boolean dryRun = dryRunOverride != null ? dryRunOverride : policy.dryRun();
    PacedSuppressionList list = lists.apply(a);
    Path dir = null;
    AccountRun run = new AccountRun(a.name(), dryRun);
    BulkExecutor executor = null;
    try {
      CleanupRules rules = new CleanupRules(policy, now);
      ListFilter filter = rules.listFilter(options.pageSize());
      if (filter == null) {
        return run.result("ok", null, list.calls());
      }
      dir = Files.createTempDirectory("ses-ops-cleanup-");
      RemovalPlan plan;
      try (RemovalPlan p = new RemovalPlan(dir, options.chunkSize(), options.sampleSize())) {
        plan = p;
        list(a.name(), runId, list, rules, filter, policy.maxRemovalsPerRun(), deadline, p, run);
      }
      run.planned = plan.size();
      run.sample = plan.sample();
      if (plan.size() == 0) {
        run.leftForNextRun = run.beyondLimit;
        return run.result(dryRun ? "dry_run" : "ok", null, list.calls());
      }
      S3Location trail =
          new S3Location(
              trails.bucket(),
              TrailKeys.accountPrefix(a)
                  + DAY.format(now)
                  + "/"
                  + runId
                  + (dryRun ? ".dry-run.jsonl" : ".jsonl"));
      // write-ahead: the trail is stored before the first removal, or nothing is removed
      trails.upload(trail, plan.trailFile());
      run.trail = trail.toString();
      if (dryRun) {
        run.leftForNextRun = run.beyondLimit;
        return run.result("dry_run", null, list.calls());
      }
      boolean importJobs =
          plan.size() >= policy.bulkThreshold() && productionAccess(a.name(), list);
      executor = new BulkExecutor(list, trails, sleeper, options, deadline);
      BulkExecutor.Outcome o = executor.run(plan.chunks(), ImportAction.DELETE, importJobs, trail);
      run.apply(o);
      boolean clean =
          o.failed() == 0
              && o.pending() == 0
              && o.notReached() == 0
              && run.beyondLimit == 0
              && run.listingComplete;
      return run.result(clean ? "ok" : "partial", null, list.calls());
    } catch (SuppressionListException | TrailException e) {
      LOG.warn("suppression cleanup of account {} failed: {}", a.name(), e.getMessage());
      if (executor != null) {
        run.apply(executor.soFar());
      }
      return run.result("failed", e.getMessage(), list.calls());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  private void list(
      String account,
      String runId,
      SuppressionList list,
      CleanupRules rules,
      ListFilter filter,
      int max,
      Deadline deadline,
      RemovalPlan plan,
      AccountRun run) {
    String token = null;
    // a short invocation keeps a quarter of its time for removing, a long one the configured
    // reserve
    Duration quarter = deadline.remaining().dividedBy(4);
    Duration reserve =
        quarter.compareTo(options.listingReserve()) < 0 ? quarter : options.listingReserve();
    do {
      if (deadline.remaining().compareTo(reserve) < 0) {
        run.listingComplete = false;
        run.stoppedByDeadline = true;
        LOG.warn(
            "account {}: listing stopped before the deadline after {} entries",
            account,
            run.listed);
        return;
      }
      Page<SuppressedEntry> page = list.list(filter, token);
      for (SuppressedEntry e : page.items()) {
        run.listed++;
        switch (rules.decide(e)) {
          case NOT_ELIGIBLE -> {}
          case KEEP -> {
            run.eligible++;
            run.kept++;
          }
          case REMOVE -> {
            run.eligible++;
            if (plan.size() < max) {
              plan.add(TrailEntry.of(runId, account, e));
            } else {
              run.beyondLimit++;
            }
          }
        }
      }
      token = page.next();
      if (plan.size() >= max && token != null) {
        // the limit is reached: the rest waits for the next run, without spending SES calls on it
        run.listingComplete = false;
        return;
      }
    } while (token != null);
  }

  private boolean productionAccess(String account, SuppressionList list) {
    try {
      boolean production = list.productionAccess();
      if (!production) {
        LOG.warn("account {} is in the SES sandbox: removing one address at a time", account);
      }
      return production;
    } catch (SuppressionListException e) {
      LOG.warn("account {}: GetAccount failed ({}); trying import jobs", account, e.getMessage());
      return true;
    }
  }

  private void notice(AccountConfig a, AccountCleanupResult r, String runId) {
    boolean failed = "failed".equals(r.status());
    if (!failed && (r.dryRun() || r.removed() == 0)) {
      return;
    }
    if (alerts == null) {
      LOG.warn("no alert topic configured: no notice for the cleanup of account {}", a.name());
      return;
    }
    if (failed) {
      // a failed account is told, not retried: the handler returns normally so Lambda does not
      // rerun the others
      String body =
          "Suppression cleanup "
              + runId
              + " failed for account "
              + a.name()
              + " ("
              + a.region()
              + "): "
              + r.error()
              + ".\n"
              + "Removed before it stopped: "
              + r.removed()
              + (r.dryRun() ? " (dry run)" : "")
              + ".\n"
              + (r.trail() == null ? "" : "Trail: " + r.trail() + "\n")
              + (r.removed() > 0 && r.trail() != null
                  ? "Undo: java -jar functions.jar restore-suppression " + r.trail() + "\n"
                  : "")
              + "The next scheduled run tries again.";
      try {
        alerts.publish(
            new Alert(
                a.name(),
                "suppression-cleanup",
                "WARNING",
                "SES suppression cleanup failed in " + a.name(),
                body));
      } catch (AlertException e) {
        LOG.warn("cleanup failure notice for account {} not sent: {}", a.name(), e.getMessage());
      }
      return;
    }
    String body =
        "Suppression cleanup "
            + runId
            + " removed "
            + r.removed()
            + " entr"
            + (r.removed() == 1 ? "y" : "ies")
            + " from the SES suppression list of account "
            + a.name()
            + " ("
            + a.region()
            + ").\n"
            + "listed "
            + r.listed()
            + ", eligible "
            + r.eligible()
            + ", kept by pattern "
            + r.keptByPattern()
            + ", failed "
            + r.failed()
            + ", still running "
            + r.pending()
            + ", left for the next run "
            + r.leftForNextRun()
            + ".\n"
            + "Trail: "
            + r.trail()
            + "\n"
            + "Undo: java -jar functions.jar restore-suppression "
            + r.trail()
            + "\n";
    try {
      alerts.publish(
          new Alert(
              a.name(),
              "suppression-cleanup",
              "INFO",
              "SES suppression cleanup removed " + r.removed() + " in " + a.name(),
              body));
    } catch (AlertException e) {
      LOG.warn("cleanup notice for account {} not sent: {}", a.name(), e.getMessage());
    }
  }

  static String runId(Instant started, String eventId) {
    String suffix =
        eventId == null ? "" : eventId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (suffix.length() < 8) {
      suffix = UUID.randomUUID().toString().replace("-", "");
    }
    return RUN.format(started) + "-" + suffix.substring(0, 8);
  }

  private static long sum(
      List<AccountCleanupResult> rs, java.util.function.ToLongFunction<AccountCleanupResult> f) {
    return rs.stream().mapToLong(f).sum();
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("temporary files in {} not deleted: {}", dir, e.getClass().getSimpleName());
    }
  }

  /**
   * Counters of one account's run, turned into its result at the end (or when it fails part way).
   */
  private static final class AccountRun {
    final String account;
    final boolean dryRun;
    long listed;
    long eligible;
    long kept;
    long planned;
    long beyondLimit;
    long removed;
    long failed;
    long pending;
    long leftForNextRun;
    boolean listingComplete = true;
    boolean stoppedByDeadline;
    String method = "none";
    String trail;
    List<ImportJobResult> jobs = List.of();
    List<PlannedRemoval> sample = List.of();

    AccountRun(String account, boolean dryRun) {
      this.account = account;
      this.dryRun = dryRun;
    }

    void apply(BulkExecutor.Outcome o) {
      removed = o.done();
      failed = o.failed();
      pending = o.pending();
      method = o.method();
      jobs = o.jobs();
      stoppedByDeadline |= o.stoppedByDeadline();
      leftForNextRun = beyondLimit + o.notReached();
    }

    AccountCleanupResult result(String status, String error, long calls) {
      if ("failed".equals(status)) {
        leftForNextRun = Math.max(0, eligible - kept - removed - failed - pending);
      }
      return new AccountCleanupResult(
          account,
          status,
          dryRun,
          listed,
          eligible,
          kept,
          planned,
          removed,
          failed,
          pending,
          leftForNextRun,
          listingComplete,
          method,
          trail,
          jobs,
          dryRun ? sample : List.of(),
          calls,
          stoppedByDeadline,
          error);
    }
  }
}
