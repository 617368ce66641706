package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST .../identities/{identity}/notification-topic over the in-memory SES port: a dry run changes
 * nothing; apply sets the three topics and the next apply has nothing to do; errors name the
 * parameter.
 */
class ConnectNotificationsTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:ses-ops-notifications";
  private final ApiFixture f = new ApiFixture();

  private static JsonNode body(ApiResponse r) {
    return r.body();
  }

  @Test
  void dryRun_listsTheThreeChanges_andChangesNothing() {
    f.ses.identities.put("example.com", "Success");

    ApiResponse r =
        f.call(
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of("topic", TOPIC),
            null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r).path("action").asText()).isEqualTo("planned");
    assertThat(body(r).path("changes").findValuesAsText("type"))
        .containsExactly("Bounce", "Complaint", "Delivery");
    assertThat(body(r).path("changes").get(0).path("from").isNull()).isTrue();
    assertThat(f.ses.notificationTopics).isEmpty();
  }

  @Test
  void apply_setsBounceComplaintAndDelivery_thenASecondApplyIsUnchanged() {
    f.ses.identities.put("example.com", "Success");

    ApiResponse applied =
        f.call(
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of("topic", TOPIC, "apply", "true"),
            null);
    ApiResponse again =
        f.call(
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of("topic", TOPIC, "apply", "true"),
            null);

    assertThat(body(applied).path("action").asText()).isEqualTo("done");
    assertThat(f.ses.notificationTopics.get("example.com"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Bounce", TOPIC, "Complaint", TOPIC, "Delivery", TOPIC));
    assertThat(body(again).path("action").asText()).isEqualTo("unchanged");
    assertThat(body(again).path("changes").size()).isZero();
  }

  @Test
  void withoutTopic_andWithoutAwsAccountId_is400NamingTopic_andAnUnknownIdentityIs404() {
    f.ses.identities.put("example.com", "Success");

    ApiResponse noTopic =
        f.call(
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of(),
            null);
    ApiResponse badTopic =
        f.call(
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of("topic", "arn:aws:sqs:us-east-1:111122223333:q"),
            null);
    ApiResponse unknown =
        f.call(
            "POST",
            "/accounts/production/identities/nowhere.example/notification-topic",
            Map.of("topic", TOPIC),
            null);

    assertThat(noTopic.status()).isEqualTo(400);
    assertThat(body(noTopic).at("/error/message").asText()).contains("topic", "aws_account_id");
    assertThat(badTopic.status()).isEqualTo(400);
    assertThat(body(badTopic).at("/error/message").asText()).contains("expected an SNS topic ARN");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(f.ses.notificationTopics).isEmpty();
  }
}
