package dev.sesops.audit;

import dev.sesops.alert.AlertException;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.AuditConfig;
import dev.sesops.core.Alert;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.DedicatedIp;
import dev.sesops.signals.FindingsReader;
import dev.sesops.signals.SignalSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Audits one account: runs the checks in order (credentials, account, configuration sets,
 * identities in batches of 100, drift, DNS), stops before the deadline with a partial report that
 * names what it did not reach, compares with the previous report, alerts on new HIGH/CRITICAL
 * findings, stores the report. SES failures become {@code audit.check_failed} findings; the other
 * accounts are not affected.
 */
final class AccountAuditor {
  static final int MAX_ALERTS_PER_ACCOUNT = 10;

  /**
   * How long the pre-signed link to the HTML report in an alert stays valid (S3's maximum for
   * SigV4).
   */
  /**
   * How long an alert's report link is valid at most: shorter when the signing credentials expire
   * sooner (S3ReportStore.lifetime).
   */
  static final java.time.Duration REPORT_LINK_VALIDITY = java.time.Duration.ofHours(12);

  /** The alerts' words for it. */
  static final String REPORT_LINK_LABEL =
      "Report (link valid up to " + REPORT_LINK_VALIDITY.toHours() + " hours): ";

  private static final Logger LOG = LoggerFactory.getLogger(AccountAuditor.class);

  /** What one account's audit produced: the report, where it is stored, which alerts went out. */
  record Outcome(AccountAudit report, String reportKey, List<String> alertsSent, String failure) {}

  private final SesReaderFactory readers;
  private final DnsChecks dnsChecks;
  private final PostureChecks postureChecks;
  private final DedicatedIpChecks ipChecks;
  private final ReportStore store;
  private final AlertPublisher alerts;
  private final Clock clock;
  private final double callsPerSecond;
  private final ExecutorService dnsPool;

  /** VDM findings and VDM's state; null: not read. */
  private final FindingsReader vdm;

  /**
   * The DMARC aggregate reports' summaries; null: not read (no reports stored in this deployment).
   */
  private final DmarcReports dmarcReports;

  AccountAuditor(
      SesReaderFactory readers,
      DnsLookup dns,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double callsPerSecond,
      ExecutorService dnsPool) {
    this(
        readers,
        dns,
        HttpsFetcher.standard(dns),
        store,
        alerts,
        clock,
        callsPerSecond,
        dnsPool,
        null);
  }

  AccountAuditor(
      SesReaderFactory readers,
      DnsLookup dns,
      HttpsFetcher https,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double callsPerSecond,
      ExecutorService dnsPool) {
    this(readers, dns, https, store, alerts, clock, callsPerSecond, dnsPool, null);
  }

  AccountAuditor(
      SesReaderFactory readers,
      DnsLookup dns,
      HttpsFetcher https,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double callsPerSecond,
      ExecutorService dnsPool,
      FindingsReader vdm) {
    this(readers, dns, https, store, alerts, clock, callsPerSecond, dnsPool, vdm, null);
  }

  AccountAuditor(
      SesReaderFactory readers,
      DnsLookup dns,
      HttpsFetcher https,
      ReportStore store,
      AlertPublisher alerts,
      Clock clock,
      double callsPerSecond,
      ExecutorService dnsPool,
      FindingsReader vdm,
      DmarcReports dmarcReports) {
    this.dmarcReports = dmarcReports;
    this.vdm = vdm;
    this.readers = readers;
    this.dnsChecks = new DnsChecks(dns);
    this.postureChecks = new PostureChecks(dns, https);
    this.ipChecks = new DedicatedIpChecks(dns);
    this.store = store;
    this.alerts = alerts;
    this.clock = clock;
    this.callsPerSecond = callsPerSecond;
    this.dnsPool = dnsPool;
  }

  Outcome run(AccountConfig account, String runId, Deadline deadline, boolean notify) {
    return run(account, runId, deadline, notify, AuditConfig.DEFAULT_DNSBL);
  }

