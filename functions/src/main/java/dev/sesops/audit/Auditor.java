package dev.sesops.audit;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.aws.MemberSession;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.signals.FindingsReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit service: audits the named accounts (all when null) in parallel, one report per account
 * in S3, SNS alerts for new HIGH/CRITICAL findings. The scheduled handler and the API both call it.
 */
public final class Auditor {
  private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** How long past the deadline to wait for an account still finishing one SES call. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  static final int DNS_THREADS = 8;

  private final ConfigSource config;
  private final AccountAuditor accounts;
  private final Clock clock;
  private final ExecutorService accountPool;

  public Auditor(
      ConfigSource config,
      SesReaderFactory readers,
      DnsLookup dns,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double sesCallsPerSecond) {
    this(config, readers, dns, store, alerts, clock, sesCallsPerSecond, null);
  }

  public Auditor(
      ConfigSource config,
      SesReaderFactory readers,
      DnsLookup dns,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double sesCallsPerSecond,
      FindingsReader vdm) {
    this(config, readers, dns, store, alerts, clock, sesCallsPerSecond, vdm, null);
  }

  /**
   * @param dmarcReports the DMARC reports' summaries for each domain's DMARC section (null: no
   *     section)
   */
  public Auditor(
      ConfigSource config,
      SesReaderFactory readers,
      DnsLookup dns,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double sesCallsPerSecond,
      FindingsReader vdm,
      DmarcReports dmarcReports) {
    this.config = config;
    this.clock = clock;
    this.accountPool = Executors.newCachedThreadPool(daemon("audit-account"));
    this.accounts =
        new AccountAuditor(
            readers,
            dns,
            HttpsFetcher.standard(dns),
            store,
            alerts,
            clock,
            sesCallsPerSecond,
            Executors.newFixedThreadPool(DNS_THREADS, daemon("audit-dns")),
            vdm,
            dmarcReports);
  }

  /** Audits the named accounts (null: all) with a generated run reference. */
  public AuditReport audit(List<String> accountNames, boolean notify, Deadline deadline) {
    return audit(accountNames, notify, deadline, null);
  }

  /**
   * Audits the named accounts (null: all).
   *
   * @param notify send SNS alerts for new HIGH/CRITICAL findings (off: they stay pending for the
   *     next run)
   * @param runRef a request or event id to make the run id traceable (null: random)
   * @throws BadInputException naming unknown accounts
   * @throws AuditException when an account's audit broke unexpectedly (after the others finished)
   */
  public AuditReport audit(
      List<String> accountNames, boolean notify, Deadline deadline, String runRef) {
    return auditSelected(cfg -> cfg.select(accountNames), notify, deadline, runRef);
  }

  /**
   * As {@link #audit(List, boolean, Deadline, String)}, for the accounts {@code selection} picks
   * from the loaded config (fleet items).
   */
  public AuditReport auditSelected(
      java.util.function.Function<SesOpsConfig, List<AccountConfig>> selection,
      boolean notify,
      Deadline deadline,
      String runRef) {
    Instant started = clock.instant();
    SesOpsConfig cfg = config.load();
    List<AccountConfig> selected = selection.apply(cfg);
    String runId = RUN_TIME.format(started) + "-" + ref(runRef);
    Map<String, Future<AccountAuditor.Outcome>> futures = new LinkedHashMap<>();
    for (AccountConfig a : selected) {
      futures.put(
          a.name(),
          // in the caller's member-account session when the API runs it (issue 26)
          accountPool.submit(
              MemberSession.propagate(
                      () -> accounts.run(a, runId, deadline, notify, cfg.audit().dnsbl()))
                  ::get));
    }
    List<AccountAudit> reports = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    Throwable firstBroken = null;
    for (Map.Entry<String, Future<AccountAuditor.Outcome>> e : futures.entrySet()) {
      try {
        AccountAuditor.Outcome o =
            e.getValue().get(deadline.remaining().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        reports.add(o.report());
        if (o.reportKey() != null) {
          keys.add(o.reportKey());
        }
        o.alertsSent().forEach(k -> sent.add(e.getKey() + ":" + k));
        if (o.failure() != null) {
          failures.add(e.getKey() + ": " + o.failure());
        }
      } catch (TimeoutException ex) {
        e.getValue().cancel(true);
        failures.add(e.getKey() + ": did not finish before the deadline");
        LOG.warn("audit {}: did not finish before the deadline", e.getKey());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new AuditException("interrupted while waiting for the audit of " + e.getKey(), ex);
      } catch (ExecutionException ex) {
        broken.add(e.getKey());
        firstBroken = firstBroken == null ? ex.getCause() : firstBroken;
        failures.add(
            e.getKey() + ": audit broke (" + ex.getCause().getClass().getSimpleName() + ")");
      }
    }
    AuditReport report =
        new AuditReport(
            runId,
            started,
            clock.instant(),
            List.copyOf(reports),
            List.copyOf(keys),
            List.copyOf(sent),
            List.copyOf(failures),
            summary(reports, failures));
    LOG.info(
        "audit run {}: {} accounts, {} findings, {} new, {} resolved, {} alerts, {} failures, {} ms",
        runId,
        reports.size(),
        reports.stream().mapToInt(r -> r.findings().size()).sum(),
        reports.stream().mapToInt(r -> r.newFindings().size()).sum(),
        reports.stream().mapToInt(r -> r.resolved().size()).sum(),
        sent.size(),
        failures.size(),
        Duration.between(started, report.finishedAt()).toMillis());
    if (!broken.isEmpty()) {
      throw new AuditException(
          "the audit of " + String.join(", ", broken) + " broke; the other accounts were audited",
          firstBroken);
    }
    return report;
  }

  static List<String> summary(List<AccountAudit> reports, List<String> failures) {
    List<String> lines = new ArrayList<>();
    for (AccountAudit r : reports) {
      Map<Severity, Integer> c = r.counts();
      lines.add(
          String.format(
              "%s: score %d; %d critical, %d high, %d medium, %d low, %d info; %d new, %d resolved%s",
              r.account(),
              r.score(),
              c.get(Severity.CRITICAL),
              c.get(Severity.HIGH),
              c.get(Severity.MEDIUM),
              c.get(Severity.LOW),
              c.get(Severity.INFO),
              r.newFindings().size(),
              r.resolved().size(),
              r.complete()
                  ? ""
                  : "; INCOMPLETE: "
                      + String.join(
                          "; ",
                          r.notReached().isEmpty() ? List.of("a check failed") : r.notReached())));
      r.findings().stream()
          .filter(f -> f.severity().alerts())
          .limit(3)
          .forEach(f -> lines.add("  [" + f.severity() + "] " + f.message()));
    }
    failures.forEach(f -> lines.add("FAILED " + f));
    return lines;
  }

  private static String ref(String runRef) {
    String r =
        runRef == null ? UUID.randomUUID().toString() : runRef.replaceAll("[^A-Za-z0-9]", "");
    if (r.isEmpty()) {
      r = UUID.randomUUID().toString().replace("-", "");
    }
    return r.substring(0, Math.min(8, r.length()));
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
