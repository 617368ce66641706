package dev.sesops.audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Keeps account reports ({@code audits/ACCOUNT/YYYY/MM/DD/RUN-ID.json}) and finds an account's
 * latest.
 */
interface ReportStore {
  DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** A stored report and its key. */
  record Stored(String key, AccountAudit report) {}

  /** The latest report of the account (keys sort by time), if any. */
  Optional<Stored> latest(String account);

  /** Stores the report and returns its key. */
  String put(AccountAudit report);

  /** Stores the report's HTML page at {@code key} (beside its JSON). */
  void putHtml(String key, String html);

  /**
   * A pre-signed GET link to {@code key}, valid for {@code validity} (null when the store cannot
   * sign).
   */
  String link(String key, java.time.Duration validity);

  /** Where the HTML page of a report with this account, start and run id goes: beside the JSON. */
  static String htmlKey(String account, java.time.Instant startedAt, String runId) {
    return prefix(account) + DAY.format(startedAt) + "/" + runId + ".html";
  }

  static String prefix(String account) {
    return "audits/" + account + "/";
  }

  static String key(AccountAudit r) {
    return prefix(r.account()) + DAY.format(r.startedAt()) + "/" + r.runId() + ".json";
  }
}
