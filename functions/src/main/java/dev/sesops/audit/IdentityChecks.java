package dev.sesops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks on one SES identity's verification, DKIM, MAIL FROM and feedback attributes. */
final class IdentityChecks {
  /**
   * What the account's configuration sets contribute to feedback: an enabled event destination for
   * bounces, and one for complaints, in some configuration set (null: the sets could not be read).
   */
  record ConfigSetFeedback(Boolean bounce, Boolean complaint) {
    static ConfigSetFeedback of(List<ConfigurationSetInfo> sets) {
      if (sets == null) {
        return new ConfigSetFeedback(null, null);
      }
      return new ConfigSetFeedback(
          sets.stream().anyMatch(s -> s.receives("BOUNCE")),
          sets.stream().anyMatch(s -> s.receives("COMPLAINT")));
    }
  }

  private IdentityChecks() {}

  /**
   * @param dkimDomains domains (ASCII) that are SES identities with DKIM enabled and verified:
   *     their email identities are signed through them
   */
  static List<Finding> check(
      String account, IdentityAttributes a, Set<String> dkimDomains, ConfigSetFeedback feedback) {
    List<Finding> out = new ArrayList<>();
    String resource = Resources.identity(a.identity());
    String domain = Resources.domainOf(a.identity());
    if (domain == null) {
      out.add(
          new Finding(
              "identity.invalid_name",
              Severity.LOW,
              account,
              resource,
              "SES holds an identity that is neither a valid domain nor a valid email address",
              "Delete the identity if nothing sends from it (SES DeleteIdentity); its DNS cannot be checked.",
              Map.of("length", String.valueOf(a.identity().length()))));
    }
    verification(account, a, resource, out);
    dkim(account, a, resource, domain, dkimDomains, out);
    mailFrom(account, a, resource, out);
    feedback(account, a, resource, feedback, out);
    return out;
  }

  private static void verification(
      String account, IdentityAttributes a, String resource, List<Finding> out) {
    String v = a.verificationStatus();
    if ("Success".equals(v)) {
      return;
    }
    boolean failed = "Failed".equals(v) || "TemporaryFailure".equals(v);
    out.add(
        new Finding(
            "identity.not_verified",
            failed ? Severity.HIGH : Severity.MEDIUM,
            account,
            resource,
            "Identity " + resource + " is not verified (" + (v == null ? "unknown" : v) + ")",
            a.isDomain()
                ? "Publish the DKIM CNAMEs (or the _amazonses TXT) in DNS; SES retries for 72 hours, after that verify the domain again."
                : "Click the link in the verification email, or verify the address again (SES VerifyEmailIdentity).",
            Map.of("verification_status", v == null ? "absent" : v)));
  }

  private static void dkim(
      String account,
      IdentityAttributes a,
      String resource,
      String domain,
      Set<String> dkimDomains,
      List<Finding> out) {
    if (!a.isDomain()) {
      // an address is DKIM-signed through its domain's identity when that one has DKIM verified
      if (domain != null && dkimDomains.contains(domain)) {
        return;
      }
      if (!Boolean.TRUE.equals(a.dkimEnabled()) || !"Success".equals(a.dkimStatus())) {
        out.add(
            new Finding(
                "identity.dkim_disabled",
                Severity.MEDIUM,
                account,
                resource,
                "Mail from " + resource + " is not DKIM-signed",
                "Verify the address's domain as an SES identity with Easy DKIM; the address is then signed through it.",
                evidence(a)));
      }
      return;
    }
    if (!Boolean.TRUE.equals(a.dkimEnabled())) {
      out.add(
          new Finding(
              "identity.dkim_disabled",
              Severity.HIGH,
              account,
              resource,
              "DKIM signing is disabled for " + resource,
              "Enable Easy DKIM (SES VerifyDomainDkim, then SetIdentityDkimEnabled) and publish the three CNAMEs.",
              evidence(a)));
    } else if (!"Success".equals(a.dkimStatus())) {
      String s = a.dkimStatus();
      boolean failed = "Failed".equals(s) || "TemporaryFailure".equals(s);
      out.add(
          new Finding(
              "identity.dkim_not_verified",
              failed ? Severity.HIGH : Severity.MEDIUM,
              account,
              resource,
              "DKIM not verified for " + resource + " (" + (s == null ? "unknown" : s) + ")",
              "Publish TOKEN._domainkey."
                  + resource
                  + " CNAME TOKEN.dkim.amazonses.com for each of the three tokens.",
              evidence(a)));
    }
  }

