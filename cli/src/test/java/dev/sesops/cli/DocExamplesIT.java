package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.api.LocalServerFixture;
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
 * docs/cli.md's table "Every command, with an example": every command the CLI has is in it, and each
 * example runs with --local against the emulator (moto, WireMock, dnsmasq) with the exit code the
 * table shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocExamplesIT {
  private static final Pattern ROW = Pattern.compile("^\\| ([a-z-]+) \\| `(ses-ops [^`]+)` \\| (\\d) \\|$");
  private LocalServerFixture server;

  @BeforeAll
  void start() throws IOException {
    server = LocalServerFixture.start();
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
  }

  /** command name to (example, exit code), in the document's order. */
  static Map<String, Map.Entry<String, Integer>> examples() throws IOException {
    Map<String, Map.Entry<String, Integer>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "cli.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), Map.entry(m.group(2), Integer.parseInt(m.group(3))));
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
    examples().forEach((c, e) -> assertThat(words(e.getKey()).get(1)).as(e.getKey()).isEqualTo(c));
  }

  @Test
  void everyExample_runsAgainstTheEmulator_withTheDocumentedExitCode() throws IOException {
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, Integer> e : examples().values()) {
      List<String> args = new ArrayList<>(List.of("--local"));
      args.addAll(words(e.getKey()).subList(1, words(e.getKey()).size()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc = Cli.run(args.toArray(String[]::new), server.emulatorEnv(), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), null, false);
      if (rc != e.getValue()) {
        mismatches.add(e.getKey() + ": exit " + rc + ", documented " + e.getValue() + "; stderr: " + err.toString(StandardCharsets.UTF_8).trim());
      } else if (rc == 0 && out.size() == 0) {
        mismatches.add(e.getKey() + ": printed nothing on stdout");
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
