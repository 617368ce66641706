package dev.sesops.reports;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.DmarcConfig;
import dev.sesops.core.Alert;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns reports into alerts, each once: SES mail for a domain failing DMARC above the threshold is
 * CRITICAL once per (domain, cause) until it recovers; unknown sources above a volume are a WARNING
 * naming them (again only when a new one appears); a TLS-RPT failure for a domain's MTA-STS policy
 * is a WARNING once a day.
 */
public final class DmarcAlerter {
  static final String UNATTRIBUTED = "unattributed";
  private final AlertPublisher publisher;
  private final AlertState state;
  private final Clock clock;

  public DmarcAlerter(AlertPublisher publisher, AlertState state, Clock clock) {
    this.publisher = publisher;
    this.state = state;
    this.clock = clock;
  }

  /** The SES class of one domain-day; returns the alerts sent (their checks). */
  List<String> sesFailures(
      String domain, LocalDate day, Optional<DaySummary> ses, String account, DmarcConfig config) {
    List<String> sent = new ArrayList<>();
    if (ses.isEmpty()) {
      return sent;
    }
    DaySummary s = ses.get();
    String acct = account == null ? UNATTRIBUTED : account;
    double failPct = 100.0 * (s.messages() - s.dmarcPass()) / Math.max(1, s.messages());
    boolean failing = s.messages() >= config.minMessages() && failPct > config.sesFailurePercent();
    for (String cause : List.of("dkim-unaligned", "dkim-failed")) {
      String check = "dmarc-ses-failing:" + domain + ":" + cause;
      long n = s.causes().getOrDefault(cause, 0L);
      boolean now = failing && n > 0;
      String detail =
          String.format(
              Locale.ROOT,
              "%s: %.1f%% of %d SES messages failed DMARC",
              day,
              failPct,
              s.messages());
      if (now && transition(acct, check, "CRITICAL", detail)) {
        String what =
            cause.equals("dkim-unaligned")
                ? "signed by another domain than "
                    + domain
                    + " (Easy DKIM lost? check the DKIM CNAMEs and the identity's DKIM status)"
                : "without a passing DKIM signature and without aligned SPF (check DKIM and the custom MAIL FROM domain)";
        publish(
            new Alert(
                acct,
                "dmarc-ses-failing",
                "CRITICAL",
                "[CRITICAL] " + domain + ": SES mail fails DMARC (" + cause + ")",
                "Receivers report that "
                    + String.format(Locale.ROOT, "%.1f%%", failPct)
                    + " of "
                    + s.messages()
                    + " messages SES sent as "
                    + domain
                    + " on "
                    + day
                    + " failed DMARC (threshold "
                    + config.sesFailurePercent()
                    + "%). "
                    + n
                    + " of them were "
                    + what
                    + ".",
                "from-domain:" + domain));
        sent.add(check);
      } else if (!now && s.messages() >= config.minMessages()) {
        transition(acct, check, "OK", detail);
      }
    }
    return sent;
  }

  /** Unknown sources in one report above the volume: a WARNING naming them. */
  List<String> unknownSenders(
      String domain, String account, Map<String, Long> unknownSources, DmarcConfig config) {
    TreeSet<String> loud = new TreeSet<>();
    unknownSources.forEach(
        (label, n) -> {
          if (n >= config.unknownSenderMinMessages()) {
            loud.add(label);
          }
        });
    if (loud.isEmpty()) {
      return List.of();
    }
    String acct = account == null ? UNATTRIBUTED : account;
    String check = "dmarc-unknown-senders:" + domain;
    Optional<AlertStateEntry> prev = state.get(acct, check);
    TreeSet<String> known = new TreeSet<>();
    prev.map(AlertStateEntry::detail)
        .filter(d -> !d.isEmpty())
        .ifPresent(d -> known.addAll(List.of(d.split(", "))));
    if (known.containsAll(loud)) {
      return List.of();
    }
    known.addAll(loud);
    Instant now = clock.instant();
    AlertStateEntry next =
        new AlertStateEntry(
            "WARNING",
            prev.map(AlertStateEntry::since).orElse(now),
            now,
            prev.map(e -> e.version() + 1).orElse(1L),
            String.join(", ", known));
    if (!state.compareAndSet(acct, check, prev.orElse(null), next)) {
      return List.of();
    }
    publish(
        new Alert(
            acct,
            "dmarc-unknown-senders",
            "WARNING",
            "[WARNING] " + domain + ": unknown senders use the domain",
            "Sources outside SES and the configured known senders (dmarc.known_senders) sent as "
                + domain
                + " at or above "
                + config.unknownSenderMinMessages()
                + " messages in one report: "
                + String.join(", ", loud)
                + ". If they are yours, add them to dmarc.known_senders; if not, they are spoofing the domain.",
            "from-domain:" + domain));
    return List.of(check);
  }

  /** A day's TLS-RPT failures for a domain's MTA-STS policy: a WARNING once per domain and day. */
  List<String> tlsFailures(TlsReport report, String account) {
    List<String> sent = new ArrayList<>();
    LocalDate day = LocalDate.ofInstant(report.begin(), java.time.ZoneOffset.UTC);
    for (TlsReport.Policy p : report.policies()) {
      if (p.failed() == 0 || !"sts".equals(p.type())) {
        continue;
      }
      String acct = account == null ? UNATTRIBUTED : account;
      String check = "tlsrpt-failures:" + p.domain();
      Optional<AlertStateEntry> prev = state.get(acct, check);
      if (prev.isPresent() && day.toString().equals(prev.get().detail())) {
        continue;
      }
      Instant now = clock.instant();
      AlertStateEntry next =
          new AlertStateEntry(
              "WARNING", now, now, prev.map(e -> e.version() + 1).orElse(1L), day.toString());
      if (state.compareAndSet(acct, check, prev.orElse(null), next)) {
        publish(
            new Alert(
                acct,
                "tlsrpt-failures",
                "WARNING",
                "[WARNING] " + p.domain() + ": TLS failures reported by " + report.org(),
                report.org()
                    + " reports "
                    + p.failed()
                    + " of "
                    + (p.failed() + p.successful())
                    + " TLS sessions to "
                    + p.domain()
                    + " failed on "
                    + day
                    + " under its MTA-STS policy: "
                    + p.failures()
                    + ".",
                "from-domain:" + p.domain()));
        sent.add(check);
      }
    }
    return sent;
  }

  /**
   * Moves (account, check) to {@code level}; true when this call changed it (so it alone alerts).
   */
  private boolean transition(String account, String check, String level, String detail) {
    Optional<AlertStateEntry> prev = state.get(account, check);
    String was = prev.map(AlertStateEntry::level).orElse("OK");
    if (was.equals(level)) {
      return false;
    }
    Instant now = clock.instant();
    AlertStateEntry next =
        new AlertStateEntry(
            level,
            now,
            level.equals("OK") ? prev.map(AlertStateEntry::lastNotified).orElse(null) : now,
            prev.map(e -> e.version() + 1).orElse(1L),
            detail);
    return state.compareAndSet(account, check, prev.orElse(null), next);
  }

  private void publish(Alert alert) {
    publisher.publish(alert);
  }
}