  private static void mailFrom(
      String account, IdentityAttributes a, String resource, List<Finding> out) {
    if (a.mailFromDomain() == null) {
      if (a.isDomain()) {
        out.add(
            new Finding(
                "identity.mail_from_default",
                Severity.LOW,
                account,
                resource,
                "No custom MAIL FROM domain for " + resource + ": SPF does not align for DMARC",
                "Set a MAIL FROM subdomain (SES SetIdentityMailFromDomain), publish its MX to feedback-smtp.REGION.amazonses.com "
                    + "and an SPF TXT with include:amazonses.com.",
                Map.of()));
      }
      return;
    }
    String s = a.mailFromStatus();
    if ("Success".equals(s)) {
      return;
    }
    boolean failed = "Failed".equals(s) || "TemporaryFailure".equals(s);
    out.add(
        new Finding(
            failed ? "identity.mail_from_failed" : "identity.mail_from_pending",
            failed ? Severity.HIGH : Severity.LOW,
            account,
            resource,
            "MAIL FROM domain of " + resource + " is " + (s == null ? "in an unknown state" : s),
            "Publish exactly one MX for the MAIL FROM domain to feedback-smtp.REGION.amazonses.com and an SPF TXT with include:amazonses.com.",
            Map.of(
                "mail_from_domain",
                a.mailFromDomain(),
                "mail_from_status",
                s == null ? "absent" : s)));
  }

  private static void feedback(
      String account,
      IdentityAttributes a,
      String resource,
      ConfigSetFeedback cs,
      List<Finding> out) {
    boolean forwarding = Boolean.TRUE.equals(a.forwardingEnabled());
    boolean bounce = forwarding || a.bounceTopic() != null || Boolean.TRUE.equals(cs.bounce());
    boolean complaint =
        forwarding || a.complaintTopic() != null || Boolean.TRUE.equals(cs.complaint());
    if (bounce && complaint) {
      return;
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("forwarding_enabled", String.valueOf(a.forwardingEnabled()));
    ev.put("bounce_topic", a.bounceTopic() == null ? "none" : "set");
    ev.put("complaint_topic", a.complaintTopic() == null ? "none" : "set");
    ev.put(
        "configuration_set_destinations",
        cs.bounce() == null
            ? "unknown (not read)"
            : "bounce=" + cs.bounce() + ",complaint=" + cs.complaint());
    String missing =
        !bounce && !complaint ? "bounces and complaints" : !bounce ? "bounces" : "complaints";
    out.add(
        new Finding(
            "identity.no_feedback_path",
            Severity.HIGH,
            account,
            resource,
            "No feedback path for " + missing + " of " + resource,
            "Set SNS notification topics for Bounce and Complaint (SES SetIdentityNotificationTopic), or turn feedback "
                + "forwarding on, or send through a configuration set with an event destination for BOUNCE and COMPLAINT.",
            ev));
  }

  private static Map<String, String> evidence(IdentityAttributes a) {
    return Map.of(
        "dkim_enabled",
        String.valueOf(a.dkimEnabled()),
        "dkim_status",
        a.dkimStatus() == null ? "absent" : a.dkimStatus(),
        "dkim_tokens",
        String.valueOf(a.dkimTokens().size()));
  }
}
