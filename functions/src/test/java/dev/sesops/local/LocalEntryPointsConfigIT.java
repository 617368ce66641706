package dev.sesops.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * First contact with the jar's local entry points ({@code invoke}, {@code restore-suppression};
 * {@code serve} is the CLI's, checked in the cli module's FirstContactIT), run as processes with
 * the helper's template and other broken configs: each problem is a plain message on stderr with
 * exit 2, no JSON log line, no HTTP status, no request id, no secret. (The CLI's side: the cli
 * module's FirstContactIT.)
 */
class LocalEntryPointsConfigIT {
  private static final Path FIXTURES = Path.of("target", "test-classes", "config-fixtures");
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

  @ParameterizedTest
  @ValueSource(strings = {"invoke", "restore-suppression"})
  void jarEntryPoints_sayTheSamePlainly(String command) throws Exception {
    assertThat(Path.of("target", "functions.jar"))
        .as("mvn verify builds the jar before the ITs")
        .exists();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "functions.jar").toString(),
                command));
    switch (command) {
      case "invoke" ->
          cmd.addAll(
              List.of("monitor", Path.of("..", "events", "monitor", "scheduled.json").toString()));
      default -> cmd.add("s3://bucket/suppression-trail/production/2024/01/01/run.jsonl");
    }
    for (String f : List.of("helper-template.json", "wrong-type.json", "broken.json")) {
      Run r = run(fixture(f), cmd.toArray(String[]::new));
      assertPlainProblem(r);
      assertThat(r.err()).contains(fixture(f));
    }
    Run missing = run("no/such/ses-config.json", cmd.toArray(String[]::new));
    assertPlainProblem(missing);
    assertThat(missing.err()).contains("does not exist (SES_OPS_CONFIG_FILE)");
  }
}
