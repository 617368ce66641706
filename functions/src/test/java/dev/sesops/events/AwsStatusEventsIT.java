package dev.sesops.events;

import static dev.sesops.signals.SignalsFixture.signal;
import static dev.sesops.signals.SignalsFixture.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.core.Level;
import dev.sesops.local.LocalContext;
import dev.sesops.signals.SignalsFixture;
import dev.sesops.testing.SesSignalsStub.Tenant;
import dev.sesops.wiring.EventsFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SES's own status events through the real events handler (SQS event in, SNS alert out, alert state
 * in DynamoDB on moto) next to real monitor runs: whichever sees a finding, a paused tenant or a
 * disabled account first sends the one alert; the other stays quiet.
 */
class AwsStatusEventsIT {
  private static final String DMARC_ARN = "arn:aws:ses:us-east-1:111122223333:identity/example.com";
  private static final String GLOBEX_ARN =
      "arn:aws:ses:us-east-1:111122223333:tenant/globex/t-5a1e0c3f";

  private SignalsFixture fx;
  private EventsHandler handler;

  @BeforeEach
  void setUp() {
    fx = new SignalsFixture();
    handler =
        new EventsHandler(EventsFunction.processor(fx.settings, fx.clients, Clock.systemUTC()));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private JsonNode invoke(String sample) throws Exception {
    byte[] event;
    try (InputStream in = AwsStatusEventsIT.class.getResourceAsStream("/events/events/" + sample)) {
      assertThat(in).as(sample).isNotNull();
      event = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event), out, new LocalContext("events", Duration.ofMinutes(5)));
    return Json.read(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void advisorEventThenMonitorRun_sameFinding_oneAlert_andTheResolvedEventIsTheOneRecovery()
      throws Exception {
    JsonNode out = invoke("eventbridge-advisor-open.json");
    assertThat(out.path("batchItemFailures")).isEmpty();
    List<JsonNode> first = fx.alerts();
    assertThat(subjects(first))
        .containsExactly("[CRITICAL] production: HIGH DMARC finding on example.com");
    assertThat(first.get(0).path("Message").asText())
        .contains("has no DMARC record")
        .contains("Source:     EventBridge");

    // the monitor's next run lists the same finding: nothing more
    fx.ses.finding(DMARC_ARN, "DMARC", "HIGH", "OPEN", "DMARC is not configured.");
    assertThat(signal(fx.monitor(), "ses_findings").level()).isEqualTo(Level.CRITICAL);
    assertThat(fx.alerts()).isEmpty();

    // resolved: the event tells it, the monitor that then sees it FIXED stays quiet
    invoke("eventbridge-advisor-resolved.json");
    assertThat(subjects(fx.alerts()))
        .containsExactly("[OK] production: DMARC finding on example.com resolved");
    fx.ses.finding(DMARC_ARN, "DMARC", "HIGH", "FIXED", "DMARC is configured.");
    fx.monitor();
    assertThat(fx.alerts()).isEmpty();
  }

  @Test
  void monitorRunThenSendingStatusEvent_samePausedTenant_oneAlert_reinstatedByTheEnabledEvent()
      throws Exception {
    fx.ses.tenant(
        new Tenant(
            "globex",
            "DISABLED",
            "ENABLED",
            null,
            "DISABLED",
            "Bounce rate above 10%",
            "arn:aws:ses:::reputation-policy/standard"));
    fx.monitor();
    assertThat(subjects(fx.alerts()))
        .containsExactly(
            "[CRITICAL] production: tenant globex paused by AWS: Bounce rate above 10%");

    JsonNode out = invoke("eventbridge-sending-disabled-tenant.json");
    assertThat(out.path("batchItemFailures")).isEmpty();
    assertThat(fx.alerts()).isEmpty(); // the monitor told it already

    invoke("eventbridge-sending-enabled-tenant.json");
    List<JsonNode> back = fx.alerts();
    assertThat(subjects(back))
        .containsExactly("[OK] production: tenant globex reinstated (ENABLED)");
    assertThat(back.get(0).path("MessageAttributes").path("scope").path("Value").asText())
        .isEqualTo("tenant:globex");
    fx.ses.healthyTenant("globex");
    fx.monitor();
    assertThat(fx.alerts()).isEmpty();
  }

  @Test
  void accountSendingDisabledEvent_alertsOnce_andTheMonitorSeeingItToo_staysQuiet()
      throws Exception {
    fx.monitor(); // state for the account's checks exists, all OK
    assertThat(fx.alerts()).isEmpty();

    invoke("eventbridge-sending-disabled-account.json");
    List<JsonNode> a = fx.alerts();
    assertThat(subjects(a)).containsExactly("[CRITICAL] production: sending disabled");
    assertThat(a.get(0).path("MessageAttributes").path("check").path("Value").asText())
        .isEqualTo("sending_enabled");
    assertThat(a.get(0).path("Message").asText()).contains("complaint rate is above 0.5%");

    fx.ses.sendingEnabled(false);
    assertThat(signal(fx.monitor(), "sending_enabled").level()).isEqualTo(Level.CRITICAL);
    assertThat(fx.alerts()).isEmpty();
  }

  @Test
  void statusEventWithoutItsResource_isRejectedNotRetried_andAlertsNothing() throws Exception {
    JsonNode out = invoke("malformed-advisor-no-resource.json");
    assertThat(out.path("batchItemFailures")).isEmpty();
    assertThat(fx.alerts()).isEmpty();
  }

  @Test
  void
      tenantPausedEvent_inTheTenantsGuideShape_alertsThatTenantOnce_andTheMonitorAfterItStaysQuiet()
          throws Exception {
    fx.monitor();
    assertThat(fx.alerts()).isEmpty();

    JsonNode out = invoke("eventbridge-sending-disabled-tenant-guide.json");
    assertThat(out.path("batchItemFailures")).isEmpty();
    List<JsonNode> a = fx.alerts();
    assertThat(subjects(a))
        .containsExactly(
            "[CRITICAL] production: tenant globex paused by AWS: Bounce rate above 10%");
    assertThat(a.get(0).path("MessageAttributes").path("scope").path("Value").asText())
        .isEqualTo("tenant:globex");
    assertThat(a.get(0).path("MessageAttributes").path("check").path("Value").asText())
        .isNotEqualTo("sending_enabled");

    // the monitor then reads the same paused tenant from SES: nothing more
    fx.ses.tenant(
        new Tenant(
            "globex",
            "DISABLED",
            "ENABLED",
            null,
            "DISABLED",
            "Bounce rate above 10%",
            "arn:aws:ses:::reputation-policy/standard"));
    fx.monitor();
    assertThat(fx.alerts()).isEmpty();

    invoke("eventbridge-sending-enabled-tenant-guide.json");
    assertThat(subjects(fx.alerts()))
        .containsExactly("[OK] production: tenant globex reinstated (ENABLED)");
  }

  @Test
  void advisorEvents_withTheirFieldsUnderDetailData_andAClosedEvent_areOneFindingAndItsRecovery()
      throws Exception {
    invoke("eventbridge-advisor-open-data.json");
    assertThat(subjects(fx.alerts()))
        .containsExactly("[CRITICAL] production: HIGH DMARC finding on example.com");

    JsonNode out = invoke("eventbridge-advisor-closed-data.json");
    assertThat(out.path("batchItemFailures")).isEmpty();
    assertThat(subjects(fx.alerts()))
        .containsExactly("[OK] production: DMARC finding on example.com resolved");
  }
}
