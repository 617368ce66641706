package dev.sesops.audit;

import dev.sesops.config.ConfigParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DNS checks for one domain identity: the Easy DKIM CNAMEs, the {@code _amazonses} TXT, DMARC, and
 * for a custom MAIL FROM domain its MX and SPF. A lookup that times out or fails is its own finding
 * ({@code dns.lookup_failed}): the check could not run, which is never a pass.
 */
final class DnsChecks {
  static final String LOOKUP_FAILED = "dns.lookup_failed";

  private final DnsLookup dns;
  private final SpfEvaluator spf;

  DnsChecks(DnsLookup dns) {
    this.dns = dns;
    this.spf = new SpfEvaluator(dns);
  }

  /**
   * What one domain's checks found, and what the report and the readiness matrix need from them.
   */
  record Inspection(
      List<Finding> findings, PostureChecks.DmarcPolicy dmarc, SpfEvaluator.Outcome spf) {}

  /**
   * @param domain the identity in ASCII form; {@code region} is the account's (for the MAIL FROM
   *     MX).
   */
  List<Finding> check(String account, String region, String domain, IdentityAttributes a) {
    return inspect(account, region, domain, a).findings();
  }

  Inspection inspect(String account, String region, String domain, IdentityAttributes a) {
    List<Finding> out = new ArrayList<>();
    dkim(account, domain, a, out);
    verificationTxt(account, domain, a, out);
    PostureChecks.DmarcPolicy policy = dmarc(account, domain, a, out);
    SpfEvaluator.Result domainSpf = spf.evaluate(account, domain, Severity.LOW);
    out.addAll(domainSpf.findings());
    if (a.mailFromDomain() != null) {
      mailFrom(account, region, a, out);
    }
    return new Inspection(out, policy, domainSpf.outcome());
  }

  private void dkim(String account, String domain, IdentityAttributes a, List<Finding> out) {
    if (!Boolean.TRUE.equals(a.dkimEnabled())) {
      return; // identity.dkim_disabled says so already
    }
    for (String token : a.dkimTokens()) {
      String name = token.toLowerCase(Locale.ROOT) + "._domainkey." + domain;
      String expected = token.toLowerCase(Locale.ROOT) + ".dkim.amazonses.com";
      DnsAnswer ans = dns.lookup(name, DnsLookup.Type.CNAME);
      if (ans.failed()) {
        out.add(lookupFailed(account, name, DnsLookup.Type.CNAME, ans));
      } else if (ans.status() != DnsAnswer.Status.FOUND) {
        out.add(
            new Finding(
                "dns.dkim_cname_missing",
                Severity.HIGH,
                account,
                name,
                "DKIM CNAME " + name + " is missing",
                "Publish " + name + " CNAME " + expected + ".",
                Map.of("expected", expected, "answer", ans.status().name())));
      } else if (!ans.records().contains(expected)) {
        out.add(
            new Finding(
                "dns.dkim_cname_wrong",
                Severity.HIGH,
                account,
                name,
                "DKIM CNAME " + name + " points elsewhere",
                "Change " + name + " to CNAME " + expected + ".",
                Map.of("expected", expected, "found", String.join(",", ans.records()))));
      }
    }
  }

  private void verificationTxt(
      String account, String domain, IdentityAttributes a, List<Finding> out) {
    String token = a.verificationToken();
    if (token == null || token.isEmpty()) {
      return;
    }
    String name = "_amazonses." + domain;
    DnsAnswer ans = dns.lookup(name, DnsLookup.Type.TXT);
    if (ans.failed()) {
      out.add(lookupFailed(account, name, DnsLookup.Type.TXT, ans));
      return;
    }
    if (ans.records().contains(token)) {
      return;
    }
    // with Easy DKIM verified, SES no longer needs the TXT: then it is a note, not a problem
    boolean verified = "Success".equals(a.verificationStatus());
    out.add(
        new Finding(
            ans.status() == DnsAnswer.Status.FOUND
                ? "dns.verification_txt_wrong"
                : "dns.verification_txt_missing",
            verified ? Severity.LOW : Severity.MEDIUM,
            account,
            name,
            "The _amazonses TXT of "
                + domain
                + (ans.status() == DnsAnswer.Status.FOUND
                    ? " does not hold SES's token"
                    : " is missing"),
            "Publish "
                + name
                + " TXT \""
                + token
                + "\" (needed when the domain is verified by TXT rather than DKIM).",
            Map.of(
                "answer", ans.status().name(), "records", String.valueOf(ans.records().size()))));
  }

