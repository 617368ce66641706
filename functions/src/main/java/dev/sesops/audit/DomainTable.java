package dev.sesops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link DomainReport} from one domain's findings: each finding goes to its area, the
 * worst one sets the cell; then the bulk-sender readiness rows (Gmail and Yahoo, February 2024:
 * SPF, DKIM, DMARC at least p=none, alignment, one-click unsubscribe, spam rate under 0.3% and, as
 * Google advises, 0.1%).
 */
final class DomainTable {
  static final List<String> AREAS =
      List.of("DKIM", "SPF", "DMARC", "MAIL FROM", "MTA-STS", "TLS-RPT", "BIMI", "DNSSEC");
  private static final List<String> ABSENT =
      List.of(
          "dns.bimi_missing",
          "dns.dnssec_unsigned",
          "dns.tls_rpt_missing",
          "dns.mta_sts_missing",
          "dns.spf_missing");

  private DomainTable() {}

  static DomainReport build(
      String domain,
      IdentityAttributes a,
      List<Finding> findings,
      boolean receivesMail,
      PostureChecks.DmarcPolicy dmarc,
      SendingSignals signals) {
    String mailFrom =
        a.mailFromDomain() == null ? null : a.mailFromDomain().toLowerCase(Locale.ROOT);
    Map<String, List<Finding>> byArea = new LinkedHashMap<>();
    AREAS.forEach(x -> byArea.put(x, new ArrayList<>()));
    for (Finding f : findings) {
      byArea.get(area(f, domain, mailFrom)).add(f);
    }
    Map<String, DomainReport.Cell> cells = new LinkedHashMap<>();
    for (String area : AREAS) {
      cells.put(area, cell(byArea.get(area)));
    }
    if (!Boolean.TRUE.equals(a.dkimEnabled())) {
      cells.put("DKIM", new DomainReport.Cell("fail", "DKIM signing is off"));
    } else if (!"Success".equals(a.dkimStatus()) && "pass".equals(cells.get("DKIM").status())) {
      cells.put("DKIM", new DomainReport.Cell("fail", "SES reports DKIM " + a.dkimStatus()));
    }
    if (mailFrom == null) {
      cells.put("MAIL FROM", new DomainReport.Cell("n/a", "SES default (amazonses.com)"));
    }
    if (!receivesMail) {
      for (String area : List.of("MTA-STS", "TLS-RPT")) {
        if (byArea.get(area).isEmpty()) {
          cells.put(area, new DomainReport.Cell("n/a", "no MX: receives no mail"));
        }
      }
    }
    return new DomainReport(domain, cells, readiness(domain, mailFrom, cells, dmarc, signals));
  }

  static String area(Finding f, String domain, String mailFrom) {
    String id = f.id();
    String r = f.resource() == null ? "" : f.resource().toLowerCase(Locale.ROOT);
    if (id.startsWith("dns.dkim")) {
      return "DKIM";
    }
    if (id.startsWith("dns.mail_from")) {
      return "MAIL FROM";
    }
    if (id.startsWith("dns.spf")) {
      return r.equals(mailFrom) ? "MAIL FROM" : "SPF";
    }
    if (id.startsWith("dns.dmarc")) {
      return "DMARC";
    }
    if (id.startsWith("dns.mta_sts")) {
      return "MTA-STS";
    }
    if (id.startsWith("dns.tls_rpt")) {
      return "TLS-RPT";
    }
    if (id.startsWith("dns.bimi")) {
      return "BIMI";
    }
    if (id.startsWith("dns.dnssec")) {
      return "DNSSEC";
    }
    // dns.lookup_failed (and anything else): by the name asked
    String type = f.evidence().getOrDefault("type", "");
    if (type.equals("DS")) {
      return "DNSSEC";
    }
    if (r.contains("._domainkey.") || r.startsWith("_amazonses.")) {
      return "DKIM";
    }
    if (r.startsWith("_dmarc.") || r.contains("._report._dmarc.")) {
      return "DMARC";
    }
    if (r.startsWith("_mta-sts.")
        || r.startsWith("mta-sts.")
        || (type.equals("MX") && r.equals(domain))) {
      return "MTA-STS";
    }
    if (r.startsWith("_smtp._tls.")) {
      return "TLS-RPT";
    }
    if (r.contains("._bimi.")) {
      return "BIMI";
    }
    if (r.equals(mailFrom)) {
      return "MAIL FROM";
    }
    return "SPF";
  }

  private static DomainReport.Cell cell(List<Finding> fs) {
    if (fs.isEmpty()) {
      return new DomainReport.Cell("pass", "ok");
    }
    Finding worst =
        fs.stream()
            .filter(f -> !f.id().equals(DnsChecks.LOOKUP_FAILED))
            .min(Score.ORDER)
            .orElse(null);
    boolean failed = fs.stream().anyMatch(f -> f.id().equals(DnsChecks.LOOKUP_FAILED));
    if (worst == null || (failed && worst.severity().compareTo(Severity.HIGH) > 0)) {
      return new DomainReport.Cell("unknown", "DNS lookup failed");
    }
    String status =
        switch (worst.severity()) {
          case CRITICAL, HIGH -> "fail";
          case MEDIUM, LOW -> ABSENT.contains(worst.id()) ? "absent" : "warn";
          case INFO -> ABSENT.contains(worst.id()) ? "absent" : "info";
        };
    String text = worst.message();
    return new DomainReport.Cell(status, text.length() > 90 ? text.substring(0, 90) + "..." : text);
  }

