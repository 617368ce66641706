package dev.sesops.audit;

import dev.sesops.signals.AwsFinding;
import dev.sesops.signals.FindingsReader;
import dev.sesops.signals.Remediations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit's view of Virtual Deliverability Manager: every open VDM finding with AWS's own
 * description and our remediation ({@code vdm.finding.TYPE}: HIGH impact is HIGH, LOW is MEDIUM),
 * and VDM being off ({@code vdm.off}, with the command to turn it on and what it costs). These are
 * reported, not alerted: the monitor alerts on each VDM finding once, whoever sees it first.
 */
final class VdmChecks {
  static final String PREFIX = "vdm.";
  static final String OFF = "vdm.off";

  private VdmChecks() {}

  static List<Finding> check(String account, String region, FindingsReader.Reading r) {
    List<Finding> out = new ArrayList<>();
    if (!r.vdm().enabled()) {
      out.add(
          new Finding(
              OFF,
              Severity.MEDIUM,
              account,
              "account",
              "Virtual Deliverability Manager is off (VdmEnabled "
                  + (r.vdm().raw() == null ? "not reported" : r.vdm().raw())
                  + "): AWS findings (DKIM, DMARC, SPF, BIMI, complaints, bounces, blocklists) and per-provider rates are not available.",
              "Turn it on with: "
                  + Remediations.VDM_ON_COMMAND.replace("REGION", region)
                  + " . Cost: "
                  + Remediations.VDM_COST,
              Map.of("vdm_enabled", r.vdm().raw() == null ? "not reported" : r.vdm().raw())));
      return out;
    }
    for (AwsFinding f : r.findings()) {
      if (!f.open()) {
        continue;
      }
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("type", String.valueOf(f.type()));
      evidence.put("impact", String.valueOf(f.impact()));
      evidence.put("status", String.valueOf(f.status()));
      evidence.put("resource_arn", String.valueOf(f.resourceArn()));
      if (f.lastUpdatedTimestamp() != null) {
        evidence.put("last_updated", f.lastUpdatedTimestamp().toString());
      }
      out.add(
          new Finding(
              PREFIX + "finding." + String.valueOf(f.type()).toLowerCase(Locale.ROOT),
              f.high() ? Severity.HIGH : Severity.MEDIUM,
              account,
              f.resourceName(),
              "VDM "
                  + f.impact()
                  + " "
                  + f.type()
                  + " finding: "
                  + (f.description() == null ? "(AWS gave no description)" : f.description()),
              Remediations.forType(f.type()),
              evidence));
    }
    return out;
  }

  /**
   * VDM findings are alerted by the monitor (one alert per finding, shared with AWS's events), not
   * by the audit.
   */
  static boolean alertedElsewhere(Finding f) {
    return f.id().startsWith(PREFIX);
  }
}