  /**
   * @param dnsbl the blocklist zones of {@code audit.dnsbl}
   */
  Outcome run(
      AccountConfig account, String runId, Deadline deadline, boolean notify, List<String> dnsbl) {
    Instant started = clock.instant();
    String name = account.name();
    Map<String, String> checks = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    List<String> notReached = new ArrayList<>();
    SesAccountReader ses = readers.open(account, callsPerSecond);

    findings.addAll(AccountChecks.credentials(account));
    checks.put("credentials", FindingDiff.OK);

    AccountStatus accountStatus = null;
    if (reached("account", deadline, checks, notReached)) {
      try {
        accountStatus = ses.accountStatus();
        findings.addAll(AccountChecks.status(name, accountStatus));
        checks.put("account", FindingDiff.OK);
      } catch (SdkException e) {
        failed("account", e, name, checks, findings);
      }
    }

    if (vdm != null && reached("vdm", deadline, checks, notReached)) {
      try {
        // GetAccount's VdmAttributes, already read, say whether VDM is on
        FindingsReader.Reading r =
            vdm.read(
                account,
                deadline,
                accountStatus == null
                    ? null
                    : new SignalSource.Vdm(
                        "ENABLED".equals(accountStatus.vdmEnabled()), accountStatus.vdmEnabled()));
        findings.addAll(VdmChecks.check(name, account.region(), r));
        checks.put(
            "vdm",
            r.complete() ? FindingDiff.OK : "partial: the finding list was not read to its end");
      } catch (SdkException e) {
        failed("vdm", e, name, checks, findings);
      }
    }

    List<ConfigurationSetInfo> sets = null;
    if (reached("configuration_sets", deadline, checks, notReached)) {
      try {
        sets = ses.configurationSets();
        sets.forEach(cs -> findings.addAll(ConfigurationSetChecks.check(name, cs)));
        checks.put("configuration_sets", FindingDiff.OK);
      } catch (SdkException e) {
        failed("configuration_sets", e, name, checks, findings);
      }
    }

    List<String> identities = null;
    Map<String, IdentityAttributes> attributes = new LinkedHashMap<>();
    if (reached("identities", deadline, checks, notReached)) {
      try {
        identities = ses.identities();
      } catch (SdkException e) {
        failed("identities", e, name, checks, findings);
      }
    }
    if (identities != null) {
      identityChecks(
          name, identities, attributes, sets, ses, deadline, checks, notReached, findings);
      Map<String, String> status = new LinkedHashMap<>();
      identities.forEach(
          id ->
              status.put(
                  id,
                  Optional.ofNullable(attributes.get(id))
                      .map(IdentityAttributes::verificationStatus)
                      .orElse(null)));
      findings.addAll(DriftCheck.check(account, status));
      checks.put(
          "drift",
          FindingDiff.OK.equals(checks.get("identities"))
              ? FindingDiff.OK
              : "partial: identities not read were counted as present");
    } else if (!checks.containsKey("drift")) {
      checks.put("drift", "not reached: needs the identity list");
    }

    // issue 11: the expected domains (the config's verified_domains, one GetEmailIdentity each)
    // without a default set;
    // not every identity (that would be one call per identity), not email identities (reports hold
    // no addresses)
    if (identities != null && reached("default_configuration_sets", deadline, checks, notReached)) {
      java.util.Set<String> present = new java.util.HashSet<>(identities);
      List<String> expected = new ArrayList<>();
      for (String id : account.verifiedDomains()) {
        if (present.contains(id)) {
          expected.add(id);
        }
      }
      try {
        findings.addAll(
            ConfigurationSetChecks.defaultConfigurationSets(
                name, ses.defaultConfigurationSets(expected)));
        checks.put("default_configuration_sets", FindingDiff.OK);
      } catch (SdkException e) {
        failed("default_configuration_sets", e, name, checks, findings);
      }
    }

    if (reached("dedicated_ips", deadline, checks, notReached)) {
      try {
        List<DedicatedIp> ips = ses.dedicatedIps();
        List<String> pools = ses.dedicatedIpPools();
        findings.addAll(ipChecks.check(name, ips, pools, dnsbl));
        checks.put("dedicated_ips", FindingDiff.OK);
      } catch (SdkException e) {
        failed("dedicated_ips", e, name, checks, findings);
      }
    }

    SendingSignals signals = signals(ses, deadline);
    List<DomainReport> domains = new ArrayList<>();
    dns(account, attributes, signals, deadline, checks, notReached, findings, domains);

    return finish(
        account, runId, started, checks, notReached, findings, ses, identities, notify, domains);
  }

