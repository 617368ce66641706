package dev.sesops.reports;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one report says about one (domain, day, source class): the line written to S3 for Athena,
 * and what the state table's day summary adds up.
 *
 * @param sourceClass ses, known or unknown
 * @param account the ses-ops account SES mail is tied to (null: none matched, or not SES)
 * @param dispositions none / quarantine / reject (DMARCbis adds pass) to messages
 * @param failing source label to messages that failed DMARC (the report's top ones)
 * @param sources source label to all its messages
 * @param causes for failing SES mail: dkim-unaligned (signed, but not by the domain), dkim-failed,
 *     to messages
 */
record Aggregate(
    String domain,
    LocalDate day,
    String sourceClass,
    String account,
    String org,
    String reportId,
    long messages,
    long dmarcPass,
    long dkimAligned,
    long spfAligned,
    Map<String, Long> dispositions,
    Map<String, Long> failing,
    Map<String, Long> sources,
    Map<String, Long> causes) {}
