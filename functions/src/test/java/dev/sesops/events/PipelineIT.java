package dev.sesops.events;

import static dev.sesops.signals.SignalsFixture.signal;
import static dev.sesops.signals.SignalsFixture.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.local.LocalContext;
import dev.sesops.permissions.SesPermissions;
import dev.sesops.signals.SignalsFixture;
import dev.sesops.testing.Grants;
import dev.sesops.testing.RecordedCalls;
import dev.sesops.testing.SesSignalsStub;
import dev.sesops.wiring.EventsFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * The pipeline check against the events function's real counters: an account that sent mail and has
 * an EventBridge destination but whose events stopped is WARNING (one alert); once the real events
 * handler has counted an event, it recovers; without any event destination it is not alerted.
 */
class PipelineIT {
  private SignalsFixture fx;

  @BeforeEach
  void setUp() {
    fx = new SignalsFixture();
    // the quota's SentLast24Hours (moto) counts this send, made with the monitored account's own
    // credentials (its role)
    SesClient ses =
        fx.clients.ses(
            dev.sesops.config.ConfigParser.parse(SignalsFixture.CONFIG).account("production"));
    ses.verifyEmailIdentity(r -> r.emailAddress("noreply@example.com"));
    ses.sendEmail(
        r ->
            r.source("noreply@example.com")
                .destination(d -> d.toAddresses("success@simulator.amazonses.com"))
                .message(
                    m ->
                        m.subject(s -> s.data("pipeline")).body(b -> b.text(t -> t.data("test")))));
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private void bounceEventNow() throws Exception {
    bounceEventAt(Instant.now().minusSeconds(60));
  }

  private void bounceEventAt(Instant at) throws Exception {
    String sample;
    try (InputStream in =
        PipelineIT.class.getResourceAsStream("/events/events/eventbridge-bounce.json")) {
      sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String now = at.toString();
    String event = sample.replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", now);
    EventsHandler handler =
        new EventsHandler(EventsFunction.processor(fx.settings, fx.clients, Clock.systemUTC()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("events", Duration.ofMinutes(5)));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"batchItemFailures\":[]");
  }

  @Test
  void eventsAndMonitor_callOnlyWhatTheirRolesAndMemberSessionsGrant_theMonitorUsesEachSesGrant()
      throws Exception {
    // the events function counts a bounce (8 hours old, so the monitor finds the pipeline stale)
    RecordedCalls.start();
    bounceEventAt(Instant.now().minus(Duration.ofHours(8)));
    Set<String> events = RecordedCalls.stop();
    System.out.println("events made " + events.size() + " kinds of AWS calls: " + events);
    assertThat(Grants.assertGranted("events", "events", events))
        .as("without protection the events function calls no SES operation")
        .isEmpty();
    assertThat(events).contains("dynamodb:BatchGetItem", "dynamodb:PutItem");

    // every source the monitor reads has something to answer: findings, a tenant paused by AWS
    // (the reputation entities), mailbox-provider metrics, a configuration set whose destination
    // the stale pipeline is checked against
    fx.ses.finding(
        "arn:aws:ses:us-east-1:111122223333:identity/example.com",
        "DMARC",
        "HIGH",
        "OPEN",
        "DMARC is not configured for example.com.");
    fx.ses.healthyTenant("acme");
    fx.ses.tenant(
        new SesSignalsStub.Tenant(
            "globex",
            "DISABLED",
            "ENABLED",
            null,
            "DISABLED",
            "Bounce rate above 10%",
            "arn:aws:ses:::reputation-policy/standard"));
    // a tenant in a status no listing covers: its reputation entity is read on its own
    fx.ses.tenant(
        new SesSignalsStub.Tenant(
            "initech",
            "PENDING",
            "ENABLED",
            null,
            "ENABLED",
            null,
            "arn:aws:ses:::reputation-policy/standard"));
    fx.ses.configurationSet("newsletter", true);
    fx.ses.metric("Gmail", "SEND", 1000);
    RecordedCalls.start();
    fx.monitor();
    Set<String> monitor = RecordedCalls.stop();
    System.out.println("monitor made " + monitor.size() + " kinds of AWS calls: " + monitor);
    Set<String> member = Grants.assertGranted("monitor", "monitor", monitor);
    assertThat(monitor).contains("sns:Publish", "dynamodb:Query");
    // the reverse: each SES grant of the monitor's list is a call it made
    assertThat(member).containsAll(SesPermissions.MONITOR);
  }

  @Test
  void eventsStoppedArriving_isOneWarning_andTheFirstCountedEventRecoversIt() throws Exception {
    fx.ses.configurationSet("newsletter", true);
    // never connected: nothing stopped, no alert, no SES call
    assertThat(signal(fx.monitor(), "pipeline").display()).isEqualTo("no events in 15 days");
    assertThat(fx.ses.calls(SesSignalsStub.CONFIG_SETS)).isZero();
    assertThat(fx.alerts()).isEmpty();
    bounceEventAt(Instant.now().minus(Duration.ofHours(8))); // the last event, 8 hours ago

    Signal stale = signal(fx.monitor(), "pipeline");
    assertThat(stale.level()).isEqualTo(Level.WARNING);
    assertThat(stale.display()).isEqualTo("events from production stopped arriving (last 8 h ago)");
    List<JsonNode> alerts = fx.alerts();
    assertThat(subjects(alerts))
        .containsExactly(
            "[WARNING] production: events from production stopped arriving (last 8 h ago)");
    assertThat(alerts.get(0).path("Message").asText())
        .contains("EventBridge rule that forwards aws.ses events");
    assertThat(fx.monitor().summary().get("alerts_sent")).isZero();

    bounceEventNow(); // counted by the events function under the AWS account id (no aws_account_id
    // in the config)
    fx.ses.resetCounts();
    Signal fresh = signal(fx.monitor(), "pipeline");
    assertThat(fresh.level()).isEqualTo(Level.OK);
    assertThat(fresh.display()).startsWith("last event ");
    assertThat(fx.ses.calls(SesSignalsStub.CONFIG_SETS))
        .isZero(); // a healthy pipeline costs no SES call
    assertThat(subjects(fx.alerts()))
        .singleElement()
        .asString()
        .startsWith("[OK] production: pipeline recovered");
  }

  @Test
  void noEventDestination_isNotAlerted() throws Exception {
    fx.ses.configurationSet("transactional", false); // its only destination is disabled
    bounceEventAt(Instant.now().minus(Duration.ofHours(8)));
    Signal s = signal(fx.monitor(), "pipeline");
    assertThat(s.level()).isEqualTo(Level.UNKNOWN);
    assertThat(s.display()).isEqualTo("no event destination");
    assertThat(fx.alerts()).isEmpty();
  }
}
