package dev.sesops.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.Json;
import dev.sesops.core.Level;
import org.junit.jupiter.api.Test;

class AwsStatusEventsTest {
  @Test
  void advisorOpen_isTheMonitorsFindingVerdict_sameKey_pascalCaseToo() {
    Verdict v =
        AwsStatusEvents.verdict(
            AwsStatusEvents.ADVISOR_OPEN,
            Json.read(
                """
        {"ResourceArn": "arn:aws:ses:us-east-1:111122223333:identity/example.com", "Type": "dkim", "Impact": "HIGH"}"""));
    assertThat(v.key())
        .isEqualTo("finding#DKIM#arn:aws:ses:us-east-1:111122223333:identity/example.com");
    assertThat(v.level()).isEqualTo(Level.CRITICAL);
    AwsFinding same =
        new AwsFinding(
            "arn:aws:ses:us-east-1:111122223333:identity/example.com",
            "DKIM",
            null,
            "OPEN",
            "HIGH",
            null,
            null);
    assertThat(SignalJudge.finding(same, "monitor").key()).isEqualTo(v.key());
  }

  @Test
  void advisorResolved_isOk_andLowImpactOpenIsWarning() {
    String d =
        "{\"resourceArn\": \"arn:aws:ses:us-east-1:111122223333:identity/example.com\", \"type\": \"BIMI\", \"impact\": \"LOW\"}";
    assertThat(AwsStatusEvents.verdict(AwsStatusEvents.ADVISOR_RESOLVED, Json.read(d)).level())
        .isEqualTo(Level.OK);
    assertThat(AwsStatusEvents.verdict(AwsStatusEvents.ADVISOR_OPEN, Json.read(d)).level())
        .isEqualTo(Level.WARNING);
  }

  @Test
  void sendingStatus_withATenantArn_isTheTenantsVerdict_withItsScope_elseTheAccountsSendingCheck() {
    Verdict t =
        AwsStatusEvents.verdict(
            AwsStatusEvents.SENDING_DISABLED,
            Json.read(
                """
        {"reputationEntityReference": "arn:aws:ses:us-east-1:111122223333:tenant/globex/t-1", "cause": "Bounce rate above 10%"}"""));
    assertThat(t.key()).isEqualTo("tenant#globex");
    assertThat(t.scope()).isEqualTo("tenant:globex");
    assertThat(t.level()).isEqualTo(Level.CRITICAL);
    assertThat(t.headline()).isEqualTo("tenant globex paused by AWS: Bounce rate above 10%");
    Verdict a = AwsStatusEvents.verdict(AwsStatusEvents.SENDING_ENABLED, Json.read("{}"));
    assertThat(a.key()).isEqualTo("sending_enabled");
    assertThat(a.scope()).isNull();
    assertThat(a.level()).isEqualTo(Level.OK);
  }

  @Test
  void advisorEventWithoutResourceOrType_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                AwsStatusEvents.verdict(
                    AwsStatusEvents.ADVISOR_OPEN, Json.read("{\"type\": \"SPF\"}")))
        .hasMessage("detail.resourceArn: missing");
    assertThatThrownBy(
            () ->
                AwsStatusEvents.verdict(
                    AwsStatusEvents.ADVISOR_OPEN, Json.read("{\"resourceArn\": \"arn:x\"}")))
        .hasMessage("detail.type: missing");
  }
}
