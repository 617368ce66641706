package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.cli.serve.LocalServerFixture;
import dev.sesops.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ses-ops connect-notifications ACCOUNT IDENTITY} with --local against SES v1 in moto: a dry
 * run changes nothing and lists the three changes; --apply makes the three
 * SetIdentityNotificationTopic calls, which moto accepts; an unknown identity is a 404, a bad topic
 * a 400 naming the parameter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectNotificationsIT {
  private LocalServerFixture server;

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return Json.read(out);
    }
  }

  @BeforeAll
  void start() throws IOException {
    server = LocalServerFixture.start();
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
  }

  private Run sesOps(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] line = new String[args.length + 1];
    line[0] = "--local";
    System.arraycopy(args, 0, line, 1, args.length);
    int rc =
        Cli.run(
            line,
            server.emulatorEnv(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            null,
            false);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void dryRun_changesNothing_thenApply_setsTheThreeTopicsInMoto() {
    String domain = "notify-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    String topic = "arn:aws:sns:us-east-1:123456789012:ses-ops-notifications";
    assertThat(sesOps("verify-domain", "production", domain).exit()).isZero();

    Run dry = sesOps("connect-notifications", "production", domain, "--topic", topic);

    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.json().path("dry_run").asBoolean()).isTrue();
    assertThat(dry.json().path("action").asText()).isEqualTo("planned");
    assertThat(dry.json().path("changes").findValuesAsText("type"))
        .containsExactly("Bounce", "Complaint", "Delivery");
    JsonNode unchanged = sesOps("notifications", "production", domain).json();
    assertThat(
            unchanged.path("bounce_topic").isMissingNode()
                || unchanged.path("bounce_topic").isNull())
        .as(unchanged.toString())
        .isTrue();

    Run applied =
        sesOps("connect-notifications", "production", domain, "--topic", topic, "--apply");

    // moto stores the topics (SetIdentityNotificationTopic answered 200 three times) but does not
    // return them
    // from GetIdentityNotificationAttributes, so the read-back and "unchanged" are
    // ConnectNotificationsTest's
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.json().path("dry_run").asBoolean()).isFalse();
    assertThat(applied.json().path("action").asText()).isEqualTo("done");
    assertThat(applied.json().path("changes").findValuesAsText("to"))
        .containsOnly(topic)
        .hasSize(3);
  }

  @Test
  void anUnknownIdentity_is404_andABadTopic_is400NamingTheParameter() {
    Run unknown =
        sesOps(
            "connect-notifications",
            "production",
            "never-verified.example.net",
            "--topic",
            "arn:aws:sns:us-east-1:123456789012:ses-ops-notifications");
    Run badTopic =
        sesOps("connect-notifications", "production", "example.com", "--topic", "not-an-arn");

    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("not_found", "never-verified.example.net is not known to SES");
    assertThat(badTopic.exit()).isEqualTo(1);
    assertThat(badTopic.err()).contains("topic", "expected an SNS topic ARN");
  }
}
