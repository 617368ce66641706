package dev.sesops.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.core.Alert;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendingEventCounterTest {
  static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "111122223333"}}}""";
  static final Instant NOW = Instant.parse("2026-12-03T06:03:00Z");

  private Fakes.InMemoryCounterStore store;
  private Fakes.InMemoryAlertState alertState;
  private Fakes.RecordingPublisher publisher;
  private EventsProcessor processor;
  private MutableClock clock;

  @BeforeEach
  void setUp() {
    store = new Fakes.InMemoryCounterStore();
    alertState = new Fakes.InMemoryAlertState();
    publisher = new Fakes.RecordingPublisher();
    clock = new MutableClock(NOW);
    processor =
        new EventsProcessor(
            List.of(
                new SendingEventCounter(
                    FixedConfig.of(CONFIG), store, () -> new ScopeAlerter(alertState, publisher))),
            List.of(),
            clock);
  }

  private JsonNode handle(JsonNode event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new EventsHandler(processor)
        .handleRequest(
            new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
            out,
            new dev.sesops.local.LocalContext("events", java.time.Duration.ofMinutes(1)));
    return Json.read(out.toString(StandardCharsets.UTF_8));
  }

  private Counts total(String account, Scope scope) {
    return store.window(account, scope, Window.H24, clock.instant());
  }

  private static final Scope NEWSLETTER = new Scope(ScopeKind.CONFIGURATION_SET, "newsletter");

  @Test
  void sampleBatch_countsEveryTypeUnderEveryScope_inOneWritePerItem() throws Exception {
    JsonNode out = handle(SesEventParserTest.sample("eventbridge-all-types.json"));

    assertThat(out.path("batchItemFailures")).isEmpty();
    Counts cs = total("production", NEWSLETTER);
    assertThat(cs).isEqualTo(new Counts(1, 1, 1, 0, 1, 1, 1));
    assertThat(total("production", new Scope(ScopeKind.ACCOUNT, "production")).sends())
        .isEqualTo(1);
    assertThat(
            total("production", new Scope(ScopeKind.FROM_DOMAIN, "news.example.com")).hardBounces())
        .isEqualTo(1);
    assertThat(
            total("production", new Scope(ScopeKind.RECIPIENT_DOMAIN, "simulator.amazonses.com"))
                .delays())
        .isEqualTo(1);
    // the whole batch in one transaction: one read, one write
    assertThat(store.commits).isEqualTo(1);
    assertThat(store.gets).isEqualTo(1);
    assertThat(store.query(ExactCounter.windowPk("production"), "").stream().map(i -> i.key().sk()))
        .contains("configuration-set:newsletter", "recipient-domain:simulator.amazonses.com");
  }

  @Test
  void redeliveredBatch_changesNoCounter() throws Exception {
    JsonNode batch = SesEventParserTest.sample("eventbridge-all-types.json");
    handle(batch);
    Counts before = total("production", NEWSLETTER);

    JsonNode again = handle(batch);

    assertThat(again.path("batchItemFailures")).isEmpty();
    assertThat(total("production", NEWSLETTER)).isEqualTo(before);
  }

  @Test
  void malformedRecords_areDroppedNotRetried_andNeverBlockTheRest() throws Exception {
    BatchReport report = processor.process(SesEventParserTest.sample("malformed-mixed.json"));

    assertThat(report.retry()).isEmpty();
    assertThat(report.rejected()).isEqualTo(4);
    assertThat(report.consumers().get("sending_events"))
        .containsEntry("counted", 1)
        .containsEntry("ignored", 1);
    assertThat(report.consumers().get("sending_events")).containsEntry("already_counted", 0);
    assertThat(total("production", NEWSLETTER).hardBounces()).isEqualTo(1);
  }

  @Test
  void writeFault_handsEveryCountedRecordBack_andNotTheRejectedOnes() throws Exception {
    store.failWrites = true;

    JsonNode out = handle(SesEventParserTest.sample("malformed-mixed.json"));

    assertThat(out.path("batchItemFailures")).hasSize(1);
    assertThat(out.path("batchItemFailures").get(0).path("itemIdentifier").asText())
        .isEqualTo("059f36b4-87a3-44ab-83d2-000000000001");
  }

  @Test
  void snsEnvelopes_areCountedLikeEventBridgeEvents() throws Exception {
    JsonNode out = handle(SesEventParserTest.sample("sns-bounce-and-send.json"));

    assertThat(out.path("batchItemFailures")).isEmpty();
    Counts cs = total("production", NEWSLETTER);
    assertThat(cs.sends()).isEqualTo(1);
    assertThat(cs.hardBounces()).isEqualTo(1);
  }

  @Test
  void otherDetailTypes_areLeftToTheirOwnConsumer_andRejectedWithoutOne() {
    String status =
        "{\"detail-type\": \"Sending Status Disabled\", \"source\": \"aws.ses\", \"account\": \"111122223333\", \"detail\": {}}";
    List<String> seen = new ArrayList<>();
    EventsProcessor withStatus =
        processor.withConsumer(
            new EventConsumer() {
              @Override
              public String name() {
                return "sending_status";
              }

              @Override
              public boolean accepts(Envelope e) {
                return "Sending Status Disabled".equals(e.detailType());
              }

              @Override
              public ConsumerResult consume(List<InboundEvent> events, Instant now) {
                events.forEach(e -> seen.add(e.messageId()));
                return new ConsumerResult(
                    java.util.Set.of(), Map.of(), Map.of("seen", events.size()));
              }
            });
    List<BatchReport> after = new ArrayList<>();

    BatchReport without = processor.process(EventFactory.sqsEvent("s", List.of(status)));
    withStatus.withHook(after::add).process(EventFactory.sqsEvent("t", List.of(status)));

    assertThat(without.rejected()).isEqualTo(1);
    assertThat(seen).containsExactly("t-0");
    assertThat(after)
        .singleElement()
        .satisfies(r -> assertThat(r.consumers()).containsKey("sending_status"));
  }

  @Test
  void unknownAccount_isCountedUnderItsId() throws Exception {
    BatchReport r = processor.process(SesEventParserTest.sample("unknown-account.json"));

    assertThat(r.consumers().get("sending_events").get("unknown_accounts"))
        .isEqualTo(List.of("999988887777-us-east-1"));
    assertThat(total("999988887777-us-east-1", NEWSLETTER).hardBounces()).isEqualTo(1);
  }

  @Test
  void configSetAt12PercentOver300Sends_alertsOnceWithItsScope_healthyOneDoesNot_recoveryIsTold() {
    List<String> bodies =
        new ArrayList<>(EventFactory.burst("bad", "bad.example", 300, 36, 0, NOW));
    bodies.addAll(EventFactory.burst("good", "good.example", 1000, 2, 0, NOW));

    processor.process(EventFactory.sqsEvent("b1", bodies));
    processor.process(
        EventFactory.sqsEvent("b2", EventFactory.burst("bad", "bad.example", 10, 1, 0, NOW)));

    List<Alert> bad =
        publisher.alerts.stream().filter(a -> "configuration-set:bad".equals(a.scope())).toList();
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).severity()).isEqualTo("CRITICAL");
    assertThat(bad.get(0).check()).isEqualTo("bounce_rate");
    assertThat(bad.get(0).account()).isEqualTo("production");
    assertThat(bad.get(0).subject())
        .isEqualTo(
            "[CRITICAL] production configuration-set:bad hard bounce rate 12.00% (36/300 sends, 1h)");
    assertThat(publisher.alerts).noneMatch(a -> "configuration-set:good".equals(a.scope()));
    assertThat(publisher.alerts)
        .noneMatch(a -> a.scope() == null); // the account as a whole stays below its levels

    // an hour later the bad bounces left the 1 h window; clean sending brings the rate back
    clock.advance(java.time.Duration.ofSeconds(3900));
    processor.process(
        EventFactory.sqsEvent(
            "b3", EventFactory.burst("bad", "bad.example", 400, 0, 0, NOW.plusSeconds(3900))));

    List<Alert> after =
        publisher.alerts.stream().filter(a -> "configuration-set:bad".equals(a.scope())).toList();
    assertThat(after).hasSize(2);
    assertThat(after.get(1).severity()).isEqualTo("OK");
    assertThat(after.get(1).subject())
        .startsWith("[OK] production configuration-set:bad hard bounce rate recovered");
  }

  @Test
  void belowMinimumVolume_noAlertEvenAtAHundredPercent() {
    processor.process(
        EventFactory.sqsEvent("b", EventFactory.burst("tiny", "tiny.example", 10, 10, 0, NOW)));

    assertThat(publisher.alerts).isEmpty();
  }

  @Test
  void failedPublish_givesTheClaimBack_soTheNextBatchAlerts() {
    publisher.fail = true;
    processor.process(
        EventFactory.sqsEvent("b1", EventFactory.burst("bad", "bad.example", 300, 36, 0, NOW)));
    publisher.fail = false;

    processor.process(
        EventFactory.sqsEvent("b2", EventFactory.burst("bad", "bad.example", 1, 0, 0, NOW)));

    assertThat(publisher.alerts)
        .anyMatch(
            a -> "configuration-set:bad".equals(a.scope()) && a.severity().equals("CRITICAL"));
  }

  @Test
  void sameEventUnderANewSqsMessageId_isCountedOnce() throws Exception {
    JsonNode batch = SesEventParserTest.sample("eventbridge-all-types.json");
    handle(batch);
    ((com.fasterxml.jackson.databind.node.ObjectNode) batch.path("Records").get(0))
        .put("messageId", "another-sqs-message");

    handle(batch);

    assertThat(total("production", NEWSLETTER)).isEqualTo(new Counts(1, 1, 1, 0, 1, 1, 1));
  }

  @Test
  void burstInOneConfigurationSet_isOneAlert_namingTheParentsItMoved_andOneRecovery() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "SEND", "promo", "promo.example", "u" + i + "@gmail.com", NOW, i));
      bodies.add(
          EventFactory.eventBridge(
              "SEND",
              "receipts",
              "shop.example",
              "r" + i + "@" + (i % 2 == 0 ? "gmail.com" : "yahoo.com"),
              NOW,
              i));
    }
    for (int i = 0; i < 36; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "BOUNCE", "promo", "promo.example", "u" + i + "@gmail.com", NOW, i));
    }

    processor.process(EventFactory.sqsEvent("b1", bodies));

    // raw levels: promo 12% CRITICAL, the account 6% WARNING, promo.example 12% CRITICAL, gmail.com
    // 8% WARNING
    assertThat(publisher.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.scope()).isEqualTo("configuration-set:promo");
              assertThat(a.severity()).isEqualTo("CRITICAL");
              assertThat(a.body())
                  .contains("Root cause: configuration-set:promo explains")
                  .contains("account:production (WARNING")
                  .contains("from-domain:promo.example (CRITICAL")
                  .contains("recipient-domain:gmail.com (WARNING");
            });

    // an hour on, clean mail: one recovery, and the parents never alerted so they say nothing
    clock.advance(java.time.Duration.ofSeconds(3900));
    List<String> clean = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      clean.add(
          EventFactory.eventBridge(
              "SEND", "promo", "promo.example", "n" + i + "@gmail.com", NOW.plusSeconds(3900), i));
    }
    processor.process(EventFactory.sqsEvent("b2", clean));
    assertThat(publisher.alerts).hasSize(2);
    assertThat(publisher.alerts.get(1).severity()).isEqualTo("OK");
    assertThat(publisher.alerts.get(1).scope()).isEqualTo("configuration-set:promo");
  }

  @Test
  void twoBreachingSets_explainTheAccountAndTheDomainsTheySendTo_noParentAlerts() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "SEND", "promo", "brand.example", "u" + i + "@gmail.com", NOW, i));
      bodies.add(
          EventFactory.eventBridge(
              "SEND", "receipts", "brand.example", "r" + i + "@yahoo.com", NOW, i));
    }
    for (int i = 0; i < 36; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "BOUNCE", "promo", "brand.example", "u" + i + "@gmail.com", NOW, i));
      // yahoo.com bounces receipts' mail on its own: not promo's doing
      bodies.add(
          EventFactory.eventBridge(
              "BOUNCE", "receipts", "brand.example", "r" + i + "@yahoo.com", NOW, i));
    }

    processor.process(EventFactory.sqsEvent("b1", bodies));

    assertThat(publisher.alerts)
        .extracting(Alert::scope)
        .contains("configuration-set:promo", "configuration-set:receipts");
    // both sets breach, and together they explain the account and the shared from-domain; each
    // domain is one set's
    assertThat(publisher.alerts)
        .extracting(Alert::scope)
        .doesNotContain("recipient-domain:yahoo.com", "recipient-domain:gmail.com");
  }

  @Test
  void identityNotifications_withoutSendEvents_areJudgedOnDeliveryAttempts_andTheAlertSaysSo() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 336; i++) {
      boolean bounce = i < 36;
      String mail =
          "{\"timestamp\":\""
              + NOW
              + "\",\"source\":\"noreply@legacy.example\",\"sourceArn\":"
              + "\"arn:aws:ses:us-east-1:111122223333:identity/legacy.example\",\"sendingAccountId\":\"111122223333\","
              + "\"messageId\":\"0100-id-"
              + i
              + "\",\"destination\":[\"x"
              + i
              + "@example.net\"]}";
      String message =
          bounce
              ? "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
                  + "\"bouncedRecipients\":[{\"emailAddress\":\"x"
                  + i
                  + "@example.net\"}],\"timestamp\":\""
                  + NOW
                  + "\"},\"mail\":"
                  + mail
                  + "}"
              : "{\"notificationType\":\"Delivery\",\"delivery\":{\"timestamp\":\""
                  + NOW
                  + "\",\"recipients\":[\"x"
                  + i
                  + "@example.net\"]},\"mail\":"
                  + mail
                  + "}";
      bodies.add(
          "{\"Type\":\"Notification\",\"MessageId\":\"sns-"
              + i
              + "\",\"TopicArn\":\"arn:aws:sns:us-east-1:111122223333:ses-bounces\","
              + "\"Timestamp\":\""
              + NOW
              + "\",\"Message\":"
              + dev.sesops.common.Json.write(
                  com.fasterxml.jackson.databind.node.TextNode.valueOf(message))
              + "}");
    }

    processor.process(EventFactory.sqsEvent("n", bodies));

    Counts from = total("production", new Scope(ScopeKind.FROM_DOMAIN, "legacy.example"));
    assertThat(from.sends()).isZero();
    assertThat(from.denominator()).isEqualTo(Counts.Denominator.DELIVERY_ATTEMPTS);
    assertThat(from.bounceRate())
        .isCloseTo(36 * 100.0 / 336, org.assertj.core.data.Offset.offset(0.001));
    assertThat(publisher.alerts)
        .filteredOn(a -> "from-domain:legacy.example".equals(a.scope()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subject()).contains("10.71% (36/336 delivery attempt");
              assertThat(a.body())
                  .contains("36 hard bounces of 336 delivery attempts")
                  .contains("Divided by: delivery attempts");
            });
  }

  @Test
  void tenantInTheDocumentedShape_countsItsSendsByTheSendersTag_andWithoutItHasNoRate() {
    List<String> tagged = new ArrayList<>();
    List<String> untagged = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String send =
          EventFactory.eventBridge("SEND", "cs", "brand.example", "u" + i + "@example.net", NOW, i);
      tagged.add(
          send.replace(
              "\"ses:operation\":[\"SendEmail\"]",
              "\"ses:operation\":[\"SendEmail\"],\"ses-ops-tenant\":[\"acme\"]"));
      untagged.add(
          EventFactory.eventBridge(
              "SEND", "cs2", "other.example", "v" + i + "@example.net", NOW, i));
    }
    for (int i = 0; i < 36; i++) {
      // SES's bounce notification of a tenant's mail carries ses:tenant-name (and the sender's own
      // tags)
      tagged.add(
          EventFactory.eventBridge(
                  "BOUNCE", "cs", "brand.example", "u" + i + "@example.net", NOW, i)
              .replace(
                  "\"ses:operation\":[\"SendEmail\"]",
                  "\"ses:operation\":[\"SendEmail\"],\"ses:tenant-name\":[\"acme\"],\"ses-ops-tenant\":[\"acme\"]"));
      untagged.add(
          EventFactory.eventBridge(
                  "BOUNCE", "cs2", "other.example", "v" + i + "@example.net", NOW, i)
              .replace(
                  "\"ses:operation\":[\"SendEmail\"]",
                  "\"ses:operation\":[\"SendEmail\"],\"ses:tenant-name\":[\"globex\"]"));
    }
    processor.process(EventFactory.sqsEvent("t", tagged));
    processor.process(EventFactory.sqsEvent("u", untagged));

    Counts acme = total("production", new Scope(ScopeKind.TENANT, "acme"));
    assertThat(acme.sends()).isEqualTo(300);
    assertThat(acme.bounceRate()).isEqualTo(12.0);
    Counts globex = total("production", new Scope(ScopeKind.TENANT, "globex"));
    assertThat(globex.hardBounces()).isEqualTo(36);
    assertThat(globex.denominator()).isEqualTo(Counts.Denominator.NONE);
    assertThat(publisher.alerts).noneMatch(a -> "tenant:globex".equals(a.scope()));
  }

  @Test
  void domainWithTroubleOfItsOwn_stillAlerts_besideTheSetThatBreachesElsewhere() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "SEND", "promo", "brand.example", "u" + i + "@gmail.com", NOW, i));
    }
    for (int i = 0; i < 1500; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "SEND",
              "receipts",
              "brand.example",
              "r" + i + "@" + (i % 5 == 0 ? "hotmail.com" : "icloud.com"),
              NOW,
              i));
    }
    for (int i = 0; i < 36; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "BOUNCE", "promo", "brand.example", "u" + i + "@gmail.com", NOW, i));
    }
    for (int i = 0; i < 40; i++) {
      // hotmail.com refuses 40 of receipts' 300 messages there (13%), while receipts as a whole
      // stays below its levels (2.7%)
      bodies.add(
          EventFactory.eventBridge(
              "BOUNCE", "receipts", "brand.example", "r" + (5 * i) + "@hotmail.com", NOW, i));
    }

    processor.process(EventFactory.sqsEvent("b1", bodies));

    assertThat(publisher.alerts)
        .extracting(Alert::scope)
        .contains("configuration-set:promo", "recipient-domain:hotmail.com")
        .doesNotContain("configuration-set:receipts", "account:production");
    // gmail.com alerts too: without cross counts, the account's 40 other bounces might have been
    // promo's outside
    // gmail.com, so promo cannot be shown to explain it; the bound errs towards an extra alert,
    // never a missed one
  }
}