  private void identityChecks(
      String name,
      List<String> identities,
      Map<String, IdentityAttributes> attributes,
      List<ConfigurationSetInfo> sets,
      SesAccountReader ses,
      Deadline deadline,
      Map<String, String> checks,
      List<String> notReached,
      List<Finding> findings) {
    String status = FindingDiff.OK;
    for (int from = 0; from < identities.size(); from += SesAccountReader.BATCH) {
      List<String> batch =
          identities.subList(from, Math.min(identities.size(), from + SesAccountReader.BATCH));
      if (deadline.passed()) {
        int left = identities.size() - from;
        notReached.add(
            "identities: " + left + " of " + identities.size() + " not checked (deadline)");
        status = "partial: " + from + " of " + identities.size() + " identities checked";
        break;
      }
      try {
        ses.attributes(batch).forEach(a -> attributes.put(a.identity(), a));
      } catch (SdkException e) {
        int left = identities.size() - from;
        notReached.add(
            "identities: "
                + left
                + " of "
                + identities.size()
                + " not checked ("
                + SdkErrors.describe(e)
                + ")");
        failed("identities", e, name, checks, findings);
        status = checks.get("identities");
        break;
      }
    }
    checks.put("identities", status);
    Set<String> dkimDomains = new HashSet<>();
    for (IdentityAttributes a : attributes.values()) {
      if (a.isDomain()
          && Boolean.TRUE.equals(a.dkimEnabled())
          && "Success".equals(a.dkimStatus())
          && Resources.domainOf(a.identity()) != null) {
        dkimDomains.add(Resources.domainOf(a.identity()));
      }
    }
    IdentityChecks.ConfigSetFeedback feedback = IdentityChecks.ConfigSetFeedback.of(sets);
    for (IdentityAttributes a : attributes.values()) {
      findings.addAll(IdentityChecks.check(name, a, dkimDomains, feedback));
    }
  }

  /**
   * The account-wide inputs of the readiness matrix: two SES calls and one per contact list; a
   * failure is "unknown".
   */
  private static SendingSignals signals(SesAccountReader ses, Deadline deadline) {
    if (deadline.passed()) {
      return new SendingSignals(
          null, null, null, "not reached (deadline)", "not reached (deadline)");
    }
    Long attempts = null;
    Long complaints = null;
    String statsError = null;
    List<SendingSignals.ContactList> lists = null;
    String listError = null;
    try {
      SendingSignals.SendTotals t = ses.sendTotals();
      attempts = t.deliveryAttempts();
      complaints = t.complaints();
    } catch (SdkException e) {
      statsError = SdkErrors.describe(e);
    }
    try {
      lists = ses.contactLists();
    } catch (SdkException e) {
      listError = SdkErrors.describe(e);
    }
    return new SendingSignals(attempts, complaints, lists, statsError, listError);
  }

  private record DomainOutcome(List<Finding> findings, DomainReport report) {}

  private DomainOutcome inspect(
      AccountConfig account, String domain, IdentityAttributes a, SendingSignals signals) {
    DnsChecks.Inspection dnsPart = dnsChecks.inspect(account.name(), account.region(), domain, a);
    PostureChecks.Result posture = postureChecks.inspect(account.name(), domain, dnsPart.dmarc());
    List<Finding> all = new ArrayList<>(dnsPart.findings());
    all.addAll(posture.findings());
    DomainReport report =
        DomainTable.build(domain, a, all, posture.receivesMail(), dnsPart.dmarc(), signals);
    return new DomainOutcome(
        all,
        dmarcReports == null ? report : report.withDmarc(dmarcSection(account.name(), domain)));
  }

  /**
   * The domain's DMARC section; a read failure is shown in the section and does not stop the audit.
   */
  private DmarcSection dmarcSection(String account, String domain) {
    try {
      return dmarcReports.section(domain, DmarcReports.DAYS);
    } catch (RuntimeException e) {
      LOG.warn("audit {}: DMARC reports of {} not read: {}", account, domain, e.getMessage());
      return DmarcSection.unread(DmarcReports.DAYS, "DMARC reports not read: " + e.getMessage());
    }
  }

