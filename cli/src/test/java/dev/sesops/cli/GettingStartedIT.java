package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.cli.serve.LocalServerFixture;
import dev.sesops.common.Json;
import dev.sesops.testing.Sdk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/getting-started.md, the steps that can run on the emulator, in the documented order: the
 * config checked locally and put into the (empty) secret (step 8), {@code doctor} against it (9),
 * every configuration set connected and an identity's notifications, as dry runs (10), the first
 * monitor run (11). Each step uses what the one before left, as a new user's shell would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GettingStartedIT {
  private LocalServerFixture server;
  private final Map<String, String> env = new HashMap<>();

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

  private Run sesOps(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Cli.run(
            args,
            environment,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            null,
            false);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theDocumentedSteps_inOrder_fromTheConfigToTheFirstMonitorRun() throws IOException {
    // step 8: the team's config, with aws_account_id on the account (the fixture's role lives in a
    // moto account)
    String fixtureConfig =
        Files.readString(Path.of(server.emulatorEnv().get("SES_OPS_CONFIG_FILE")));
    Matcher role = Pattern.compile("arn:aws:iam::(\\d{12}):role/").matcher(fixtureConfig);
    assertThat(role.find()).isTrue();
    String config =
        fixtureConfig.replaceFirst(
            "\"description\": \"Production SES account\",",
            "\"description\": \"Production SES account\", \"aws_account_id\": \""
                + role.group(1)
                + "\",");
    assertThat(config).contains("aws_account_id");
    Path file = Files.writeString(Files.createTempFile("ses-config", ".json"), config);
    Map<String, String> local = new HashMap<>(server.emulatorEnv());
    local.put("SES_OPS_CONFIG_FILE", file.toString());

    Run parses = sesOps(local, "--local", "accounts");

    assertThat(parses.exit()).as(parses.err()).isZero();
    assertThat(parses.json().path("accounts").findValuesAsText("name")).contains("production");

    // ... into the secret the stack created empty (aws secretsmanager put-secret-value)
    String secretArn;
    try (var sm = Sdk.secretsManager()) {
      secretArn =
          sm.createSecret(
                  r ->
                      r.name(
                          "ses-ops-getting-started-"
                              + UUID.randomUUID().toString().substring(0, 8)))
              .arn();
      sm.putSecretValue(r -> r.secretId(secretArn).secretString(config));
    }
    env.putAll(server.emulatorEnv());
    env.remove("SES_OPS_CONFIG_FILE");
    env.put("SES_OPS_SECRET_ID", secretArn);
    env.put("SES_OPS_API_URL", server.url());

    // step 9: doctor against the deployed pieces
    Run doctor = sesOps(env, "doctor", "--output", "json");

    assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isZero();
    Map<String, String> status = new HashMap<>();
    doctor
        .json()
        .path("checks")
        .forEach(c -> status.put(c.path("check").asText(), c.path("status").asText()));
    assertThat(status)
        .containsEntry("config", "ok")
        .containsEntry("api", "ok")
        .containsEntry("account production", "ok")
        .containsEntry("state table", "ok")
        .containsEntry("events production", "warn")
        .doesNotContainKey("account production id");
    assertThat(doctor.out()).contains("secret " + secretArn);

    // step 10: every configuration set of the account, a dry run each; then an identity's
    // notifications
    Run sets =
        sesOps(
            env,
            "--local",
            "config-sets",
            "production",
            "--all",
            "--query",
            "configuration_sets",
            "--output",
            "text");
    assertThat(sets.exit()).as(sets.err()).isZero();
    List<String> names = new ArrayList<>(List.of(sets.out().trim().split("\\s+")));
    assertThat(names).isNotEmpty().doesNotContain("");
    for (String cs : names) {
      Run connect = sesOps(env, "--local", "connect-events", "production", cs);
      assertThat(connect.exit()).as(connect.err()).isZero();
      assertThat(connect.json().path("dry_run").asBoolean()).isTrue();
      assertThat(connect.json().path("event_bus").asText())
          .isEqualTo("arn:aws:events:us-east-1:" + role.group(1) + ":event-bus/default");
    }
    // the team's sending domain is verified already (a precondition of the checklist, not one of
    // its steps)
    assertThat(sesOps(env, "--local", "verify-domain", "production", "example.com").exit())
        .isZero();
    Run notifications =
        sesOps(env, "--local", "connect-notifications", "production", "example.com");
    assertThat(notifications.exit()).as(notifications.err()).isZero();
    assertThat(notifications.json().path("action").asText()).isIn("planned", "unchanged");
    assertThat(notifications.json().path("topic").asText())
        .isEqualTo("arn:aws:sns:us-east-1:" + role.group(1) + ":ses-ops-notifications");

    // step 11: the first monitor run
    Run monitor = sesOps(env, "--local", "monitor", "production", "--no-notify");

    assertThat(monitor.exit()).as(monitor.err()).isIn(0, 3);
    assertThat(monitor.json().path("account").asText()).isEqualTo("production");
    assertThat(monitor.json().path("report").path("summary").path("accounts").asInt()).isEqualTo(1);
  }
}
