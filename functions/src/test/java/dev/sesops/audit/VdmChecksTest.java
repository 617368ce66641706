package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Deadline;
import dev.sesops.ses.AccountStatus;
import dev.sesops.signals.FindingsReader;
import dev.sesops.signals.InMemorySignalSource;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VdmChecksTest {
  private static final String CONFIG = "{\"accounts\":{\"production\":{\"region\":\"us-east-1\"}}}";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T05:06:07Z"));
  private final Fakes.Ses ses = new Fakes.Ses();
  private final Fakes.Store store = new Fakes.Store();
  private final Fakes.Alerts alerts = new Fakes.Alerts();
  private final InMemorySignalSource vdm = new InMemorySignalSource();
  private final Auditor auditor =
      new Auditor(
          Fakes.source(Fakes.config(CONFIG)),
          (account, rate) -> ses,
          new Fakes.Dns(),
          store,
          alerts,
          clock,
          1.0,
          new FindingsReader(vdm));

  @Test
  void audit_listsEveryOpenVdmFinding_withAwsDescriptionAndOurRemediation_withoutAlertingThem() {
    ses.status =
        new AccountStatus("HEALTHY", true, true, "ENABLED", List.of("BOUNCE", "COMPLAINT"));
    vdm.finding(
            "arn:aws:ses:us-east-1:111122223333:identity/example.com",
            "DMARC",
            "HIGH",
            "OPEN",
            "DMARC is not configured.")
        .finding(
            "arn:aws:ses:us-east-1:111122223333:identity/example.com",
            "BIMI",
            "LOW",
            "OPEN",
            "BIMI is not set up.")
        .finding(
            "arn:aws:ses:us-east-1:111122223333:identity/example.com",
            "SPF",
            "LOW",
            "FIXED",
            "SPF was fixed.");

    AccountAudit a = auditor.audit(null, true, Deadline.none(clock), "run1").accounts().get(0);

    assertThat(a.findings())
        .filteredOn(f -> f.id().startsWith("vdm."))
        .extracting(Finding::id, Finding::severity, Finding::resource)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vdm.finding.dmarc", Severity.HIGH, "example.com"),
            org.assertj.core.groups.Tuple.tuple(
                "vdm.finding.bimi", Severity.MEDIUM, "example.com"));
    Finding dmarc =
        a.findings().stream()
            .filter(f -> f.id().equals("vdm.finding.dmarc"))
            .findFirst()
            .orElseThrow();
    assertThat(dmarc.message()).isEqualTo("VDM HIGH DMARC finding: DMARC is not configured.");
    assertThat(dmarc.remediation()).contains("_dmarc.DOMAIN");
    assertThat(dmarc.evidence()).containsEntry("impact", "HIGH").containsEntry("status", "OPEN");
    assertThat(a.checks()).containsEntry("vdm", "ok");
    assertThat(vdm.calls)
        .isEqualTo(
            1); // GetAccount's VdmAttributes came with the account check: only ListRecommendations
    assertThat(alerts.sent)
        .noneMatch(x -> x.check().startsWith("vdm.")); // the monitor alerts on VDM findings
  }

  @Test
  void audit_reportsVdmOff_withTheCommandToTurnItOnAndItsCost() {
    ses.status =
        new AccountStatus("HEALTHY", true, true, "DISABLED", List.of("BOUNCE", "COMPLAINT"));

    AccountAudit a = auditor.audit(null, true, Deadline.none(clock), "run1").accounts().get(0);

    Finding off =
        a.findings().stream().filter(f -> f.id().equals("vdm.off")).findFirst().orElseThrow();
    assertThat(off.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(off.remediation())
        .contains("aws sesv2 put-account-vdm-attributes")
        .contains("--region us-east-1")
        .contains("per message");
    assertThat(vdm.calls).isZero();
  }
}