  private void dns(
      AccountConfig account,
      Map<String, IdentityAttributes> attributes,
      SendingSignals signals,
      Deadline deadline,
      Map<String, String> checks,
      List<String> notReached,
      List<Finding> findings,
      List<DomainReport> reports) {
    List<IdentityAttributes> domains =
        attributes.values().stream()
            .filter(a -> a.isDomain() && Resources.domainOf(a.identity()) != null)
            .toList();
    if (deadline.passed()) {
      checks.put("dns", "not reached");
      notReached.add("dns: " + domains.size() + " domains not checked (deadline)");
      return;
    }
    List<Future<DomainOutcome>> futures = new ArrayList<>();
    for (IdentityAttributes a : domains) {
      String domain = Resources.domainOf(a.identity());
      futures.add(dnsPool.submit(() -> inspect(account, domain, a, signals)));
    }
    int missed = 0;
    for (Future<DomainOutcome> f : futures) {
      try {
        DomainOutcome o = f.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        findings.addAll(o.findings());
        reports.add(o.report());
      } catch (TimeoutException e) {
        f.cancel(true);
        missed++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuditException("interrupted during the DNS checks of " + account.name(), e);
      } catch (ExecutionException e) {
        throw new AuditException(
            "DNS checks of "
                + account.name()
                + " broke: "
                + e.getCause().getClass().getSimpleName(),
            e.getCause());
      }
    }
    if (missed > 0) {
      notReached.add(
          "dns: " + missed + " of " + domains.size() + " domains not checked (deadline)");
      checks.put(
          "dns",
          "partial: " + (domains.size() - missed) + " of " + domains.size() + " domains checked");
    } else {
      checks.put(
          "dns",
          FindingDiff.OK.equals(checks.get("identities"))
              ? FindingDiff.OK
              : "partial: only the identities read were checked");
    }
  }

  private Outcome finish(
      AccountConfig account,
      String runId,
      Instant started,
      Map<String, String> checks,
      List<String> notReached,
      List<Finding> raw,
      SesAccountReader ses,
      List<String> identities,
      boolean notify,
      List<DomainReport> domains) {
    String name = account.name();
    List<Finding> findings = Score.sorted(raw);
    AccountAudit previous = null;
    String previousKey = null;
    boolean previousUnreadable = false;
    try {
      Optional<ReportStore.Stored> p = store.latest(name);
      if (p.isPresent()) {
        previous = p.get().report();
        previousKey = p.get().key();
      }
    } catch (AuditException e) {
      previousUnreadable = true;
      LOG.warn(
          "audit {}: previous report unreadable, alerts held back until the next run: {}",
          name,
          e.getMessage());
    }
    FindingDiff diff = FindingDiff.of(findings, checks, previous);
    List<String> sent = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    String htmlKey = ReportStore.htmlKey(name, started, runId);
    if (!notify || previousUnreadable) {
      diff.toAlert().forEach(f -> pending.add(f.key()));
    } else {
      publish(
          name,
          diff,
          sent,
          pending,
          diff.toAlert().isEmpty() ? null : store.link(htmlKey, REPORT_LINK_VALIDITY));
    }
    Map<String, Integer> identityCounts = new LinkedHashMap<>();
    if (identities != null) {
      long emails = identities.stream().filter(i -> i.contains("@")).count();
      identityCounts.put("domains", (int) (identities.size() - emails));
      identityCounts.put("email_addresses", (int) emails);
    }
    boolean complete =
        notReached.isEmpty() && checks.values().stream().allMatch(FindingDiff.OK::equals);
    AccountAudit report =
        new AccountAudit(
            name,
            account.region(),
            runId,
            started,
            clock.instant(),
            checks,
            complete,
            List.copyOf(notReached),
            findings,
            Score.counts(findings),
            Score.of(findings),
            diff.newFindings().stream().map(Finding::key).toList(),
            diff.resolved(),
            diff.unverified(),
            List.copyOf(pending),
            identityCounts,
            ses.calls(),
            previousKey,
            List.copyOf(domains),
            ScorePoint.history(previous, started, Score.of(findings)));
    String key = null;
    String failure = null;
    try {
      key = store.put(report);
    } catch (AuditException e) {
      failure = e.getMessage();
      LOG.warn("audit {}: {}", name, e.getMessage());
    }
    try {
      store.putHtml(htmlKey, HtmlReport.render(report));
    } catch (AuditException e) {
      failure = failure == null ? e.getMessage() : failure + "; " + e.getMessage();
      LOG.warn("audit {}: {}", name, e.getMessage());
    }
    return new Outcome(report, key, sent, failure);
  }

