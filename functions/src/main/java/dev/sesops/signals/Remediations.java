package dev.sesops.signals;

import java.util.Locale;

/** Our remediation for each VDM finding type, beside AWS's own description. */
public final class Remediations {
  /** How to turn VDM on, and what it costs, for the audit's VDM-off finding. */
  public static final String VDM_ON_COMMAND =
      "aws sesv2 put-account-vdm-attributes --vdm-attributes 'VdmEnabled=ENABLED,DashboardAttributes={EngagementMetrics=ENABLED},"
          + "GuardianAttributes={OptimizedSharedDelivery=ENABLED}' --region REGION";

  public static final String VDM_COST =
      "VDM is billed per message sent on top of SES's own price: a few cents per thousand emails (see the SES pricing "
          + "page for the current rate); for an account sending a million emails a month that is tens of dollars a month.";

  private Remediations() {}

  public static String forType(String type) {
    String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
    return switch (t) {
      case "DKIM" ->
          "Turn on Easy DKIM for the identity, or fix its three CNAME records (TOKEN._domainkey.DOMAIN -> "
              + "TOKEN.dkim.amazonses.com), and wait for SES to verify them.";
      case "DMARC" ->
          "Publish a DMARC TXT record at _dmarc.DOMAIN (start with v=DMARC1; p=none; rua=mailto:...) aligned "
              + "with the DKIM or MAIL FROM domain, then move to quarantine or reject.";
      case "SPF" ->
          "Set a custom MAIL FROM domain with an SPF TXT record that includes include:amazonses.com and one MX "
              + "to feedback-smtp.REGION.amazonses.com.";
      case "BIMI" ->
          "Once DMARC is at quarantine or reject, publish a BIMI record at default._bimi.DOMAIN pointing at "
              + "your logo (SVG Tiny PS).";
      case "COMPLAINT" ->
          "Stop the campaign or list that draws complaints, make sure every recipient opted in, and add "
              + "one-click unsubscribe (List-Unsubscribe and List-Unsubscribe-Post headers).";
      case "BOUNCE" ->
          "Stop sending to the list or source that bounces, remove invalid addresses, and verify lists "
              + "before importing them.";
      case "FEEDBACK_3P", "FEEDBACK_3_P" ->
          "A mailbox provider reports problems with this sending: check its postmaster "
              + "tools and fix what the finding names (authentication, complaints, engagement).";
      case "IP_LISTING" ->
          "A sending IP is on a blocklist: find and stop what was sent from it, then request delisting "
              + "(on shared IPs, open an AWS Support case).";
      default -> "Read AWS's description and the VDM advisor in the SES console.";
    };
  }
}
