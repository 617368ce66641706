package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A line naming one command registers that command alone, and parses and prints exactly as with all
 * of them.
 */
class OneCommandModelTest {
  @Test
  void theCommandIsTheFirstWordThatIsNeitherAGlobalOptionNorItsValue() {
    assertThat(Cli.onlyCommand(new String[] {"quota", "production"})).isEqualTo("quota");
    assertThat(Cli.onlyCommand(new String[] {"--local", "--json", "monitor", "production"}))
        .isEqualTo("monitor");
    assertThat(Cli.onlyCommand(new String[] {"--profile", "quota", "stats", "production"}))
        .isEqualTo("stats");
    assertThat(Cli.onlyCommand(new String[] {"-o", "yaml", "--query", "accounts", "accounts"}))
        .isEqualTo("accounts");
    assertThat(Cli.onlyCommand(new String[] {"--output=json", "doctor"})).isEqualTo("doctor");
  }

  @Test
  void helpCompletionUnknownOrNoCommand_buildEveryCommand() {
    assertThat(Cli.onlyCommand(new String[] {"help", "quota"})).isNull();
    assertThat(Cli.onlyCommand(new String[] {"completion", "bash"})).isNull();
    assertThat(Cli.onlyCommand(new String[] {"qouta", "production"})).isNull();
    assertThat(Cli.onlyCommand(new String[] {"--json"})).isNull();
    assertThat(Cli.onlyCommand(new String[] {})).isNull();
    assertThat(Cli.commandLine(null).getSubcommands())
        .containsKeys("quota", "help", "completion", "doctor", "permissions", "fleet");
  }

  @Test
  void eachCommandAlone_hasTheSameModelAsInTheWholeLine() {
    CommandLine all = Cli.commandLine();
    for (String name : all.getSubcommands().keySet()) {
      if (name.equals("help") || name.equals("completion")) {
        continue;
      }
      CommandLine alone = Cli.commandLine(name);
      assertThat(alone.getSubcommands()).containsOnlyKeys(name);
      assertThat(usage(alone.getSubcommands().get(name)))
          .as(name)
          .isEqualTo(usage(all.getSubcommands().get(name)));
    }
  }

  @Test
  void rootHelp_withACommandOnTheLine_stillListsEveryCommand() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc =
        Cli.run(
            new String[] {"--help", "quota"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            local -> null);

    assertThat(rc).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("quota", "reputation", "doctor", "completion");
  }

  @Test
  void aBadArgument_isReportedTheSameWithOneCommandAsWithAll() {
    for (List<String> line :
        List.of(
            List.of("quota"),
            List.of("quota", "a", "b", "c"),
            List.of("monitor", "production", "--bogus"))) {
      String[] args = line.toArray(String[]::new);
      assertThat(error(Cli.commandLine(Cli.onlyCommand(args)), args))
          .as(line.toString())
          .isEqualTo(error(Cli.commandLine(), args));
    }
  }

  private static String usage(CommandLine c) {
    return c.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static String error(CommandLine c, String[] args) {
    try {
      c.parseArgs(args);
      return "parsed";
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }
}
