package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * First contact, as a new user has it: {@code bin/ses-ops --local accounts} run as a process with
 * the helper's template unchanged and other broken configs (the functions' test fixtures). Each
 * problem is a plain message on stderr with exit 2: no JSON log line, no HTTP status, no request
 * id, no secret.
 */
class FirstContactIT {
  private static final Path FIXTURES = Fixtures.configFixtures();
  private static final List<String> SECRETS =
      List.of(
          "SECRET_ACCESS_KEY_HERE",
          "first-contact-secret-value",
          "broken-json-secret-value",
          "valid-file-secret-value");

  private record Run(int exit, String out, String err) {}

  private static Run run(String configFile, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("SES_OPS_SECRET_ID");
    pb.environment().remove("SES_OPS_LOG_FORMAT");
    pb.environment().put("SES_OPS_CONFIG_FILE", configFile);
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("SES_OPS_CDS", "off");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  private static Run sesOps(String configFile, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of("..", "bin", "ses-ops").toString()));
    cmd.addAll(List.of(args));
    return run(configFile, cmd.toArray(String[]::new));
  }

  private static String fixture(String name) {
    return FIXTURES.resolve(name).toString();
  }

  private static void assertPlainProblem(Run r) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("ses-ops: ");
    assertThat(r.err().lines()).noneMatch(l -> l.startsWith("{"));
    assertThat(r.err()).doesNotContain("HTTP", "500", "request id", "local-", "Exception");
    SECRETS.forEach(s -> assertThat(r.err()).doesNotContain(s));
  }

  @Test
  void helpersTemplateUnchanged_namesEachPlaceholder() throws Exception {
    Run r = sesOps(fixture("helper-template.json"), "--local", "accounts");

    assertPlainProblem(r);
    assertThat(r.err())
        .startsWith("ses-ops: " + fixture("helper-template.json") + " is not usable:\n")
        .contains(
            "  accounts.production.aws_access_key_id: still the template's placeholder (YOUR_PRODUCTION_AWS_ACCESS_KEY_ID_HERE); "
                + "put the account's key id here, or better, a role_arn\n")
        .contains(
            "  accounts.staging.aws_secret_access_key: still the template's placeholder; put the account's secret key here")
        .contains(
            "  accounts.client1.aws_access_key_id: still the template's placeholder (YOUR_CLIENT1_AWS_ACCESS_KEY_ID_HERE)");
  }

  @Test
  void serve_withABrokenConfig_saysTheSamePlainly_beforeListening() throws Exception {
    // the local server moved from the Lambda jar to the CLI (issue 23); its first contact is the
    // same plain message with exit 2
    for (String f : List.of("helper-template.json", "wrong-type.json", "broken.json")) {
      Run r = sesOps(fixture(f), "serve", "--port", "0");
      assertPlainProblem(r);
      assertThat(r.err()).as(f).contains(fixture(f)).doesNotContain("ses-ops API on http://");
    }
  }

  @Test
  void wrongType_namesThePath() throws Exception {
    Run r = sesOps(fixture("wrong-type.json"), "--local", "accounts");

    assertPlainProblem(r);
    assertThat(r.err())
        .isEqualTo(
            "ses-ops: "
                + fixture("wrong-type.json")
                + " is not usable:\n"
                + "  accounts.production.region: expected a string, got a number\n");
  }

  @Test
  void missingFile_isOneLine() throws Exception {
    Run r = sesOps("no/such/ses-config.json", "--local", "accounts");

    assertPlainProblem(r);
    assertThat(r.err())
        .isEqualTo(
            "ses-ops: config file no/such/ses-config.json does not exist (SES_OPS_CONFIG_FILE); "
                + "start from the template configs/ses-config.json.txt\n");
  }

  @Test
  void brokenJson_isOneLine_withLineAndColumn() throws Exception {
    Run r = sesOps(fixture("broken.json"), "--local", "accounts");

    assertPlainProblem(r);
    assertThat(r.err())
        .matches("ses-ops: \\S+broken\\.json is not valid JSON \\(line 6, column \\d+\\)\n");
  }

  @Test
  void emptyAccounts_isOneLine() throws Exception {
    Run r = sesOps(fixture("no-accounts.json"), "--local", "accounts");

    assertPlainProblem(r);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("has no accounts");
  }

  @Test
  void validFile_listsTheAccounts_exit0_andNoLogLines() throws Exception {
    Run r = sesOps(fixture("valid.json"), "--local", "accounts", "--output", "table");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("NAME", "production", "us-east-1", "staging", "eu-west-1");
    assertThat(r.err()).isEmpty();
    SECRETS.forEach(s -> assertThat(r.out()).doesNotContain(s));
  }

  @Test
  void validFile_withVerbose_showsPlainLogLines_andJsonWhenAsked() throws Exception {
    Run verbose = sesOps(fixture("valid.json"), "--local", "--verbose", "accounts");
    assertThat(verbose.exit()).as(verbose.err()).isZero();
    assertThat(verbose.err()).contains("INFO  SesOpsApi: GET /accounts -> 200");
    assertThat(verbose.err().lines()).noneMatch(l -> l.startsWith("{"));

    ProcessBuilder pb =
        new ProcessBuilder(Path.of("..", "bin", "ses-ops").toString(), "--local", "accounts");
    pb.environment().put("SES_OPS_CONFIG_FILE", fixture("valid.json"));
    pb.environment().put("SES_OPS_LOG_FORMAT", "json");
    pb.environment().put("SES_OPS_CDS", "off");
    pb.environment().remove("SES_OPS_SECRET_ID");
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(err).startsWith("{\"timestamp\":").contains("\"logger\":\"SesOpsApi\"");
  }
}
