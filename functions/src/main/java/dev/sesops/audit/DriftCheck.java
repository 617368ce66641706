package dev.sesops.audit;

import dev.sesops.config.AccountConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drift between the config's {@code verified_domains}/{@code verified_emails} and what SES holds.
 * An expected address is covered by its verified domain; an SES address under an expected domain is
 * not unexpected.
 */
final class DriftCheck {
  private DriftCheck() {}

  /**
   * @param sesIdentities every identity SES listed, each with its verification status (null: not
   *     read this run, counted as present and not judged)
   */
  static List<Finding> check(AccountConfig config, Map<String, String> sesIdentities) {
    String account = config.name();
    Map<String, String> ses = new HashMap<>();
    for (Map.Entry<String, String> e : sesIdentities.entrySet()) {
      String n = Resources.normalized(e.getKey());
      if (n != null) {
        ses.put(n, e.getValue());
      }
    }
    List<Finding> out = new ArrayList<>();
    Set<String> domains = new HashSet<>(config.verifiedDomains());
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < config.verifiedDomains().size(); i++) {
      String d = config.verifiedDomains().get(i);
      if (!ses.containsKey(d)) {
        out.add(
            missing(
                account,
                d,
                "verified_domains[" + i + "]",
                "is not an SES identity",
                "absent",
                "Verify the domain (SES VerifyDomainIdentity / VerifyDomainDkim) and publish its DNS records, or remove it from the config."));
      } else if (!verifiedOrUnknown(ses.get(d))) {
        out.add(
            missing(
                account,
                d,
                "verified_domains[" + i + "]",
                "is not verified in SES",
                ses.get(d),
                "Publish the domain's DKIM CNAMEs so SES can verify it, or remove it from the config."));
      }
    }
    for (int i = 0; i < config.verifiedEmails().size(); i++) {
      String e = config.verifiedEmails().get(i).toLowerCase(java.util.Locale.ROOT);
      emails.add(e);
      String domain = e.substring(e.lastIndexOf('@') + 1);
      if (ses.containsKey(e) && verifiedOrUnknown(ses.get(e))) {
        continue;
      }
      if (ses.containsKey(domain) && verifiedOrUnknown(ses.get(domain))) {
        continue; // covered by its verified domain
      }
      String resource = Resources.identity(e);
      out.add(
          missing(
              account,
              resource,
              "verified_emails[" + i + "]",
              ses.containsKey(e)
                  ? "is not verified in SES"
                  : "is not an SES identity and its domain is not verified",
              ses.containsKey(e) ? ses.get(e) : "absent",
              "Verify the address (SES VerifyEmailIdentity) or its domain, or remove it from the config."));
    }
    for (String identity : sesIdentities.keySet()) {
      String n = Resources.normalized(identity);
      if (n == null) {
        continue; // reported as identity.invalid_name
      }
      boolean listed =
          n.contains("@")
              ? emails.contains(n) || domains.contains(n.substring(n.lastIndexOf('@') + 1))
              : domains.contains(n);
      if (!listed) {
        String resource = Resources.identity(identity);
        out.add(
            new Finding(
                "drift.unexpected",
                Severity.INFO,
                account,
                resource,
                "SES identity " + resource + " is not in the config",
                "Add it to the account's "
                    + (n.contains("@") ? "verified_emails" : "verified_domains")
                    + " if the team uses it, or delete it from SES (DeleteIdentity).",
                Map.of()));
      }
    }
    return out;
  }

  private static boolean verifiedOrUnknown(String status) {
    return status == null || "Success".equals(status);
  }

  private static Finding missing(
      String account, String resource, String path, String what, String status, String fix) {
    return new Finding(
        "drift.missing",
        Severity.HIGH,
        account,
        resource,
        "Expected identity " + resource + " " + what,
        fix,
        Map.of("config_path", "accounts." + account + "." + path, "ses_status", status));
  }
}
