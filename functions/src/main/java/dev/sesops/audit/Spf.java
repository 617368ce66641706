package dev.sesops.audit;

import java.util.List;
import java.util.Locale;

/**
 * SPF (RFC 7208) as far as the audit needs it: which TXT strings are SPF, and whether one includes
 * amazonses.com.
 */
final class Spf {
  private Spf() {}

  /** {@code v=spf1} followed by a space or nothing (RFC 7208 section 4.5). */
  static boolean isSpf(String txt) {
    String s = txt.strip().toLowerCase(Locale.ROOT);
    return s.equals("v=spf1") || s.startsWith("v=spf1 ");
  }

  static List<String> records(List<String> txt) {
    return txt.stream().filter(Spf::isSpf).toList();
  }

  /**
   * The record has an {@code include:amazonses.com} mechanism that passes (no {@code -}, {@code ~}
   * or {@code ?} qualifier).
   */
  static boolean includesAmazonSes(String spf) {
    for (String term : spf.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
      String t = term.startsWith("+") ? term.substring(1) : term;
      if (t.equals("include:amazonses.com") || t.equals("include:amazonses.com.")) {
        return true;
      }
    }
    return false;
  }
}
