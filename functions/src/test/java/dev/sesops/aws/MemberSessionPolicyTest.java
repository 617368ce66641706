package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.permissions.SesPermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each function's session policy in a member account is its own role's SES list, so the session
 * cannot do more.
 */
class MemberSessionPolicyTest {
  private static List<String> actions(String function) {
    JsonNode p = Json.read(SesPermissions.sessionPolicy(function));
    assertThat(p.path("Statement")).hasSize(1);
    assertThat(p.at("/Statement/0/Effect").asText()).isEqualTo("Allow");
    assertThat(p.at("/Statement/0/Resource").asText()).isEqualTo("*");
    List<String> out = new ArrayList<>();
    p.at("/Statement/0/Action").forEach(a -> out.add(a.asText()));
    return out;
  }

  @Test
  void eachFunctionsSessionPolicy_isExactlyItsOwnPermissionList() {
    assertThat(actions("monitor"))
        .containsExactlyInAnyOrderElementsOf(
            union(
                SesPermissions.MONITOR,
                SesPermissions.MONITOR_PROTECTION_WRITE,
                SesPermissions.METRICS));
    assertThat(actions("audit")).containsExactlyInAnyOrderElementsOf(SesPermissions.AUDIT);
    assertThat(actions("cleanup")).containsExactlyInAnyOrderElementsOf(SesPermissions.CLEANUP);
    assertThat(actions("api-write"))
        .containsExactlyInAnyOrderElementsOf(
            union(SesPermissions.API, SesPermissions.PROTECTION_WRITE, SesPermissions.METRICS));
    assertThat(actions("api-read"))
        .containsExactlyInAnyOrderElementsOf(
            union(SesPermissions.API, SesPermissions.METRICS).stream()
                .filter(SesPermissions::isRead)
                .toList());
    assertThat(actions("reports")).containsExactly("ses:GetDedicatedIps");
    assertThat(actions("events"))
        .containsExactlyInAnyOrderElementsOf(
            union(SesPermissions.PROTECTION_READ, SesPermissions.PROTECTION_WRITE));
  }

  @Test
  void monitorAndAuditSessions_cannotCallAnyWriteAction() {
    List<String> writes =
        List.of(
            "ses:DeleteSuppressedDestination",
            "ses:PutSuppressedDestination",
            "ses:CreateImportJob",
            "ses:SendEmail",
            "ses:VerifyEmailIdentity",
            "ses:VerifyDomainIdentity",
            "ses:SetIdentityDkimEnabled",
            "ses:CreateConfigurationSetEventDestination",
            "ses:DeleteConfigurationSetEventDestination",
            "ses:PutConfigurationSetSendingOptions",
            "ses:UpdateReputationEntityCustomerManagedStatus");
    assertThat(actions("monitor")).doesNotContainAnyElementsOf(writes);
    assertThat(actions("audit"))
        .doesNotContainAnyElementsOf(writes)
        .doesNotContain("ses:PutAccountSendingAttributes");
    assertThat(actions("cleanup"))
        .doesNotContain(
            "ses:SendEmail", "ses:SetIdentityDkimEnabled", "ses:PutAccountSendingAttributes");
  }

  @Test
  void
      monitorSession_mayWriteNothing_butTheAccountSwitch_whichTheMemberRoleGrantsOnlyWithProtection() {
    assertThat(actions("monitor").stream().filter(a -> !SesPermissions.isRead(a)))
        .containsExactly("ses:PutAccountSendingAttributes");
    assertThat(SesPermissions.MEMBER).doesNotContain("ses:PutAccountSendingAttributes");
    assertThat(SesPermissions.MEMBER_WITH_PROTECTION).contains("ses:PutAccountSendingAttributes");
    // and the reports session reads one list
    assertThat(actions("reports")).allMatch(SesPermissions::isRead);
  }

  @Test
  void apiReadSession_holdsEveryReadOfTheApi_andNoWrite() {
    List<String> read = actions("api-read");
    assertThat(read).allMatch(SesPermissions::isRead).contains("ses:GetAccount", "ses:GetTenant");
    List<String> writes =
        actions("api-write").stream().filter(a -> !SesPermissions.isRead(a)).toList();
    assertThat(writes)
        .contains(
            "ses:DeleteSuppressedDestination",
            "ses:SendEmail",
            "ses:SetIdentityDkimEnabled",
            "ses:PutConfigurationSetSendingOptions");
    assertThat(read).doesNotContainAnyElementsOf(writes);
    // the write session may read the state before each change
    assertThat(actions("api-write")).containsAll(read);
  }

  @Test
  void readActions_areGetListDescribeAndBatchGet_only() {
    assertThat(SesPermissions.isRead("ses:GetAccount")).isTrue();
    assertThat(SesPermissions.isRead("ses:ListSuppressedDestinations")).isTrue();
    assertThat(SesPermissions.isRead("ses:BatchGetMetricData")).isTrue();
    assertThat(SesPermissions.isRead("cloudwatch:GetMetricData")).isTrue();
    assertThat(SesPermissions.isRead("ses:PutSuppressedDestination")).isFalse();
    assertThat(SesPermissions.isRead("ses:SendEmail")).isFalse();
    assertThat(SesPermissions.isRead("ses:VerifyDomainDkim")).isFalse();
    assertThat(SesPermissions.isRead("ses:UpdateReputationEntityCustomerManagedStatus")).isFalse();
  }

  @Test
  void everySessionPolicy_fitsStsPackedLimit_andUnknownFunctionsAreRefused() {
    for (String f : SesPermissions.SESSION_FUNCTIONS) {
      // AssumeRole's inline session policy: 2,048 characters at most (plain text before packing)
      assertThat(SesPermissions.sessionPolicy(f).length()).as(f).isLessThan(2048);
    }
    assertThatThrownBy(() -> SesPermissions.sessionPolicy("fleet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleet");
  }

  private static List<String> union(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      l.stream().filter(a -> !out.contains(a)).forEach(out::add);
    }
    return out;
  }
}
