package dev.sesops.audit;

/**
 * What the DMARC aggregate reports of the last days say about a domain (a port the audit defines;
 * the reports capability answers it with the same read model as {@code GET
 * /domains/{domain}/dmarc}, so the audit never depends on the reports package).
 */
public interface DmarcReports {
  /** The period the audit's DMARC section covers. */
  int DAYS = 30;

  /**
   * The section for {@code domain} over the last {@code days} days, up to today.
   *
   * @throws RuntimeException when the summaries cannot be read (the audit shows why and goes on)
   */
  DmarcSection section(String domain, int days);
}
