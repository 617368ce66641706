package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI and docs/cli.md agree: every command's one-line summary in {@code ses-ops --help} is a
 * whole phrase (not cut mid-sentence), and every option of every command is documented.
 */
class CliDocsTest {
  /** A summary line that ends like this was cut in the middle of a sentence. */
  private static final Pattern CUT =
      Pattern.compile(".*([,:;(]|\\b(and|or|the|a|an|of|to|in|with|for|from))$");

  @Test
  void everyCommandsSummary_isAWholePhrase() {
    List<String> cut = new ArrayList<>();
    for (Map.Entry<String, CommandLine> c : Cli.commandLine().getSubcommands().entrySet()) {
      String[] description = c.getValue().getCommandSpec().usageMessage().description();
      assertThat(description).as(c.getKey()).isNotEmpty();
      String summary = description[0].strip();
      if (summary.isEmpty() || CUT.matcher(summary).matches()) {
        cut.add(c.getKey() + ": '" + summary + "'");
      }
    }
    assertThat(cut).isEmpty();
  }

  @Test
  void everyOptionOfEveryCommand_isInDocsCliMd_besideItsCommand() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "cli.md"));
    String options = doc.substring(doc.indexOf("## Options of each command"));
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, CommandLine> c : Cli.commandLine().getSubcommands().entrySet()) {
      for (OptionSpec o : c.getValue().getCommandSpec().options()) {
        if (o.usageHelp() || o.inherited() || o.scopeType() == CommandLine.ScopeType.INHERIT) {
          continue;
        }
        Pattern row =
            Pattern.compile(
                "(?m)^\\| "
                    + Pattern.quote(c.getKey())
                    + " \\|.*`"
                    + Pattern.quote(o.longestName())
                    + "[ `]");
        if (!row.matcher(options).find()) {
          missing.add(c.getKey() + " " + o.longestName());
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