  private static List<DomainReport.ReadinessRow> readiness(
      String domain,
      String mailFrom,
      Map<String, DomainReport.Cell> cells,
      PostureChecks.DmarcPolicy dmarc,
      SendingSignals signals) {
    List<DomainReport.ReadinessRow> rows = new ArrayList<>();
    DomainReport.Cell mf = cells.get("MAIL FROM");
    DomainReport.Cell dkim = cells.get("DKIM");
    DomainReport.Cell dm = cells.get("DMARC");
    if (mailFrom == null) {
      rows.add(
          row(
              "SPF",
              "pass",
              "SES's default MAIL FROM (amazonses.com) passes SPF; it does not align with "
                  + domain));
    } else {
      rows.add(row("SPF", passFailUnknown(mf), "custom MAIL FROM " + mailFrom + ": " + mf.text()));
    }
    rows.add(row("DKIM", passFailUnknown(dkim), dkim.text()));
    if (dmarc != null) {
      rows.add(
          row(
              "DMARC (at least p=none)",
              "pass",
              "p=" + dmarc.policy() + (dmarc.pct() < 100 ? " pct=" + dmarc.pct() : "")));
    } else {
      rows.add(
          row(
              "DMARC (at least p=none)",
              "unknown".equals(dm.status()) ? "unknown" : "fail",
              dm.text()));
    }
    if ("pass".equals(passFailUnknown(dkim))) {
      rows.add(
          row(
              "Alignment (DKIM or SPF with the From domain)",
              "pass",
              "Easy DKIM signs as " + domain + " (d= aligns)"));
    } else if (mailFrom != null && "pass".equals(passFailUnknown(mf))) {
      rows.add(
          row(
              "Alignment (DKIM or SPF with the From domain)",
              "pass",
              "custom MAIL FROM " + mailFrom + " aligns SPF (relaxed)"));
    } else if ("unknown".equals(dkim.status()) || "unknown".equals(mf.status())) {
      rows.add(
          row("Alignment (DKIM or SPF with the From domain)", "unknown", "DNS lookups failed"));
    } else {
      rows.add(
          row(
              "Alignment (DKIM or SPF with the From domain)",
              "fail",
              "neither DKIM passes nor a custom MAIL FROM aligns"));
    }
    if (signals.contactLists() == null) {
      rows.add(
          row(
              "One-click unsubscribe (RFC 8058)",
              "unknown",
              "SES contact lists not read: " + signals.contactListError()));
    } else {
      SendingSignals.ContactList list =
          signals.contactLists().stream().filter(c -> c.topics() > 0).findFirst().orElse(null);
      rows.add(
          list != null
              ? row(
                  "One-click unsubscribe (RFC 8058)",
                  "pass",
                  "SES subscription management: contact list "
                      + list.name()
                      + " with "
                      + list.topics()
                      + " topics (SES adds the headers to mail sent with ListManagementOptions)")
              : row(
                  "One-click unsubscribe (RFC 8058)",
                  "unknown",
                  "no SES contact list with topics: the sender's job "
                      + "(List-Unsubscribe and List-Unsubscribe-Post: List-Unsubscribe=One-Click on marketing mail)"));
    }
    for (double limit : new double[] {0.003, 0.001}) {
      String name =
          "Spam complaints under "
              + (limit == 0.003 ? "0.3%" : "0.1%")
              + " (account-wide, SES feedback)";
      if (signals.deliveryAttempts() == null) {
        rows.add(row(name, "unknown", "send statistics not read: " + signals.statisticsError()));
      } else if (signals.deliveryAttempts() < SendingSignals.MIN_VOLUME) {
        rows.add(
            row(
                name,
                "unknown",
                signals.deliveryAttempts()
                    + " delivery attempts in two weeks, below "
                    + SendingSignals.MIN_VOLUME
                    + ": too few to judge"));
      } else {
        double rate = (double) signals.complaints() / signals.deliveryAttempts();
        rows.add(
            row(
                name,
                rate < limit ? "pass" : "fail",
                String.format(
                    Locale.ROOT,
                    "%.3f%% (%d complaints, %d delivery attempts, two weeks);"
                        + " Gmail's own spam rate is in Postmaster Tools",
                    rate * 100,
                    signals.complaints(),
                    signals.deliveryAttempts())));
      }
    }
    return rows;
  }

  private static String passFailUnknown(DomainReport.Cell c) {
    return switch (c.status()) {
      case "pass", "info", "absent", "warn" -> "pass";
      case "unknown" -> "unknown";
      default -> "fail";
    };
  }

  private static DomainReport.ReadinessRow row(String requirement, String status, String why) {
    return new DomainReport.ReadinessRow(requirement, status, why);
  }
}
