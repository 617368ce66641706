package dev.sesops.reports;

import dev.sesops.audit.DmarcReports;
import dev.sesops.audit.DmarcSection;
import dev.sesops.config.ConfigSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit's DMARC section, read through {@link DmarcQuery} (the model behind {@code GET
 * /domains/{domain}/dmarc} and {@code ses-ops dmarc}): this class only reshapes its answer for the
 * page and, when no reports arrived, says where to send them.
 */
public final class AuditDmarcReports implements DmarcReports {
  private static final int TOP_FAILING = 10;
  private final DmarcQuery query;
  private final ConfigSource config;
  private final String receiptDomain;

  /**
   * @param receiptDomain the domain whose dmarc@ mail the stack receives (null: none)
   */
  public AuditDmarcReports(DmarcQuery query, ConfigSource config, String receiptDomain) {
    this.query = query;
    this.config = config;
    this.receiptDomain = receiptDomain == null ? null : receiptDomain.toLowerCase(Locale.ROOT);
  }

  @Override
  public DmarcSection section(String domain, int days) {
    DmarcQuery.DomainDmarc d = query.domain(domain, days);
    Verdict v = d.verdict();
    long dkim = 0;
    long spf = 0;
    Map<String, long[]> byDay = new TreeMap<>();
    for (DaySummary s : d.daily()) {
      dkim += s.dkimAligned();
      spf += s.spfAligned();
      long[] row = byDay.computeIfAbsent(s.day().toString(), k -> new long[4]);
      row[index(s.sourceClass())] += s.messages();
      row[3] += s.dmarcPass();
    }
    List<DmarcSection.Day> daily = new ArrayList<>();
    byDay.forEach((day, r) -> daily.add(new DmarcSection.Day(day, r[0], r[1], r[2], r[3])));
    Map<String, Long> dispositions = new LinkedHashMap<>();
    List<DmarcSection.SourceRow> sources = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    for (DmarcQuery.ClassTotals c : d.sources()) {
      c.dispositions().forEach((k, n) -> dispositions.merge(k, n, Long::sum));
      sources.add(
          new DmarcSection.SourceRow(
              c.sourceClass(),
              c.messages(),
              c.passRate(),
              c.dkimAlignedRate(),
              c.spfAlignedRate()));
    }
    for (String cls :
        List.of(SourceClass.UNKNOWN.label(), SourceClass.KNOWN.label(), SourceClass.SES.label())) {
      d.sources().stream()
          .filter(c -> c.sourceClass().equals(cls))
          .forEach(c -> c.failingSources().forEach(f -> failing.add(cls + ": " + f)));
    }
    double den = Math.max(1, d.messages());
    String record = v.dnsRecord();
    String advice = null;
    if (d.messages() == 0) {
      String rua = rua();
      record = rua == null ? record : withRua(record, rua);
      advice = advice(domain, days, v.dnsName(), rua);
    }
    return new DmarcSection(
        days,
        d.messages(),
        d.passRate(),
        dkim / den,
        spf / den,
        dispositions,
        v.summary(),
        v.ready(),
        v.current(),
        v.next(),
        v.dnsName(),
        record,
        sources,
        List.copyOf(failing.subList(0, Math.min(TOP_FAILING, failing.size()))),
        daily,
        advice,
        null);
  }

  private static int index(String sourceClass) {
    if (sourceClass.equals(SourceClass.SES.label())) {
      return 0;
    }
    return sourceClass.equals(SourceClass.KNOWN.label()) ? 1 : 2;
  }

  /**
   * The address reports should go to: the config's {@code dmarc.rua}, else dmarc@ the stack's
   * receipt domain.
   */
  private String rua() {
    String configured = config.load().dmarc().rua();
    if (configured != null) {
      return configured;
    }
    return receiptDomain == null ? null : "mailto:dmarc@" + receiptDomain;
  }

  static String advice(String domain, int days, String dnsName, String rua) {
    String none = "no DMARC reports received in " + days + " days";
    if (rua == null) {
      return none
          + ": publish a rua= address in "
          + dnsName
          + " and deliver the reports to ses-ops (deploy with the context "
          + "reportsReceiptDomain for an SES receipt rule at dmarc@ that domain, or put the report files under reports/ "
          + "in the report bucket)";
    }
    String host = rua.substring(rua.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    String external =
        host.equals(domain) || host.endsWith("." + domain)
            ? ""
            : "; as "
                + host
                + " is another domain, it accepts them once "
                + domain
                + "._report._dmarc."
                + host
                + " has the TXT record v=DMARC1";
    return none
        + ": publish rua="
        + rua
        + " in "
        + dnsName
        + " (the record below)"
        + external
        + "; if it is published already, check that mail to that address reaches ses-ops";
  }

  /**
   * The record with {@code rua} added to its rua tag (or a rua tag added); unchanged when it lists
   * the address.
   */
  static String withRua(String record, String rua) {
    List<String> tags = new ArrayList<>();
    boolean found = false;
    for (String tag : record.split(";")) {
      String t = tag.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.toLowerCase(Locale.ROOT).startsWith("rua=")) {
        found = true;
        List<String> uris = new ArrayList<>();
        for (String u : t.substring(4).split(",")) {
          uris.add(u.strip());
        }
        if (uris.stream().noneMatch(u -> u.equalsIgnoreCase(rua))) {
          uris.add(rua);
        }
        t = "rua=" + String.join(",", uris);
      }
      tags.add(t);
    }
    if (!found) {
      tags.add("rua=" + rua);
    }
    return String.join("; ", tags);
  }
}
