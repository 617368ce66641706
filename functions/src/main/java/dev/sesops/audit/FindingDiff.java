package dev.sesops.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * New versus known findings between the previous report and this run. A previous finding missing
 * now is resolved only when its check ran fully this time (and, for DNS, its name answered);
 * otherwise it is carried over as unverified. Keys are {@code id|resource}.
 *
 * @param newFindings findings of this run not known before
 * @param toAlert HIGH/CRITICAL findings to alert on: new ones, and known ones whose alert is still
 *     pending
 * @param resolved previous findings fixed now
 * @param unverified previous findings this run could not re-check
 */
record FindingDiff(
    List<Finding> newFindings,
    List<Finding> toAlert,
    List<Finding> resolved,
    List<Finding> unverified) {
  static final String OK = "ok";

  static FindingDiff of(List<Finding> current, Map<String, String> checks, AccountAudit previous) {
    Map<String, Finding> known = new LinkedHashMap<>();
    Set<String> pending = new HashSet<>();
    if (previous != null) {
      previous.findings().forEach(f -> known.put(f.key(), f));
      if (previous.unverified() != null) {
        previous.unverified().forEach(f -> known.putIfAbsent(f.key(), f));
      }
      if (previous.pendingAlerts() != null) {
        pending.addAll(previous.pendingAlerts());
      }
    }
    Set<String> currentKeys = new HashSet<>();
    Set<String> dnsUnanswered = new HashSet<>();
    for (Finding f : current) {
      currentKeys.add(f.key());
      if (f.id().equals(DnsChecks.LOOKUP_FAILED)) {
        dnsUnanswered.add(f.resource());
        dnsUnanswered.add(dnsDomain(f.resource()));
      }
      if (f.id().equals("dedicated_ip.dnsbl_unknown") && f.resource().contains("@")) {
        dnsUnanswered.add(
            f.resource()
                .substring(0, f.resource().indexOf('@'))); // that IP's listing is not known now
      }
    }
    List<Finding> fresh = new ArrayList<>();
    List<Finding> toAlert = new ArrayList<>();
    for (Finding f : current) {
      boolean isNew = !known.containsKey(f.key());
      if (isNew) {
        fresh.add(f);
      }
      if (f.severity().alerts()
          && !VdmChecks.alertedElsewhere(f)
          && (isNew || pending.contains(f.key()))) {
        toAlert.add(f);
      }
    }
    List<Finding> resolved = new ArrayList<>();
    List<Finding> unverified = new ArrayList<>();
    for (Finding p : known.values()) {
      if (currentKeys.contains(p.key())) {
        continue;
      }
      boolean checked =
          OK.equals(checks.get(area(p)))
              && !(p.id().startsWith("dns.")
                  && (dnsUnanswered.contains(p.resource())
                      || dnsUnanswered.contains(dnsDomain(p.resource()))))
              && !(p.id().equals("dedicated_ip.listed") && dnsUnanswered.contains(p.resource()));
      (checked ? resolved : unverified).add(p);
    }
    return new FindingDiff(fresh, toAlert, resolved, unverified);
  }

  /**
   * The domain a DNS name belongs to for the audit: the name less the labels the checks put in
   * front ({@code _dmarc.}, {@code TOKEN._domainkey.}, {@code _mta-sts.}, ...). A lookup that
   * failed for any of them holds all of that domain's DNS findings as unverified, since one check's
   * evidence can come from another's answer (BIMI needs DMARC, MTA-STS needs MX).
   */
  static String dnsDomain(String name) {
    String n = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    int dk = n.indexOf("._domainkey.");
    if (dk >= 0) {
      return n.substring(dk + "._domainkey.".length());
    }
    int rep = n.indexOf("._report._dmarc.");
    if (rep >= 0) {
      return n.substring(0, rep);
    }
    for (String p :
        new String[] {
          "_dmarc.", "_amazonses.", "_mta-sts.", "mta-sts.", "_smtp._tls.", "default._bimi."
        }) {
      if (n.startsWith(p)) {
        return n.substring(p.length());
      }
    }
    return n;
  }

  /** The check area a finding belongs to, as named in {@link AccountAudit#checks()}. */
  static String area(Finding f) {
    String prefix = f.id().substring(0, Math.max(0, f.id().indexOf('.')));
    return switch (prefix) {
      case "account" -> "account";
      case "credentials" -> "credentials";
      case "identity" -> "identities";
      case "drift" -> "drift";
      case "configset" -> "configuration_sets";
      case "dns" -> "dns";
      case "vdm" -> "vdm";
      case "dedicated_ip" -> "dedicated_ips";
      default -> f.resource(); // audit.check_failed: the resource is the area
    };
  }
}
