package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SesOpsSettingsTest {

  @Test
  void fromContext_usesTheDocumentedDefaults_whenNothingIsGiven() {
    SesOpsSettings settings = SesOpsSettings.fromContext(Map.<String, Object>of()::get);

    assertThat(settings.monitorSchedule()).isEqualTo("rate(15 minutes)");
    assertThat(settings.auditSchedule()).isEqualTo(SesOpsSettings.DEFAULT_AUDIT_SCHEDULE);
    assertThat(settings.cleanupSchedule()).isEqualTo(SesOpsSettings.DEFAULT_CLEANUP_SCHEDULE);
    assertThat(settings.memberRoleArns()).isEmpty();
    assertThat(settings.existingSecretArn()).isEmpty();
    assertThat(settings.alertEmailAddress()).isEmpty();
    assertThat(settings.accounts()).isEmpty();
  }

  @Test
  void fromContext_splitsCommaSeparatedLists_andAcceptsJsonArrays() {
    SesOpsSettings settings =
        SesOpsSettings.fromContext(
            Map.<String, Object>of(
                    "memberRoleArns",
                    " arn:aws:iam::444455556666:role/a ,,arn:aws:iam::444455556666:role/b ",
                    "accounts",
                    List.of("production", " staging "))
                ::get);

    assertThat(settings.memberRoleArns())
        .containsExactly("arn:aws:iam::444455556666:role/a", "arn:aws:iam::444455556666:role/b");
    assertThat(settings.memberAccountIds()).containsExactly("444455556666");
    assertThat(settings.accounts()).containsExactly("production", "staging");
  }

  @Test
  void fromContext_treatsBlankValuesAsUnset() {
    SesOpsSettings settings =
        SesOpsSettings.fromContext(
            Map.<String, Object>of(
                    "monitorSchedule", " ", "memberRoleArns", "", "secretArn", "", "alertEmail", "")
                ::get);

    assertThat(settings.monitorSchedule()).isEqualTo("rate(15 minutes)");
    assertThat(settings.memberRoleArns()).isEmpty();
    assertThat(settings.existingSecretArn()).isEmpty();
    assertThat(settings.alertEmailAddress()).isEmpty();
  }

  @Test
  void fromContext_rejectsSomethingThatIsNotARoleArn_namingTheContextKey() {
    assertThatThrownBy(
            () ->
                SesOpsSettings.fromContext(
                    Map.<String, Object>of("memberRoleArns", "arn:aws:iam::444455556666:user/alice")
                        ::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memberRoleArns")
        .hasMessageContaining("user/alice");
  }

  @Test
  void fromContext_rejectsAScheduleThatIsNeitherRateNorCron_namingTheContextKey() {
    assertThatThrownBy(
            () ->
                SesOpsSettings.fromContext(
                    Map.<String, Object>of("auditSchedule", "every day")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auditSchedule");
  }

  @Test
  void fromContext_rejectsASecretThatIsNotAnArn() {
    assertThatThrownBy(
            () ->
                SesOpsSettings.fromContext(
                    Map.<String, Object>of("secretArn", "ses-ops/config")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secretArn");
  }
}
