package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.cli.serve.LocalServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/cli.md's table "Every command, with an example": every command the CLI has is in it, and
 * each example runs with --local against the emulator (moto, WireMock, dnsmasq) with the exit code
 * the table shows, printing what the table's last column shows (on stdout; on stderr for an error).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocExamplesIT {
  private static final Pattern ROW =
      Pattern.compile("^\\| ([a-z-]+) \\| `(ses-ops [^`]+)` \\| (\\d) \\| `([^`]+)` \\|$");
  private LocalServerFixture server;

  @BeforeAll
  void start() throws IOException {
    server = LocalServerFixture.start();
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
  }

  /**
   * One row: the example, its exit code, and a part of what it prints (stdout; stderr when the exit
   * is 1).
   */
  record Example(String line, int exit, String prints) {}

  /** command name to its example, in the document's order. */
  static Map<String, Example> examples() throws IOException {
    Map<String, Example> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "cli.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), new Example(m.group(2), Integer.parseInt(m.group(3)), m.group(4)));
      }
    }
    return rows;
  }

  /** Words as a shell would split them: spaces outside quotes, single and double quotes removed. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean in = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        in = true;
      } else if (c == ' ') {
        if (in) {
          out.add(w.toString());
          w.setLength(0);
          in = false;
        }
      } else {
        w.append(c);
        in = true;
      }
    }
    if (in) {
      out.add(w.toString());
    }
    return out;
  }

  @Test
  void everyCommand_hasAnExample() throws IOException {
    List<String> all = new ArrayList<>(Cli.commandLine().getSubcommands().keySet());
    assertThat(examples().keySet()).containsExactlyInAnyOrderElementsOf(all);
    examples().forEach((c, e) -> assertThat(words(e.line()).get(1)).as(e.line()).isEqualTo(c));
  }

  @Test
  void everyExample_runsAgainstTheEmulator_withTheDocumentedExitCode_andPrintsWhatTheDocShows()
      throws IOException {
    List<String> mismatches = new ArrayList<>();
    for (Example e : examples().values()) {
      List<String> example = words(e.line()).subList(1, words(e.line()).size());
      List<String> args =
          new ArrayList<>(example.contains("--local") ? List.of() : List.of("--local"));
      args.addAll(example);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc =
          Cli.run(
              args.toArray(String[]::new),
              server.emulatorEnv(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              null,
              false);
      String stdout = out.toString(StandardCharsets.UTF_8);
      String stderr = err.toString(StandardCharsets.UTF_8);
      String shown = rc == 1 ? stderr : stdout;
      if (rc != e.exit()) {
        mismatches.add(
            e.line() + ": exit " + rc + ", documented " + e.exit() + "; stderr: " + stderr.trim());
      } else if (!shown.contains(e.prints())) {
        mismatches.add(
            e.line()
                + ": "
                + (rc == 1 ? "stderr" : "stdout")
                + " does not contain "
                + e.prints()
                + ": "
                + shown.substring(0, Math.min(300, shown.length())));
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
