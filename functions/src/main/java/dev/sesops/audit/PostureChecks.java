package dev.sesops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The domain's wider mail posture, as checkdmarc reports it: MTA-STS (RFC 8461: the {@code
 * _mta-sts} TXT and the HTTPS policy, its mode, {@code mx} patterns against the real MX hosts,
 * {@code max_age}), TLS-RPT (RFC 8460, {@code _smtp._tls}), BIMI ({@code default._bimi}: the logo
 * over HTTPS, {@code a=}, the DMARC enforcement it needs) and DNSSEC (a DS record at the parent).
 * MTA-STS and TLS-RPT protect mail the domain receives, so they are checked only for a domain with
 * MX records.
 *
 * <p>DNS questions: MX, {@code _mta-sts} TXT and {@code _smtp._tls} TXT (with MX), {@code
 * default._bimi} TXT, DS (twice for a subdomain without its own), plus one A per HTTPS host; at
 * most two HTTPS GETs.
 */
final class PostureChecks {
  static final int MTA_STS_MAX_BYTES = 64 * 1024;
  static final int BIMI_LOGO_MAX_BYTES = 32 * 1024;
  static final long MTA_STS_MAX_AGE_MAX = 31_557_600L;
  static final long MTA_STS_MAX_AGE_SHORT = 86_400L;

  /**
   * The DMARC policy in force for the domain (after inheritance), for BIMI; null when there is
   * none.
   */
  record DmarcPolicy(String policy, int pct) {
    boolean enforced() {
      return ("quarantine".equals(policy) || "reject".equals(policy)) && pct == 100;
    }
  }

  private final DnsLookup dns;
  private final HttpsFetcher https;

  PostureChecks(DnsLookup dns, HttpsFetcher https) {
    this.dns = dns;
    this.https = https;
  }

  /** The findings, and whether the domain has MX records (MTA-STS and TLS-RPT apply only then). */
  record Result(List<Finding> findings, boolean receivesMail) {}

  List<Finding> check(String account, String domain, DmarcPolicy dmarc) {
    return inspect(account, domain, dmarc).findings();
  }

  Result inspect(String account, String domain, DmarcPolicy dmarc) {
    List<Finding> out = new ArrayList<>();
    DnsAnswer mx = dns.lookup(domain, DnsLookup.Type.MX);
    if (mx.failed()) {
      out.add(DnsChecks.lookupFailed(account, domain, DnsLookup.Type.MX, mx));
    } else if (mx.status() == DnsAnswer.Status.FOUND) {
      List<String> hosts =
          mx.records().stream()
              .map(r -> r.contains(" ") ? r.substring(r.indexOf(' ') + 1) : r)
              .toList();
      mtaSts(account, domain, hosts, out);
      tlsRpt(account, domain, out);
    }
    bimi(account, domain, dmarc, out);
    dnssec(account, domain, out);
    return new Result(out, mx.status() == DnsAnswer.Status.FOUND);
  }

  // ---- MTA-STS
  // -------------------------------------------------------------------------------------

  private void mtaSts(String account, String domain, List<String> mxHosts, List<Finding> out) {
    String name = "_mta-sts." + domain;
    DnsAnswer txt = dns.lookup(name, DnsLookup.Type.TXT);
    if (txt.failed()) {
      out.add(DnsChecks.lookupFailed(account, name, DnsLookup.Type.TXT, txt));
      return;
    }
    List<String> records =
        txt.records().stream().filter(r -> r.strip().startsWith("v=STSv1")).toList();
    if (records.isEmpty()) {
      out.add(
          new Finding(
              "dns.mta_sts_missing",
              Severity.LOW,
              account,
              name,
              domain
                  + " receives mail but publishes no MTA-STS policy: senders may deliver to it without TLS",
              "Publish "
                  + name
                  + " TXT \"v=STSv1; id=YYYYMMDD01\" and https://mta-sts."
                  + domain
                  + "/.well-known/mta-sts.txt (mode: testing first, then enforce) (RFC 8461).",
              Map.of("answer", txt.status().name())));
      return;
    }
    if (records.size() > 1) {
      out.add(
          new Finding(
              "dns.mta_sts_invalid",
              Severity.MEDIUM,
              account,
              name,
              name + " has " + records.size() + " MTA-STS records: senders treat that as no policy",
              "Keep exactly one v=STSv1 TXT record (RFC 8461 section 3.1).",
              Map.of("records", String.valueOf(records.size()))));
      return;
    }
    String record = records.get(0);
    Map<String, String> tags = tags(record);
    String id = tags.get("id");
    if (id == null || !id.matches("[A-Za-z0-9]{1,32}")) {
      out.add(
          new Finding(
              "dns.mta_sts_invalid",
              Severity.MEDIUM,
              account,
              name,
              "The MTA-STS record of " + domain + " has no valid id",
              "Use v=STSv1; id= followed by 1-32 letters or digits, changed whenever the policy changes (RFC 8461 section 3.1).",
              Map.of("record", DnsChecks.clip(record))));
    }
    String url = "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    HttpsFetcher.Response r = https.get(url, domain, MTA_STS_MAX_BYTES, 0);
    if (!r.ok()) {
      out.add(
          new Finding(
              "dns.mta_sts_policy_unavailable",
              Severity.MEDIUM,
              account,
              "mta-sts." + domain,
              "The MTA-STS policy of "
                  + domain
                  + " could not be fetched: "
                  + (r.error() != null ? r.error() : "HTTP " + r.status()),
              "Serve the policy at "
                  + url
                  + " over HTTPS with a valid certificate for mta-sts."
                  + domain
                  + ", HTTP 200, no redirects (RFC 8461 section 3.3).",
              Map.of("url", url, "error", r.error() != null ? r.error() : "HTTP " + r.status())));
      return;
    }
    policy(account, domain, url, r, mxHosts, out);
  }

