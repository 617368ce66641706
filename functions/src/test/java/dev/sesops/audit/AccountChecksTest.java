package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.ses.AccountStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountChecksTest {

  @Test
  void status_findsNothing_whenHealthyProductionAndSuppressingBoth() {
    assertThat(
            AccountChecks.status(
                "p",
                new AccountStatus("HEALTHY", true, true, null, List.of("COMPLAINT", "BOUNCE"))))
        .isEmpty();
  }

  @Test
  void status_isCritical_whenSendingDisabled() {
    List<Finding> f =
        AccountChecks.status(
            "p", new AccountStatus("HEALTHY", false, true, null, List.of("BOUNCE", "COMPLAINT")));
    assertThat(f)
        .extracting(Finding::id, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("account.sending_disabled", Severity.CRITICAL));
  }

  @Test
  void status_treatsMissingSendingFlagAsDisabled() {
    assertThat(
            AccountChecks.status(
                "p",
                new AccountStatus("HEALTHY", null, true, null, List.of("BOUNCE", "COMPLAINT"))))
        .extracting(Finding::id)
        .containsExactly("account.sending_disabled");
  }

  @Test
  void status_ratesEnforcement_probationHigh_shutdownCritical_unknownHigh() {
    assertThat(one("PROBATION").severity()).isEqualTo(Severity.HIGH);
    assertThat(one("SHUTDOWN").severity()).isEqualTo(Severity.CRITICAL);
    Finding unknown = one("SOMETHING_NEW");
    assertThat(unknown.severity()).isEqualTo(Severity.HIGH);
    assertThat(unknown.message()).contains("unknown");
    assertThat(one(null).evidence()).containsEntry("enforcement_status", "absent");
  }

  @Test
  void status_flagsSandbox_whenNoProductionAccess() {
    assertThat(
            AccountChecks.status(
                "p",
                new AccountStatus("HEALTHY", true, false, null, List.of("BOUNCE", "COMPLAINT"))))
        .extracting(Finding::id, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("account.sandbox", Severity.MEDIUM));
  }

  @Test
  void status_flagsSuppressionList_whenOnlyBounceOrNothingSuppressed() {
    assertThat(
            AccountChecks.status(
                "p", new AccountStatus("HEALTHY", true, true, null, List.of("BOUNCE"))))
        .extracting(Finding::id)
        .containsExactly("account.suppression_incomplete");
    assertThat(AccountChecks.status("p", new AccountStatus("HEALTHY", true, true, null, List.of())))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("suppressed_reasons", ""));
  }

  @Test
  void credentials_flagsStaticKeys_withMaskedKeyIdAndRoleRemediation() {
    var a =
        Fakes.account(
            "{\"region\":\"us-east-1\",\"aws_access_key_id\":\"AKIAIOSFODNN7EXAMPLE\",\"aws_secret_access_key\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}");
    List<Finding> f = AccountChecks.credentials(a);
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("credentials.static_keys");
              assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(x.remediation()).contains("role_arn");
              assertThat(x.evidence()).containsEntry("access_key_id", "AKIA****");
              assertThat(x.toString())
                  .doesNotContain("wJalrXUtnFEMI")
                  .doesNotContain("IOSFODNN7EXAMPLE");
            });
  }

  @Test
  void credentials_findsNothing_forRoleOrDefaultChain() {
    assertThat(
            AccountChecks.credentials(
                Fakes.account(
                    "{\"region\":\"us-east-1\",\"role_arn\":\"arn:aws:iam::111122223333:role/ses-ops\"}")))
        .isEmpty();
    assertThat(AccountChecks.credentials(Fakes.account("{\"region\":\"us-east-1\"}"))).isEmpty();
  }

  private static Finding one(String enforcement) {
    return AccountChecks.status(
            "p", new AccountStatus(enforcement, true, true, null, List.of("BOUNCE", "COMPLAINT")))
        .get(0);
  }
}