  /** At most this many other domains' report authorisations are looked up per record. */
  static final int MAX_REPORT_DOMAINS = 4;

  private PostureChecks.DmarcPolicy dmarc(
      String account, String domain, IdentityAttributes a, List<Finding> out) {
    String name = "_dmarc." + domain;
    DnsAnswer ans = dns.lookup(name, DnsLookup.Type.TXT);
    if (ans.failed()) {
      out.add(lookupFailed(account, name, DnsLookup.Type.TXT, ans));
      return null;
    }
    List<String> records = ans.records().stream().filter(Dmarc::looksLikeDmarc).toList();
    String org = organizational(domain);
    boolean inherited = false;
    if (records.isEmpty() && !org.equals(domain)) {
      // receivers fall back to the organisational domain's record (RFC 7489 section 6.6.3), and
      // apply its sp
      String orgName = "_dmarc." + org;
      DnsAnswer orgAns = dns.lookup(orgName, DnsLookup.Type.TXT);
      if (orgAns.failed()) {
        out.add(lookupFailed(account, orgName, DnsLookup.Type.TXT, orgAns));
        return null;
      }
      records = orgAns.records().stream().filter(Dmarc::looksLikeDmarc).toList();
      if (!records.isEmpty()) {
        name = orgName;
        inherited = true;
      }
    }
    if (records.isEmpty()) {
      out.add(
          new Finding(
              "dns.dmarc_missing",
              Severity.HIGH,
              account,
              "_dmarc." + domain,
              "No DMARC record for " + domain,
              "Publish _dmarc."
                  + domain
                  + " TXT \"v=DMARC1; p=none; rua=mailto:REPORT-ADDRESS\", watch the reports, then move to p=quarantine or p=reject.",
              Map.of("answer", ans.status().name(), "organizational_domain", org)));
      return null;
    }
    if (records.size() > 1) {
      out.add(
          new Finding(
              "dns.dmarc_multiple",
              Severity.HIGH,
              account,
              name,
              "More than one DMARC record at " + name + ": receivers ignore them all",
              "Keep exactly one v=DMARC1 TXT record at " + name + ".",
              Map.of("records", String.valueOf(records.size()))));
      return null;
    }
    Dmarc d = Dmarc.parse(records.get(0));
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("record", clip(records.get(0)));
    if (inherited) {
      ev.put("inherited_from", org);
    }
    if (!d.problems().isEmpty()) {
      Map<String, String> pe = new LinkedHashMap<>(ev);
      pe.put("problems", String.join("; ", d.problems()));
      out.add(
          new Finding(
              "dns.dmarc_invalid",
              Severity.MEDIUM,
              account,
              name,
              "The DMARC record at " + name + " has syntax errors",
              "Fix the record: v=DMARC1 first, then p=none|quarantine|reject, tags as name=value separated by ';'.",
              pe));
    }
    // a subdomain without its own record gets the organisational domain's sp (else p)
    String policy = inherited && d.subdomainPolicy() != null ? d.subdomainPolicy() : d.policy();
    if ("none".equals(policy)) {
      out.add(
          new Finding(
              "dns.dmarc_policy_none",
              Severity.MEDIUM,
              account,
              name,
              "DMARC policy for "
                  + domain
                  + " is none (monitoring only)"
                  + (inherited ? ", inherited from " + org : ""),
              "Once the aggregate reports show all legitimate mail passing, move to p=quarantine, then p=reject.",
              ev));
    }
    if (!inherited
        && "none".equals(d.subdomainPolicy())
        && d.policy() != null
        && !"none".equals(d.policy())) {
      out.add(
          new Finding(
              "dns.dmarc_subdomain_policy_none",
              Severity.MEDIUM,
              account,
              name,
              "DMARC of "
                  + domain
                  + " enforces p="
                  + d.policy()
                  + " but leaves its subdomains at sp=none",
              "Drop sp=none (subdomains then get p) or set sp=quarantine or sp=reject (RFC 7489 section 6.3).",
              ev));
    }
    if (d.pct() != null && d.pct() < 100 && policy != null && !"none".equals(policy)) {
      Map<String, String> pe = new LinkedHashMap<>(ev);
      pe.put("pct", String.valueOf(d.pct()));
      out.add(
          new Finding(
              "dns.dmarc_pct_partial",
              Severity.LOW,
              account,
              name,
              "DMARC of "
                  + domain
                  + " applies p="
                  + policy
                  + " to only "
                  + d.pct()
                  + "% of failing mail",
              "Raise pct to 100 (or drop the tag) once the reports show nothing legitimate failing (RFC 7489 section 6.3).",
              pe));
    }
    if ("s".equals(d.aspf()) && a.mailFromDomain() == null) {
      out.add(
          new Finding(
              "dns.dmarc_strict_spf_alignment",
              Severity.MEDIUM,
              account,
              name,
              "DMARC asks for strict SPF alignment but "
                  + domain
                  + " sends with SES's default MAIL FROM",
              "Set a custom MAIL FROM domain (it aligns in relaxed mode only, so also use aspf=r), or rely on DKIM alignment.",
              ev));
    }
    if ("s".equals(d.adkim()) && inherited) {
      out.add(
          new Finding(
              "dns.dmarc_strict_dkim_alignment",
              Severity.MEDIUM,
              account,
              name,
              "DMARC of "
                  + org
                  + " asks for strict DKIM alignment, which Easy DKIM for "
                  + domain
                  + " passes only for mail From exactly "
                  + domain,
              "Use adkim=r, or send only From addresses at " + domain + " itself.",
              ev));
    }
    if (d.aggregateReports().isEmpty()) {
      out.add(
          new Finding(
              "dns.dmarc_no_reports",
              Severity.LOW,
              account,
              name,
              "DMARC of " + domain + " asks for no aggregate reports (rua)",
              "Add rua=mailto:ADDRESS to see who sends as the domain and whether it passes (RFC 7489 section 7.2).",
              ev));
    }
    reportAuthorisation(account, inherited ? org : domain, name, d, ev, out);
    return policy == null
        ? null
        : new PostureChecks.DmarcPolicy(policy, d.pct() == null ? 100 : d.pct());
  }

