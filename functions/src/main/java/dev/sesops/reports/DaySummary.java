package dev.sesops.reports;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The state table's compact summary of one (domain, day, source class), summed over every report.
 *
 * @param failingSources labels of the sources whose mail failed DMARC
 * @param causes SES failure cause to messages
 */
public record DaySummary(
    String domain,
    LocalDate day,
    String sourceClass,
    long reports,
    long messages,
    long dmarcPass,
    long dkimAligned,
    long spfAligned,
    Map<String, Long> dispositions,
    Set<String> failingSources,
    Map<String, Long> causes) {

  public double passRate() {
    return messages == 0 ? 1.0 : (double) dmarcPass / messages;
  }
}
