package dev.sesops.signals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.ses.ReputationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns findings and tenants into monitor signals and per-item verdicts. Pure: no I/O. */
public final class SignalJudge {
  public static final String FINDINGS = "ses_findings";
  public static final String TENANTS = "tenant_status";
  public static final String PROVIDERS = "mailbox_providers";
  public static final String PIPELINE = "pipeline";
  static final String SRC_FINDINGS = "sesv2:ListRecommendations";
  static final String SRC_TENANTS = "sesv2:ListTenants";
  static final String SRC_PROVIDERS = "sesv2:BatchGetMetricData";
  public static final String VDM_OFF = "VDM is off: AWS findings are not available";

  /** Paused tenants listed in full in a report; all of them are alerted. */
  static final int REPORT_TENANTS = 100;

  private SignalJudge() {}

  /** The {@code ses_findings} signal's value: the open findings in full, the fixed ones counted. */
  public record FindingsValue(
      String vdm,
      int open,
      int high,
      int low,
      int fixed,
      boolean complete,
      List<AwsFinding> findings,
      @JsonIgnore List<AwsFinding> all) {}

  /**
   * The {@code tenant_status} signal's value: counts, and the tenants that are not plainly sending.
   */
  public record TenantsValue(
      int count,
      Map<String, Integer> byStatus,
      int paused,
      boolean complete,
      List<TenantStatus> notable,
      @JsonIgnore List<TenantStatus> all) {}

  public static Signal findings(FindingsReader.Reading r) {
    if (!r.vdm().enabled()) {
      return new Signal(
          FINDINGS,
          Level.UNKNOWN,
          new FindingsValue(
              r.vdm().raw() == null ? "not reported" : r.vdm().raw(),
              0,
              0,
              0,
              0,
              true,
              List.of(),
              List.of()),
          "VDM off",
          null,
          "sesv2:GetAccount",
          VDM_OFF + ".");
    }
    List<AwsFinding> open = r.findings().stream().filter(AwsFinding::open).toList();
    int high = (int) open.stream().filter(AwsFinding::high).count();
    int low = open.size() - high;
    int fixed = r.findings().size() - open.size();
    Level level = high > 0 ? Level.CRITICAL : low > 0 ? Level.WARNING : Level.OK;
    String display = open.isEmpty() ? "no open findings" : high + " HIGH, " + low + " LOW open";
    String message =
        open.isEmpty()
            ? "VDM lists no open finding."
                + (r.complete() ? "" : " (The list was not read to its end.)")
            : "VDM lists open findings: "
                + String.join("; ", open.stream().limit(5).map(SignalJudge::label).toList())
                + (open.size() > 5 ? "; ..." : "")
                + ".";
    return new Signal(
        FINDINGS,
        level,
        new FindingsValue(
            "ENABLED", open.size(), high, low, fixed, r.complete(), open, r.findings()),
        display,
        "HIGH impact CRITICAL, LOW impact WARNING",
        SRC_FINDINGS,
        message);
  }

  public static Signal tenants(TenantReader.Reading r) {
    Map<String, Integer> by = new TreeMap<>();
    List<TenantStatus> notable = new ArrayList<>();
    int paused = 0;
    for (TenantStatus t : r.tenants()) {
      by.merge(
          t.sendingStatus() == null ? "UNKNOWN" : t.sendingStatus().toUpperCase(Locale.ROOT),
          1,
          Integer::sum);
      if (t.paused()) {
        paused++;
      }
      if (!"ENABLED".equalsIgnoreCase(t.sendingStatus()) && notable.size() < REPORT_TENANTS) {
        notable.add(t);
      }
    }
    Level level = paused > 0 ? Level.CRITICAL : Level.OK;
    String display = r.tenants().size() + " tenants, " + paused + " paused";
    String message =
        paused == 0
            ? "Every tenant can send."
                + (r.complete() ? "" : " (The tenant list was not read to its end.)")
            : paused
                + " tenant(s) paused: "
                + String.join(
                    ", ",
                    r.tenants().stream()
                        .filter(TenantStatus::paused)
                        .limit(5)
                        .map(TenantStatus::name)
                        .toList())
                + (paused > 5 ? ", ..." : "")
                + ".";
    return new Signal(
        TENANTS,
        level,
        new TenantsValue(r.tenants().size(), by, paused, r.complete(), notable, r.tenants()),
        display,
        "a paused tenant is CRITICAL",
        SRC_TENANTS,
        message);
  }

