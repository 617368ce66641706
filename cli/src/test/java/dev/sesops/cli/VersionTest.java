package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ses-ops --version} prints the version the build was made from (the parent pom's), and
 * exits 0.
 */
class VersionTest {

  /**
   * The project's version as the parent pom states it (the first version after the parent's
   * artifactId).
   */
  static String pomVersion() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>ses-ops</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("the parent pom's version").isTrue();
    return m.group(1);
  }

  @Test
  void version_isTheBuildsVersion_semantic() throws IOException {
    assertThat(Version.current())
        .isEqualTo(pomVersion())
        .matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  }

  @Test
  void dashDashVersion_andDashV_printTheNameAndVersion_onStdout_exit0() throws IOException {
    for (String flag : new String[] {"--version", "-V"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int rc =
          Cli.run(
              new String[] {flag},
              Map.of(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              local -> {
                throw new AssertionError("--version must not call anything");
              });

      assertThat(rc).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ses-ops " + pomVersion() + "\n");
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void rootHelp_listsTheVersionOption() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cli.run(
        new String[] {"--help"},
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        local -> null);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("-V, --version", "print the version of this build and exit");
  }
}