  /**
   * Report addresses in another organisational domain need that domain's consent: {@code
   * DOMAIN._report._dmarc.OTHER} TXT {@code v=DMARC1} (RFC 7489 section 7.1), or receivers send
   * nothing.
   */
  private void reportAuthorisation(
      String account,
      String domain,
      String name,
      Dmarc d,
      Map<String, String> ev,
      List<Finding> out) {
    String org = organizational(domain);
    java.util.Set<String> others = new java.util.LinkedHashSet<>();
    for (String uri : d.reportUris()) {
      String host = Dmarc.mailtoDomain(uri);
      if (host != null && !organizational(host).equals(org)) {
        others.add(host);
      }
    }
    int asked = 0;
    for (String other : others) {
      if (asked++ >= MAX_REPORT_DOMAINS) {
        break;
      }
      String auth = domain + "._report._dmarc." + other;
      DnsAnswer ans = dns.lookup(auth, DnsLookup.Type.TXT);
      if (ans.failed()) {
        out.add(lookupFailed(account, auth, DnsLookup.Type.TXT, ans));
      } else if (ans.records().stream().noneMatch(Dmarc::looksLikeDmarc)) {
        Map<String, String> pe = new LinkedHashMap<>(ev);
        pe.put("report_domain", other);
        pe.put("authorisation_record", auth);
        pe.put("answer", ans.status().name());
        out.add(
            new Finding(
                "dns.dmarc_report_unauthorised",
                Severity.MEDIUM,
                account,
                name,
                "DMARC reports of "
                    + domain
                    + " go to "
                    + other
                    + ", which has not authorised them: receivers will not send them",
                "Publish "
                    + auth
                    + " TXT \"v=DMARC1\" (in "
                    + other
                    + "'s zone), or send the reports to an address at "
                    + domain
                    + ".",
                pe));
      }
    }
  }

