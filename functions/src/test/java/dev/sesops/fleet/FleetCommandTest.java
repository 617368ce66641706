package dev.sesops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.wiring.FleetLocalCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetCommandTest {

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        FleetLocalCommand.run(
            args,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      String.valueOf(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void badArguments_exit2_namingTheProblem() {
    assertThat(run())
        .satisfies(
            r -> {
              assertThat(r[0]).isEqualTo("2");
              assertThat(r[2])
                  .contains("job: expected monitor, audit or cleanup")
                  .contains("usage: fleet");
            });
    assertThat(run("inventory", "--local")[2]).contains("expected monitor, audit or cleanup");
    assertThat(run("audit")[2]).contains("--local: required");
    assertThat(run("audit", "--local", "--concurrency")[2])
        .contains("--concurrency: missing its number");
    assertThat(run("audit", "--local", "--concurrency", "x")[2])
        .contains("--concurrency: not a whole number");
    assertThat(run("audit", "--local", "--fast")[2]).contains("--fast: unknown option");
    assertThat(run("monitor", "--local", "--concurrency", "0")[2])
        .contains("--concurrency: must be between 1 and 1000");
    assertThat(run("monitor", "--local", "--batch-size", "101")[2])
        .contains("--batch-size: must be between 1 and 100");
  }

  @Test
  void options_parseJobConcurrencyAndBatch() {
    FleetCommand.Options o =
        FleetCommand.Options.parse(
            new String[] {"cleanup", "--local", "--concurrency", "7", "--batch-size", "3"});
    assertThat(o).isEqualTo(new FleetCommand.Options(FleetJob.CLEANUP, 7, 3));
    assertThat(FleetCommand.Options.parse(new String[] {"suppression-cleanup", "--local"}).job())
        .isEqualTo(FleetJob.CLEANUP);
  }
}
