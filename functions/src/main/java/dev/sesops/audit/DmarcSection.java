package dev.sesops.audit;

import java.util.List;
import java.util.Map;

/**
 * A domain's DMARC section in the audit report: the readiness verdict of the last {@code days}
 * days, the DNS record to publish, the rates, dispositions and failing sources, and the daily
 * counts the chart draws.
 *
 * @param messages messages the reports counted (0: no reports; {@code advice} then says how to get
 *     them)
 * @param verdict one line for people ("p=none to p=quarantine: 99.8% of 1.2 M messages aligned;
 *     ...")
 * @param ready whether {@code next} is a step up from {@code current}
 * @param dnsName where the record goes ({@code _dmarc.DOMAIN})
 * @param dnsRecord the exact TXT value to publish
 * @param sources per source class (ses, known, unknown) with mail in the period
 * @param topFailing the sources whose mail failed DMARC, unknown ones first ("unknown: 192.0.2.77
 *     (mail.example.net)")
 * @param daily per day with reports, oldest first
 * @param advice what to do when no reports arrived (null otherwise)
 * @param error why the reports could not be read (null: read; the other fields are then empty)
 */
public record DmarcSection(
    int days,
    long messages,
    double passRate,
    double dkimAlignedRate,
    double spfAlignedRate,
    Map<String, Long> dispositions,
    String verdict,
    boolean ready,
    String current,
    String next,
    String dnsName,
    String dnsRecord,
    List<SourceRow> sources,
    List<String> topFailing,
    List<Day> daily,
    String advice,
    String error) {

  /** One source class's totals. */
  public record SourceRow(
      String sourceClass,
      long messages,
      double passRate,
      double dkimAlignedRate,
      double spfAlignedRate) {}

  /**
   * One day's messages by source class and how many passed DMARC; {@code day} is ISO (2026-12-06).
   */
  public record Day(String day, long ses, long known, long unknown, long dmarcPass) {}

  /** A section that says why the reports were not read. */
  static DmarcSection unread(int days, String why) {
    return new DmarcSection(
        days, 0, 0, 0, 0, Map.of(), null, false, null, null, null, null, List.of(), List.of(),
        List.of(), null, why);
  }
}
