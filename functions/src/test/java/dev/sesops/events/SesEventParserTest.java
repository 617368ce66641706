package dev.sesops.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SesEventParserTest {
  static JsonNode sample(String name) throws Exception {
    try (InputStream in = SesEventParserTest.class.getResourceAsStream("/events/events/" + name)) {
      return Json.read(in);
    }
  }

  static List<SesEvent> parseAll(JsonNode sqs) {
    List<SesEvent> out = new ArrayList<>();
    for (JsonNode r : sqs.path("Records")) {
      out.add(SesEventParser.parse(Envelope.decode(r.path("body").asText())));
    }
    return out;
  }

  @Test
  void eventBridge_readsAllSixDetailTypes_withAccountScopesAndRecipientDomainOnly()
      throws Exception {
    List<SesEvent> events = parseAll(sample("eventbridge-all-types.json"));

    assertThat(events)
        .extracting(SesEvent::kind)
        .containsExactly(
            EventKind.SEND,
            EventKind.DELIVERY,
            EventKind.BOUNCE,
            EventKind.COMPLAINT,
            EventKind.REJECT,
            EventKind.DELIVERY_DELAY);
    SesEvent bounce = events.get(2);
    assertThat(bounce.awsAccountId()).isEqualTo("111122223333");
    assertThat(bounce.configurationSet()).isEqualTo("newsletter");
    assertThat(bounce.fromDomain()).isEqualTo("news.example.com");
    assertThat(bounce.recipientDomains()).containsExactly("simulator.amazonses.com");
    assertThat(bounce.hardBounce()).isTrue();
    assertThat(bounce.time()).isEqualTo(Instant.parse("2026-12-03T06:00:03.669Z"));
    assertThat(events.get(3).feedbackType()).isEqualTo("abuse");
    assertThat(events.get(0).time()).isEqualTo(Instant.parse("2026-12-03T06:00:02.012Z"));
    assertThat(events.toString()).doesNotContain("bounce@simulator");
  }

  @Test
  void sns_readsTheMessageAsTheSesEvent_accountFromSendingAccountId() throws Exception {
    List<SesEvent> events = parseAll(sample("sns-bounce-and-send.json"));

    assertThat(events).extracting(SesEvent::kind).containsExactly(EventKind.BOUNCE, EventKind.SEND);
    assertThat(events).extracting(SesEvent::awsAccountId).containsOnly("111122223333");
    assertThat(events.get(0).configurationSet()).isEqualTo("newsletter");
  }

  @Test
  void tenant_comesFromTheSesTenantNameTag() {
    JsonNode d =
        EventFactory.detail(
            "BOUNCE",
            "cs",
            "a.example",
            "x@Mixed.Example.ORG",
            Instant.parse("2026-12-03T06:00:00Z"),
            1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("mail").get("tags"))
        .putArray("ses:tenant-name")
        .add("acme");

    SesEvent e = SesEventParser.parse(new Envelope(Envelope.Form.BARE, "aws.ses", null, null, d));

    assertThat(e.tenant()).isEqualTo("acme");
    assertThat(e.recipientDomains()).containsExactly("mixed.example.org");
  }

  @Test
  void identityNotification_withoutTags_takesTheFromDomainFromTheSource() {
    JsonNode d =
        Json.read(
            "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Transient\",\"bouncedRecipients\":"
                + "[{\"emailAddress\":\"a@b.example\"}],\"timestamp\":\"2026-12-03T06:00:00Z\"},\"mail\":{\"timestamp\":\"2026-12-03T05:59:00Z\","
                + "\"source\":\"Shop <orders@Shop.Example>\",\"sendingAccountId\":\"111122223333\",\"messageId\":\"m1\",\"destination\":[\"a@b.example\"]}}");

    SesEvent e = SesEventParser.parse(new Envelope(Envelope.Form.BARE, "aws.ses", null, null, d));

    assertThat(e.fromDomain()).isEqualTo("shop.example");
    assertThat(e.configurationSet()).isNull();
    assertThat(e.hardBounce()).isFalse();
  }

  @Test
  void malformed_recordsAreRejectedWithAReasonThatQuotesNoInput() throws Exception {
    JsonNode recs = sample("malformed-mixed.json").path("Records");

    assertThatThrownBy(() -> Envelope.decode(recs.get(1).path("body").asText()))
        .isInstanceOf(RejectedInputException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining("aws.ses");
    assertThatThrownBy(() -> Envelope.decode(recs.get(2).path("body").asText()))
        .isInstanceOf(RejectedInputException.class)
        .hasMessageContaining("neither");
    Envelope unknownType = Envelope.decode(recs.get(3).path("body").asText());
    assertThatThrownBy(() -> SesEventParser.parse(unknownType))
        .hasMessageContaining("unknown SES detail type");
    assertThatThrownBy(
            () -> SesEventParser.parse(Envelope.decode(recs.get(4).path("body").asText())))
        .hasMessageContaining("12-digit sending account id");
    assertThat(SesEventParser.parse(Envelope.decode(recs.get(5).path("body").asText()))).isNull();
  }

  @Test
  void domainOf_keepsOnlyAPlausibleLowerCaseDomain() {
    assertThat(SesEventParser.domainOf("Name <A@Example.COM>")).isEqualTo("example.com");
    assertThat(SesEventParser.domainOf("no-at-sign")).isNull();
    assertThat(SesEventParser.domainOf("a@exa mple.com")).isEqualTo("(invalid)");
  }

  @Test
  void undeterminedBounce_isSoft_notHard() throws Exception {
    SesEvent e =
        SesEventParser.parse(
            Envelope.decode(
                sample("eventbridge-bounce-undetermined.json")
                    .path("Records")
                    .get(0)
                    .path("body")
                    .asText()));
    assertThat(e.kind()).isEqualTo(EventKind.BOUNCE);
    assertThat(e.hardBounce()).isFalse();
    assertThat(ExactCounter.delta(e)[3]).isEqualTo(1);
  }

  @Test
  void eventIdentity_isTheEnvelopesId_theSameUnderAnotherSqsMessage_andDiffersBetweenEvents()
      throws Exception {
    JsonNode all = sample("eventbridge-all-types.json").path("Records");
    SesEvent a = SesEventParser.parse(Envelope.decode(all.get(0).path("body").asText()));
    SesEvent again = SesEventParser.parse(Envelope.decode(all.get(0).path("body").asText()));
    SesEvent b = SesEventParser.parse(Envelope.decode(all.get(1).path("body").asText()));
    assertThat(a.key()).isEqualTo(again.key()).isNotEqualTo(b.key());
    assertThat(a.region()).isEqualTo("us-east-1");
  }
}
