package dev.sesops.reports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides the policy step the reports support: none to quarantine at 98% of messages aligned,
 * quarantine with pct below 100 to pct=100 at 99%, quarantine to reject at 99.5%; never while SES's
 * own mail for the domain fails more than 1%, or with fewer than {@code minMessages} messages to
 * judge by. The record to publish is the domain's current {@code _dmarc} record with only {@code p}
 * (and {@code pct}) changed. Before any report names the published policy, the current record's
 * {@code p} and {@code pct} stand for it.
 */
final class Readiness {
  static final double TO_QUARANTINE = 0.98;
  static final double TO_FULL_QUARANTINE = 0.99;
  static final double TO_REJECT = 0.995;
  static final double SES_MINIMUM = 0.99;

  Verdict decide(
      String domain,
      int days,
      List<DaySummary> summaries,
      Optional<AggregateReport.PolicyPublished> policy,
      Optional<String> currentRecord,
      String rua,
      long minMessages) {
    long messages = 0;
    long pass = 0;
    long sesMessages = 0;
    long sesPass = 0;
    TreeSet<String> unknown = new TreeSet<>();
    for (DaySummary s : summaries) {
      messages += s.messages();
      pass += s.dmarcPass();
      if (s.sourceClass().equals(SourceClass.SES.label())) {
        sesMessages += s.messages();
        sesPass += s.dmarcPass();
      } else if (s.sourceClass().equals(SourceClass.UNKNOWN.label())) {
        unknown.addAll(s.failingSources());
      }
    }
    double rate = messages == 0 ? 0 : (double) pass / messages;
    double sesRate = sesMessages == 0 ? 1 : (double) sesPass / sesMessages;
    // no report yet: the policy the domain publishes now, so the proposed record never lowers it
    String p =
        policy
            .map(AggregateReport.PolicyPublished::p)
            .or(
                () ->
                    tag(currentRecord, "p")
                        .map(v -> v.toLowerCase(Locale.ROOT))
                        .filter(v -> v.matches("none|quarantine|reject")))
            .orElse("none");
    int pct =
        policy
            .map(AggregateReport.PolicyPublished::pct)
            .or(
                () ->
                    tag(currentRecord, "pct")
                        .filter(v -> v.matches("\\d{1,3}"))
                        .map(Integer::parseInt)
                        .filter(v -> v <= 100))
            .orElse(100);
    String current = "p=" + p + (pct < 100 ? "; pct=" + pct : "");
    String next;
    double needed;
    switch (p) {
      case "none" -> {
        next = "p=quarantine";
        needed = TO_QUARANTINE;
      }
      case "quarantine" -> {
        next = pct < 100 ? "p=quarantine" : "p=reject";
        needed = pct < 100 ? TO_FULL_QUARANTINE : TO_REJECT;
      }
      default -> {
        next = current;
        needed = 0;
      }
    }
    String dnsName = "_dmarc." + domain;
    String aligned = pct(rate) + " of " + count(messages) + " messages aligned";
    String failing = failingText(1 - rate, unknown);
    if (p.equals("reject")) {
      return new Verdict(
          domain,
          days,
          messages,
          rate,
          current,
          current,
          false,
          "at p=reject, the last step: " + aligned + failing,
          List.copyOf(unknown),
          dnsName,
          record(currentRecord, "reject", rua));
    }
    String reason = null;
    if (messages < minMessages) {
      reason =
          "not enough data: "
              + count(messages)
              + " messages in "
              + days
              + " days (at least "
              + minMessages
              + " needed)";
    } else if (sesRate < SES_MINIMUM) {
      reason =
          "SES mail fails DMARC: "
              + pct(sesRate)
              + " of "
              + count(sesMessages)
              + " SES messages aligned (fix DKIM/SPF alignment first)";
    } else if (rate < needed) {
      reason = aligned + " (" + pct(needed) + " needed)" + failing;
    }
    if (reason != null) {
      return new Verdict(
          domain,
          days,
          messages,
          rate,
          current,
          current,
          false,
          "stay at " + current + ": " + reason,
          List.copyOf(unknown),
          dnsName,
          record(currentRecord, p, rua));
    }
    String nextP = next.substring(2);
    return new Verdict(
        domain,
        days,
        messages,
        rate,
        current,
        next,
        true,
        current
            + " to "
            + next
            + (next.equals(current) ? "; pct=100" : "")
            + ": "
            + aligned
            + failing,
        List.copyOf(unknown),
        dnsName,
        record(currentRecord, nextP, rua));
  }

  private static String failingText(double failShare, TreeSet<String> unknown) {
    if (unknown.isEmpty()) {
      return "";
    }
    return "; the "
        + pct(failShare)
        + " failing include "
        + unknown.size()
        + " unknown source"
        + (unknown.size() == 1 ? "" : "s")
        + ": "
        + String.join(", ", unknown.stream().limit(5).toList())
        + (unknown.size() > 5 ? ", ..." : "");
  }

  /** A tag's value in a DMARC record ({@code p}, {@code pct}). */
  static Optional<String> tag(Optional<String> record, String name) {
    if (record.isEmpty()) {
      return Optional.empty();
    }
    for (String tag : record.get().split(";")) {
      int eq = tag.indexOf('=');
      if (eq > 0 && tag.substring(0, eq).strip().equalsIgnoreCase(name)) {
        return Optional.of(tag.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  /** The current record with p (and pct) set; a new one when the domain publishes none. */
  static String record(Optional<String> current, String p, String rua) {
    if (current.isPresent() && current.get().toLowerCase(Locale.ROOT).startsWith("v=dmarc1")) {
      StringBuilder sb = new StringBuilder("v=DMARC1; p=").append(p);
      for (String tag : current.get().split(";")) {
        String t = tag.strip();
        String k =
            t.contains("=") ? t.substring(0, t.indexOf('=')).strip().toLowerCase(Locale.ROOT) : "";
        if (t.isEmpty() || k.equals("v") || k.equals("p") || k.equals("pct")) {
          continue;
        }
        sb.append("; ").append(t);
      }
      return sb.toString();
    }
    return "v=DMARC1; p=" + p + (rua == null ? "" : "; rua=" + rua);
  }

  static String pct(double r) {
    return String.format(Locale.ROOT, "%.1f%%", r * 100);
  }

  static String count(long n) {
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }
    return String.format(Locale.ROOT, "%,d", n);
  }
}