  private void policy(
      String account,
      String domain,
      String url,
      HttpsFetcher.Response r,
      List<String> mxHosts,
      List<Finding> out) {
    String resource = "mta-sts." + domain;
    List<String> problems = new ArrayList<>();
    String version = null;
    String mode = null;
    String maxAge = null;
    List<String> patterns = new ArrayList<>();
    String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
    if (!ct.startsWith("text/plain")) {
      problems.add("Content-Type must be text/plain");
    }
    for (String raw : r.text().split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        problems.add("a line is not key: value");
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "version" -> version = value;
        case "mode" -> mode = value;
        case "max_age" -> maxAge = value;
        case "mx" -> patterns.add(value.toLowerCase(Locale.ROOT));
        default -> {} // extensions are allowed
      }
    }
    if (!"STSv1".equals(version)) {
      problems.add(version == null ? "version missing" : "version must be STSv1");
    }
    if (mode == null || !List.of("enforce", "testing", "none").contains(mode)) {
      problems.add(mode == null ? "mode missing" : "mode must be enforce, testing or none");
    }
    Long age = null;
    if (maxAge == null) {
      problems.add("max_age missing");
    } else if (!maxAge.matches("\\d{1,10}") || Long.parseLong(maxAge) > MTA_STS_MAX_AGE_MAX) {
      problems.add("max_age must be 0-31557600 seconds");
    } else {
      age = Long.parseLong(maxAge);
    }
    if (patterns.isEmpty() && !"none".equals(mode)) {
      problems.add("no mx patterns");
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("url", url);
    ev.put("mode", String.valueOf(mode));
    ev.put("mx_patterns", DnsChecks.clip(String.join(",", patterns)));
    ev.put("mx_hosts", String.join(",", mxHosts));
    if (!problems.isEmpty()) {
      Map<String, String> pe = new LinkedHashMap<>(ev);
      pe.put("problems", DnsChecks.clip(String.join("; ", problems)));
      out.add(
          new Finding(
              "dns.mta_sts_policy_invalid",
              Severity.MEDIUM,
              account,
              resource,
              "The MTA-STS policy of " + domain + " is not valid",
              "Fix the policy file: version: STSv1, mode: enforce|testing|none, one mx: line per MX pattern, max_age: seconds (RFC 8461 section 3.2).",
              pe));
    }
    if ("testing".equals(mode) || "none".equals(mode)) {
      out.add(
          new Finding(
              "dns.mta_sts_not_enforced",
              Severity.INFO,
              account,
              resource,
              "The MTA-STS policy of "
                  + domain
                  + " is in mode "
                  + mode
                  + ": senders still deliver when TLS fails",
              "After the TLS-RPT reports show clean delivery, switch to mode: enforce.",
              ev));
    }
    if ("enforce".equals(mode) || "testing".equals(mode)) {
      List<String> unmatched =
          mxHosts.stream().filter(h -> patterns.stream().noneMatch(p -> mxMatches(p, h))).toList();
      if (!unmatched.isEmpty() && !patterns.isEmpty()) {
        Map<String, String> pe = new LinkedHashMap<>(ev);
        pe.put("unmatched", String.join(",", unmatched));
        out.add(
            new Finding(
                "dns.mta_sts_mx_mismatch",
                "enforce".equals(mode) ? Severity.HIGH : Severity.MEDIUM,
                account,
                resource,
                "MX hosts of "
                    + domain
                    + " are not covered by its MTA-STS policy"
                    + ("enforce".equals(mode) ? ": senders refuse to deliver to them" : ""),
                "Add an mx: line for "
                    + String.join(", ", unmatched)
                    + " to the policy (and change the id in "
                    + "_mta-sts."
                    + domain
                    + ").",
                pe));
      }
    }
    if (age != null && age < MTA_STS_MAX_AGE_SHORT && !"none".equals(mode)) {
      out.add(
          new Finding(
              "dns.mta_sts_max_age_short",
              Severity.LOW,
              account,
              resource,
              "The MTA-STS policy of " + domain + " is cached for only " + age + " s",
              "Use a max_age of weeks (604800 or more) once the policy is stable (RFC 8461 section 3.2).",
              ev));
    }
  }

