package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.cli.serve.LocalServerFixture;
import dev.sesops.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The local API server over real HTTP with SigV4 required, and the CLI against it: in-process in
 * both modes (signed HTTP, and --local straight to SES), and bin/ses-ops from the built jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
  private LocalServerFixture server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws IOException {
    server = LocalServerFixture.start();
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Cli.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            null);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Map<String, String> httpEnv() {
    return Map.of("SES_OPS_API_URL", server.url(), "AWS_REGION", "us-east-1");
  }

  @Test
  void server_answersRealHttpRequests_onlyWhenSignedCorrectly() throws Exception {
    HttpResponse<String> unsigned =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/accounts")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(Json.read(unsigned.body()).at("/error/code").asText())
        .isEqualTo("invalid_signature");

    // a well-formed signature (the right key id, a current date and scope) that is simply wrong
    String now =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.now());
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/accounts"))
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=testing/"
                        + now.substring(0, 8)
                        + "/us-east-1/execute-api/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature="
                        + "0".repeat(64))
                .header("X-Amz-Date", now)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("signature does not match");
  }

  @Test
  void server_withoutSignatureCheck_servesAHandfulOfRoutesOverHttp() throws Exception {
    try (LocalServerFixture open = LocalServerFixture.startWithoutSigV4(server)) {
      HttpResponse<String> accounts =
          http.send(
              HttpRequest.newBuilder(URI.create(open.url() + "/accounts")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(accounts.statusCode()).isEqualTo(200);
      assertThat(accounts.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(Json.read(accounts.body()).at("/accounts/0/name").asText())
          .isEqualTo("production");

      HttpResponse<String> notAllowed =
          http.send(
              HttpRequest.newBuilder(URI.create(open.url() + "/accounts/production/quota"))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(notAllowed.statusCode()).isEqualTo(405);
      assertThat(notAllowed.headers().firstValue("Allow")).hasValue("GET");

      HttpResponse<String> tooLarge =
          http.send(
              HttpRequest.newBuilder(URI.create(open.url() + "/accounts/production/identities"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"email\":\"" + "a".repeat(200_000) + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(tooLarge.statusCode()).isEqualTo(413);

      HttpResponse<String> plus =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(open.url() + "/accounts/production/suppressed/a+b%40example.com"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(plus.statusCode()).isEqualTo(200);
      assertThat(Json.read(plus.body()).path("reason").asText()).isEqualTo("COMPLAINT");
    }
  }

  @Test
  void cli_overSignedHttp_runsTheHelpersCommands() {
    Run accounts = cli(httpEnv(), "accounts");
    assertThat(accounts.exit()).as(accounts.err()).isZero();
    assertThat(accounts.out()).contains("NAME", "production", "us-east-1");

    Run verify = cli(httpEnv(), "--json", "verify-email", "production", "noreply@example.com");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(Json.read(verify.out()).path("verification_status").asText()).isEqualTo("Pending");

    Run send =
        cli(
            httpEnv(),
            "send-test",
            "production",
            "noreply@example.com",
            "success@simulator.amazonses.com",
            "Subject");
    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(send.out()).contains("message_id");

    Run refused =
        cli(httpEnv(), "send-test", "production", "noreply@example.com", "someone@example.org");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("HTTP 403 forbidden").doesNotContain("someone@example.org");

    Run all = cli(httpEnv(), "--json", "suppressed", "production", "--limit", "2", "--all");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(Json.read(all.out()).path("entries")).hasSize(3);
    assertThat(all.err()).contains("page 2");

    Run unknown = cli(httpEnv(), "quota", "nosuchaccount");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("HTTP 404");

    Run usage = cli(httpEnv(), "quota");
    assertThat(usage.exit()).isEqualTo(2);
  }

  @Test
  void cli_withWrongKeys_isRejectedByTheServer() {
    String before = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.secretAccessKey", "not-the-right-secret");
    try {
      Run r = cli(httpEnv(), "accounts");
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains("HTTP 403 invalid_signature", "signature does not match")
          .doesNotContain("not-the-right-secret");
    } finally {
      System.setProperty("aws.secretAccessKey", before);
    }
  }

  @Test
  void cli_local_goesStraightToSes_withTheConfigFile() {
    Map<String, String> env = new HashMap<>(server.emulatorEnv());
    Run quota = cli(env, "--local", "--json", "quota", "production");
    assertThat(quota.exit()).as(quota.err()).isZero();
    assertThat(Json.read(quota.out()).path("account").asText()).isEqualTo("production");

    Run dkim = cli(env, "--local", "dkim", "production", "example.com");
    assertThat(dkim.exit()).as(dkim.err()).isZero();
    assertThat(dkim.out()).contains("dkim.amazonses.com");

    Run monitor = cli(env, "--local", "--json", "monitor", "production", "--no-notify");
    assertThat(monitor.exit()).as(monitor.err()).isIn(0, 3);
    JsonNode m = Json.read(monitor.out());
    assertThat(monitor.exit())
        .isEqualTo(List.of("WARNING", "CRITICAL").contains(m.path("level").asText()) ? 3 : 0);

    Run cleanup = cli(env, "--local", "cleanup", "production");
    assertThat(cleanup.exit()).as(cleanup.err()).isIn(0, 1);
    assertThat(cleanup.err()).contains("running cleanup production", "finished in");
  }

  @Test
  void binSesOps_fromTheBuiltJar_speaksToTheServer() throws Exception {
    Path script = Path.of("..", "bin", "ses-ops");
    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(Path.of("target", "ses-ops.jar"))
        .as("mvn verify builds the jar before the ITs")
        .exists();
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "--json", "quota", "production");
    pb.environment().put("SES_OPS_API_URL", server.url());
    pb.environment().put("AWS_ACCESS_KEY_ID", server.accessKeyId());
    pb.environment().put("AWS_SECRET_ACCESS_KEY", server.secretAccessKey());
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.redirectErrorStream(false);
    long start = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println(
        "bin/ses-ops quota took " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(Json.read(out).path("account").asText()).isEqualTo("production");

    Process usage = new ProcessBuilder(script.toString(), "send-test", "production").start();
    usage.getInputStream().readAllBytes();
    assertThat(new String(usage.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("usage: ses-ops send-test");
    assertThat(usage.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(usage.exitValue()).isEqualTo(2);
  }
}
