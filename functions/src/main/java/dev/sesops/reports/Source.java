package dev.sesops.reports;

/**
 * A classified source IP.
 *
 * @param name SES: "Amazon SES" or "SES dedicated IP"; KNOWN: the configured name; UNKNOWN: the PTR
 *     name or null
 * @param account the ses-ops account the mail is tied to (SES only, when a verified domain matches;
 *     else null)
 */
record Source(String ip, SourceClass kind, String name, String account) {

  /** How people read it: "192.0.2.77 (mail.example.net)" or "203.0.113.20 (Zendesk)". */
  String label() {
    return name == null ? ip + " (no PTR)" : ip + " (" + name + ")";
  }
}