  /**
   * An MX pattern: a host, or {@code *.} plus a domain matching exactly one more label (RFC 8461
   * section 4.1).
   */
  static boolean mxMatches(String pattern, String host) {
    String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
    String h = host.toLowerCase(Locale.ROOT);
    if (p.startsWith("*.")) {
      String parent = p.substring(2);
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot + 1).equals(parent);
    }
    return p.equals(h);
  }

  // ---- TLS-RPT
  // -------------------------------------------------------------------------------------

  private void tlsRpt(String account, String domain, List<Finding> out) {
    String name = "_smtp._tls." + domain;
    DnsAnswer txt = dns.lookup(name, DnsLookup.Type.TXT);
    if (txt.failed()) {
      out.add(DnsChecks.lookupFailed(account, name, DnsLookup.Type.TXT, txt));
      return;
    }
    List<String> records =
        txt.records().stream().filter(r -> r.strip().startsWith("v=TLSRPTv1")).toList();
    if (records.isEmpty()) {
      out.add(
          new Finding(
              "dns.tls_rpt_missing",
              Severity.INFO,
              account,
              name,
              domain + " asks for no SMTP TLS reports (TLS-RPT)",
              "Publish "
                  + name
                  + " TXT \"v=TLSRPTv1; rua=mailto:ADDRESS\" to hear about TLS failures delivering to it (RFC 8460).",
              Map.of("answer", txt.status().name())));
      return;
    }
    String problem = null;
    if (records.size() > 1) {
      problem = records.size() + " records (senders use none)";
    } else {
      String rua = tags(records.get(0)).get("rua");
      if (rua == null || rua.isBlank()) {
        problem = "rua missing";
      } else {
        for (String u : rua.split(",")) {
          String s = u.strip().toLowerCase(Locale.ROOT);
          if (!s.startsWith("mailto:") && !s.startsWith("https://")) {
            problem = "rua entries must be mailto: or https: URIs";
          }
        }
      }
    }
    if (problem != null) {
      out.add(
          new Finding(
              "dns.tls_rpt_invalid",
              Severity.MEDIUM,
              account,
              name,
              "The TLS-RPT record of " + domain + " is not valid: " + problem,
              "Keep one record \"v=TLSRPTv1; rua=mailto:ADDRESS\" (RFC 8460 section 3).",
              Map.of("record", DnsChecks.clip(records.get(0)), "problem", problem)));
    }
  }

  // ---- BIMI
  // ----------------------------------------------------------------------------------------

  private void bimi(String account, String domain, DmarcPolicy dmarc, List<Finding> out) {
    String name = "default._bimi." + domain;
    DnsAnswer txt = dns.lookup(name, DnsLookup.Type.TXT);
    if (txt.failed()) {
      out.add(DnsChecks.lookupFailed(account, name, DnsLookup.Type.TXT, txt));
      return;
    }
    List<String> records =
        txt.records().stream()
            .filter(r -> r.strip().toLowerCase(Locale.ROOT).startsWith("v=bimi1"))
            .toList();
    if (records.isEmpty()) {
      out.add(
          new Finding(
              "dns.bimi_missing",
              Severity.INFO,
              account,
              name,
              domain + " publishes no BIMI record (no brand logo in supporting inboxes)",
              "Optional: with DMARC at p=quarantine or p=reject, publish "
                  + name
                  + " TXT \"v=BIMI1; l=https://.../logo.svg; a=https://.../vmc.pem\".",
              Map.of("answer", txt.status().name())));
      return;
    }
    String record = records.get(0);
    Map<String, String> tags = tags(record);
    String logo = tags.getOrDefault("l", "");
    String cert = tags.getOrDefault("a", "");
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("record", DnsChecks.clip(record));
    if (records.size() > 1
        || (!logo.isEmpty() && !logo.toLowerCase(Locale.ROOT).startsWith("https://"))
        || (!cert.isEmpty() && !cert.toLowerCase(Locale.ROOT).startsWith("https://"))) {
      out.add(
          new Finding(
              "dns.bimi_invalid",
              Severity.MEDIUM,
              account,
              name,
              "The BIMI record of "
                  + domain
                  + " is not valid"
                  + (records.size() > 1
                      ? " (" + records.size() + " records)"
                      : ": l= and a= must be https: URLs"),
              "Keep one record v=BIMI1; l=https://...svg; a=https://...pem.",
              ev));
      return;
    }
    if (logo.isEmpty() && cert.isEmpty()) {
      return; // a declination record: the domain says it has no logo
    }
    if (dmarc == null || !dmarc.enforced()) {
      Map<String, String> pe = new LinkedHashMap<>(ev);
      pe.put(
          "dmarc_policy",
          dmarc == null ? "none published" : dmarc.policy() + " pct=" + dmarc.pct());
      out.add(
          new Finding(
              "dns.bimi_dmarc_not_enforced",
              Severity.MEDIUM,
              account,
              name,
              "BIMI of " + domain + " has no effect: DMARC is not at enforcement",
              "Set DMARC to p=quarantine or p=reject with pct=100 (and sp not none); mailbox providers ignore BIMI otherwise.",
              pe));
    }
    if (cert.isEmpty()) {
      out.add(
          new Finding(
              "dns.bimi_no_certificate",
              Severity.INFO,
              account,
              name,
              "BIMI of "
                  + domain
                  + " has no a= certificate (VMC or CMC): Gmail and Apple Mail show no logo without one",
              "Obtain a Verified Mark Certificate or Common Mark Certificate and publish its URL as a=.",
              ev));
    }
    if (!logo.isEmpty()) {
      HttpsFetcher.Response r =
          https.get(logo, DnsChecks.organizational(hostOf(logo, domain)), BIMI_LOGO_MAX_BYTES, 2);
      Map<String, String> le = new LinkedHashMap<>(ev);
      le.put("logo", DnsChecks.clip(logo));
      if (!r.ok()) {
        le.put("error", r.error() != null ? r.error() : "HTTP " + r.status());
        out.add(
            new Finding(
                "dns.bimi_logo_unavailable",
                Severity.MEDIUM,
                account,
                name,
                "The BIMI logo of " + domain + " could not be fetched: " + le.get("error"),
                "Serve the logo over HTTPS with a valid certificate, HTTP 200, at most 32 KB.",
                le));
      } else if (!r.text().contains("<svg")
          || !r.text().replace('\'', '"').contains("baseProfile=\"tiny-ps\"")) {
        out.add(
            new Finding(
                "dns.bimi_logo_invalid",
                Severity.MEDIUM,
                account,
                name,
                "The BIMI logo of " + domain + " is not an SVG Tiny Portable/Secure image",
                "Export the logo as SVG Tiny PS (baseProfile=\"tiny-ps\"), square, at most 32 KB.",
                le));
      }
    }
  }

  // ---- DNSSEC
  // --------------------------------------------------------------------------------------

  private void dnssec(String account, String domain, List<Finding> out) {
    String org = DnsChecks.organizational(domain);
    DnsAnswer ds = dns.lookup(domain, DnsLookup.Type.DS);
    if (!ds.failed() && ds.status() != DnsAnswer.Status.FOUND && !org.equals(domain)) {
      ds =
          dns.lookup(
              org,
              DnsLookup.Type.DS); // the subdomain is no zone of its own: the registered domain's
    }
    if (ds.failed()) {
      out.add(DnsChecks.lookupFailed(account, domain, DnsLookup.Type.DS, ds));
    } else if (ds.status() != DnsAnswer.Status.FOUND) {
      out.add(
          new Finding(
              "dns.dnssec_unsigned",
              Severity.INFO,
              account,
              org,
              "The zone of " + domain + " is not signed (no DS record at the parent)",
              "Sign the zone with DNSSEC at the DNS provider and publish its DS record at the registrar (RFC 4033); "
                  + "it protects DKIM, DMARC, MTA-STS and MX answers from forgery.",
              Map.of("answer", ds.status().name())));
    }
  }

  private static String hostOf(String url, String fallback) {
    try {
      String h = java.net.URI.create(url).getHost();
      return h == null ? fallback : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /** {@code k=v; k=v} tags, names lower-cased. */
  static Map<String, String> tags(String record) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : record.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.putIfAbsent(
            part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
      }
    }
    return m;
  }
}
