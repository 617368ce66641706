package dev.sesops.reports;

/** Who sent the mail a report row counts. */
enum SourceClass {
  /** Amazon SES: inside amazonses.com's SPF ranges or an account's dedicated IP. */
  SES,
  /** A sender the config names ({@code dmarc.known_senders}). */
  KNOWN,
  /** Anyone else: named by its PTR record, when it has one. */
  UNKNOWN;

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