  private void mailFrom(String account, String region, IdentityAttributes a, List<Finding> out) {
    String mf = ConfigParser.asciiDomain(a.mailFromDomain());
    if (mf == null) {
      out.add(
          new Finding(
              "dns.mail_from_invalid",
              Severity.HIGH,
              account,
              Resources.identity(a.identity()),
              "The MAIL FROM domain of "
                  + Resources.identity(a.identity())
                  + " is not a valid domain name",
              "Set a subdomain of the identity as MAIL FROM domain (SES SetIdentityMailFromDomain).",
              Map.of()));
      return;
    }
    String expected = "feedback-smtp." + region + ".amazonses.com";
    DnsAnswer mx = dns.lookup(mf, DnsLookup.Type.MX);
    if (mx.failed()) {
      out.add(lookupFailed(account, mf, DnsLookup.Type.MX, mx));
    } else if (mx.status() != DnsAnswer.Status.FOUND) {
      out.add(
          new Finding(
              "dns.mail_from_mx_missing",
              Severity.HIGH,
              account,
              mf,
              "MAIL FROM domain " + mf + " has no MX record",
              "Publish " + mf + " MX 10 " + expected + ".",
              Map.of("expected", expected, "answer", mx.status().name())));
    } else if (mx.records().size() != 1) {
      out.add(
          new Finding(
              "dns.mail_from_mx_multiple",
              Severity.HIGH,
              account,
              mf,
              "MAIL FROM domain "
                  + mf
                  + " has "
                  + mx.records().size()
                  + " MX records, SES wants exactly one",
              "Keep only " + mf + " MX 10 " + expected + ".",
              Map.of("expected", expected, "found", String.join(",", mx.records()))));
    } else if (!mx.records().get(0).endsWith(" " + expected)) {
      out.add(
          new Finding(
              "dns.mail_from_mx_wrong",
              Severity.HIGH,
              account,
              mf,
              "The MX of MAIL FROM domain " + mf + " does not point to " + expected,
              "Change it to " + mf + " MX 10 " + expected + ".",
              Map.of("expected", expected, "found", mx.records().get(0))));
    }
    DnsAnswer txt = dns.lookup(mf, DnsLookup.Type.TXT);
    if (txt.failed()) {
      out.add(lookupFailed(account, mf, DnsLookup.Type.TXT, txt));
      return;
    }
    List<String> spf = Spf.records(txt.records());
    if (spf.isEmpty()) {
      out.add(
          new Finding(
              "dns.mail_from_spf_missing",
              Severity.HIGH,
              account,
              mf,
              "MAIL FROM domain " + mf + " has no SPF record",
              "Publish " + mf + " TXT \"v=spf1 include:amazonses.com ~all\".",
              Map.of("answer", txt.status().name())));
    } else if (spf.size() > 1) {
      out.add(
          new Finding(
              "dns.mail_from_spf_multiple",
              Severity.HIGH,
              account,
              mf,
              "MAIL FROM domain " + mf + " has " + spf.size() + " SPF records (an SPF permerror)",
              "Merge them into one v=spf1 record that includes amazonses.com.",
              Map.of("records", String.valueOf(spf.size()))));
    } else if (!Spf.includesAmazonSes(spf.get(0))) {
      out.add(
          new Finding(
              "dns.mail_from_spf_no_amazonses",
              Severity.HIGH,
              account,
              mf,
              "The SPF record of MAIL FROM domain " + mf + " does not include amazonses.com",
              "Add include:amazonses.com: \"v=spf1 include:amazonses.com ~all\".",
              Map.of("record", clip(spf.get(0)))));
    }
    if (spf.size() == 1) {
      out.addAll(this.spf.evaluate(account, mf, null, txt).findings());
    }
  }

  static Finding lookupFailed(String account, String name, DnsLookup.Type type, DnsAnswer ans) {
    return lookupFailed(account, name, name, type, ans);
  }

  /**
   * A failed lookup of {@code name}, reported against {@code resource} (the domain whose check
   * needed it).
   */
  static Finding lookupFailed(
      String account, String resource, String name, DnsLookup.Type type, DnsAnswer ans) {
    return new Finding(
        LOOKUP_FAILED,
        Severity.MEDIUM,
        account,
        resource,
        "DNS check could not run: "
            + type
            + " "
            + name
            + " "
            + (ans.status() == DnsAnswer.Status.TIMEOUT ? "timed out" : "failed"),
        "Check that the domain's name servers answer (and SES_OPS_DNS_SERVERS, if set); the next audit retries.",
        Map.of(
            "type",
            type.name(),
            "status",
            ans.status().name(),
            "detail",
            ans.detail() == null ? "" : ans.detail()));
  }

  /** The organisational domain (RFC 7489 section 3.2) by the Public Suffix List. */
  static String organizational(String domain) {
    return PublicSuffixList.get().organizationalDomain(domain);
  }

  /** Control characters out, and any address in the record (rua/ruf) masked. */
  static String clip(String s) {
    String clean =
        s.replaceAll("\\p{Cntrl}", "?")
            .replaceAll("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@", "$1***@");
    return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
  }
}