  private void publish(
      String account, FindingDiff diff, List<String> sent, List<String> pending, String link) {
    List<Finding> news = diff.toAlert();
    int individual =
        news.size() > MAX_ALERTS_PER_ACCOUNT ? MAX_ALERTS_PER_ACCOUNT - 1 : news.size();
    for (int i = 0; i < news.size(); i++) {
      Finding f = news.get(i);
      if (i >= individual) {
        List<Finding> rest = news.subList(i, news.size());
        Alert digest =
            new Alert(
                account,
                "audit.digest",
                rest.get(0).severity().name(),
                "["
                    + rest.get(0).severity()
                    + "] "
                    + account
                    + ": "
                    + rest.size()
                    + " more new audit findings",
                "The audit of "
                    + account
                    + " found "
                    + rest.size()
                    + " more new HIGH or CRITICAL findings:\n"
                    + String.join(
                        "\n",
                        rest.stream().map(r -> "- [" + r.severity() + "] " + r.message()).toList())
                    + (link == null ? "" : "\n\n" + REPORT_LINK_LABEL + link));
        if (send(digest)) {
          rest.forEach(r -> sent.add(r.key()));
        } else {
          rest.forEach(r -> pending.add(r.key()));
        }
        break;
      }
      if (send(alert(account, f, link))) {
        sent.add(f.key());
      } else {
        pending.add(f.key());
      }
    }
    List<Finding> fixed =
        diff.resolved().stream()
            .filter(f -> f.severity().alerts() && !VdmChecks.alertedElsewhere(f))
            .toList();
    for (int i = 0; i < fixed.size() && i < MAX_ALERTS_PER_ACCOUNT; i++) {
      Finding f = fixed.get(i);
      send(
          new Alert(
              account,
              f.id(),
              "RESOLVED",
              "[RESOLVED] " + account + ": " + f.message(),
              "Resolved since the previous audit of "
                  + account
                  + ":\n"
                  + f.message()
                  + "\nResource: "
                  + f.resource()));
    }
  }

  private boolean send(Alert alert) {
    try {
      alerts.publish(alert);
      return true;
    } catch (AlertException e) {
      LOG.warn(
          "audit {}: alert {} not sent, kept pending: {}",
          alert.account(),
          alert.check(),
          e.getMessage());
      return false;
    }
  }

  static Alert alert(String account, Finding f) {
    return alert(account, f, null);
  }

  /**
   * The alert for a new finding; {@code link} (may be null) is the pre-signed URL of the HTML
   * report.
   */
  static Alert alert(String account, Finding f, String link) {
    StringBuilder body =
        new StringBuilder()
            .append(f.message())
            .append("\n\n")
            .append("Account: ")
            .append(account)
            .append('\n')
            .append("Severity: ")
            .append(f.severity())
            .append('\n')
            .append("Check: ")
            .append(f.id())
            .append('\n')
            .append("Resource: ")
            .append(f.resource())
            .append('\n')
            .append("Fix: ")
            .append(f.remediation())
            .append('\n');
    f.evidence()
        .forEach((k, v) -> body.append("Evidence ").append(k).append(": ").append(v).append('\n'));
    if (link != null) {
      body.append("\n").append(REPORT_LINK_LABEL).append(link).append('\n');
    }
    return new Alert(
        account,
        f.id(),
        f.severity().name(),
        "[" + f.severity() + "] " + account + ": " + f.message(),
        body.toString());
  }

  private static boolean reached(
      String area, Deadline deadline, Map<String, String> checks, List<String> notReached) {
    if (deadline.passed()) {
      checks.put(area, "not reached");
      notReached.add(area + ": not checked (deadline)");
      return false;
    }
    return true;
  }

  private static void failed(
      String area,
      SdkException e,
      String account,
      Map<String, String> checks,
      List<Finding> findings) {
    String why = SdkErrors.describe(e);
    checks.put(area, "failed: " + why);
    LOG.warn("audit {}: check {} could not run: {}", account, area, why);
    findings.add(
        new Finding(
            "audit.check_failed",
            Severity.HIGH,
            account,
            area,
            "Check " + area + " could not run: " + why,
            SdkErrors.kind(e) == SdkErrors.Kind.ACCESS_DENIED
                    || SdkErrors.kind(e) == SdkErrors.Kind.BAD_CREDENTIALS
                ? "Give the ses-ops role (or keys) read access to SES (ses:Get*, ses:List*) in this account and Region."
                : "The next audit retries; if it persists, check the account's SES endpoint and credentials.",
            Map.of("error", why, "kind", SdkErrors.kind(e).name())));
  }
}