  static String label(AwsFinding f) {
    return f.impact() + " " + f.type() + " on " + f.resourceName();
  }

  /** One finding's verdict: OPEN HIGH CRITICAL, OPEN LOW WARNING, FIXED OK. */
  public static Verdict finding(AwsFinding f, String source) {
    Level level = !f.open() ? Level.OK : f.high() ? Level.CRITICAL : Level.WARNING;
    String details =
        "AWS says: "
            + (f.description() == null ? "(no description)" : f.description())
            + "\n\n"
            + "Resource:   "
            + f.resourceArn()
            + "\nType:       "
            + f.type()
            + "\nImpact:     "
            + f.impact()
            + "\nStatus:     "
            + f.status()
            + "\n\nWhat to do next:\n"
            + (level == Level.OK
                ? "Nothing: AWS marks the finding fixed."
                : Remediations.forType(f.type()));
    return new Verdict(
        f.key(),
        FINDINGS,
        null,
        level,
        f.impact() + " " + f.type() + " finding on " + f.resourceName(),
        f.type() + " finding on " + f.resourceName() + " resolved",
        f.impact() + " " + f.status(),
        details,
        source);
  }

  /** A finding stored as open that a complete listing no longer contains. */
  static Verdict findingGone(String key) {
    String[] parts = key.split("#", 3);
    String type = parts.length > 1 ? parts[1] : "?";
    String resource = parts.length > 2 ? Arns.shortName(parts[2]) : "?";
    return new Verdict(
        key,
        FINDINGS,
        null,
        Level.OK,
        type + " finding on " + resource,
        type + " finding on " + resource + " resolved",
        "no longer listed",
        "VDM no longer lists this finding.\n\nWhat to do next:\nNothing: the finding is gone.",
        SRC_FINDINGS);
  }

  /** One tenant's verdict: paused CRITICAL (scope {@code tenant:NAME}), otherwise OK. */
  public static Verdict tenant(TenantStatus t, String source) {
    Level level = t.paused() ? Level.CRITICAL : Level.OK;
    StringBuilder d = new StringBuilder();
    d.append("Tenant:             ").append(t.name()).append('\n');
    d.append("Sending status:     ").append(t.sendingStatus()).append('\n');
    if (t.reputation() != null) {
      d.append("AWS-managed:        ").append(status(t.reputation().awsManaged())).append('\n');
      d.append("Customer-managed:   ")
          .append(status(t.reputation().customerManaged()))
          .append('\n');
      d.append("Policy:             ").append(t.policyName()).append('\n');
    }
    d.append("\nWhat to do next:\n");
    if (level == Level.OK) {
      d.append(
          "Nothing: the tenant can send again. Watch its bounce and complaint rates over the next runs.");
    } else if ("the customer".equals(t.pausedBy())) {
      d.append(
          "The tenant was paused by your side (customer-managed status). Fix the cause, then reinstate it with "
              + "aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type RESOURCE "
              + "--reputation-entity-reference TENANT_ARN --sending-status ENABLED.");
    } else {
      d.append(
          "AWS paused the tenant's sending. Read the cause above and the tenant's findings (ListRecommendations), fix "
              + "them, and contact AWS Support if the pause is not lifted once fixed. Other tenants keep sending.");
    }
    String who = t.pausedBy() == null ? "" : " by " + t.pausedBy();
    String cause = t.cause() == null ? "" : ": " + t.cause();
    return new Verdict(
        "tenant#" + t.name(),
        TENANTS,
        "tenant:" + t.name(),
        level,
        "tenant " + t.name() + " paused" + who + cause,
        "tenant " + t.name() + " reinstated (" + t.sendingStatus() + ")",
        t.sendingStatus(),
        d.toString(),
        source);
  }

  /** A tenant stored as paused that a complete listing no longer contains (deleted). */
  static Verdict tenantGone(String key) {
    String name = key.substring("tenant#".length());
    return new Verdict(
        key,
        TENANTS,
        "tenant:" + name,
        Level.OK,
        "tenant " + name + " paused",
        "tenant " + name + " no longer listed",
        "no longer listed",
        "SES no longer lists this tenant (deleted?).\n\nWhat to do next:\nNothing, unless it should exist.",
        SRC_TENANTS);
  }

  private static String status(ReputationRecord.EntityStatus s) {
    if (s == null) {
      return "not reported";
    }
    return s.status()
        + (s.cause() == null ? "" : " (" + s.cause() + ")")
        + (s.lastUpdated() == null ? "" : ", since " + s.lastUpdated());
  }
}
