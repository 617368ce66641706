package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real jar as a process (bin/ses-ops), on a config that needs no AWS call ({@code accounts}):
 * parsing, help with examples, completion scripts, --output formats, --query, exit codes, and data
 * on stdout with messages on stderr.
 */
class CliProcessIT {
  private static final String CONFIG = Fixtures.configFixtures().resolve("valid.json").toString();

  record Run(int exit, String out, String err) {}

  static Run sesOps(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of("..", "bin", "ses-ops").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("SES_OPS_SECRET_ID");
    pb.environment().remove("SES_OPS_LOG_FORMAT");
    pb.environment().remove("SES_OPS_API_URL");
    pb.environment().put("SES_OPS_CONFIG_FILE", CONFIG);
    pb.environment().put("SES_OPS_CDS", "off");
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  static Run sesOps(String... args) throws Exception {
    return sesOps(Map.of(), args);
  }

  @Test
  void notATerminal_printsJsonByDefault_andTablesWhenAsked() throws Exception {
    Run json = sesOps("--local", "accounts");
    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(Json.read(json.out()).at("/accounts/1/name").asText()).isEqualTo("staging");
    assertThat(json.err()).isEmpty();

    Run table = sesOps("--local", "accounts", "--output", "table");
    assertThat(table.exit()).isZero();
    assertThat(table.out())
        .contains("NAME        REGION     DESCRIPTION", "staging     eu-west-1")
        .doesNotContain("\u001b[");
  }

  @Test
  void yamlAndText_andTheOldJsonFlag_anywhereOnTheLine() throws Exception {
    Run yaml = sesOps("-o", "yaml", "--local", "accounts");
    assertThat(yaml.exit()).isZero();
    assertThat(yaml.out())
        .startsWith("accounts:\n")
        .contains("- name: production\n", "  region: us-east-1\n");

    Run text = sesOps("--local", "accounts", "--output=text");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("production\tus-east-1\tProduction SES account\n");

    Run old = sesOps("accounts", "--json", "--local");
    assertThat(old.exit()).isZero();
    assertThat(Json.read(old.out()).path("accounts")).hasSize(2);
  }

  @Test
  void query_filtersTheJson_beforeAnyFormat() throws Exception {
    Run names = sesOps("--local", "accounts", "--query", "accounts[].name", "--output", "text");
    assertThat(names.exit()).as(names.err()).isZero();
    assertThat(names.out()).isEqualTo("production\tstaging\n");

    Run one = sesOps("--local", "--query", "accounts[?region=='eu-west-1'] | [0]", "accounts");
    JsonNode staging = Json.read(one.out());
    assertThat(staging.path("name").asText()).isEqualTo("staging");

    Run bad = sesOps("--local", "accounts", "--query", "accounts[");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).startsWith("ses-ops: --query is not a JMESPath expression");
  }

  @Test
  void help_showsUsageAndAnExample_forEveryCommand() throws Exception {
    Run quota = sesOps("help", "quota");
    assertThat(quota.exit()).isZero();
    assertThat(quota.out())
        .startsWith("usage: ses-ops [GLOBAL OPTIONS] quota ACCOUNT")
        .contains("Example:\n  ses-ops quota production");

    Run flag = sesOps("send-test", "--help");
    assertThat(flag.exit()).isZero();
    assertThat(flag.out()).contains("send-test ACCOUNT FROM TO [SUBJECT] [BODY]", "Example:");

    Run all = sesOps("help");
    assertThat(all.exit()).isZero();
    Commands.DEFS.keySet().forEach(c -> assertThat(all.out()).contains("  " + c + " "));
    assertThat(all.out())
        .contains(
            "Exit codes: 0 ok, 1 error, 2 usage or config problem, 3 a problem found",
            "--output",
            "--query",
            "--profile");

    Run none = sesOps();
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).startsWith("usage: ses-ops");
  }

  @Test
  void completion_scriptsForBashAndZsh_knowTheCommandsAndOptions() throws Exception {
    Run bash = sesOps("completion", "bash");
    assertThat(bash.exit()).isZero();
    assertThat(bash.out())
        .contains(
            "complete -F _complete_ses-ops",
            "send-test",
            "suppression-details",
            "--output",
            "--query");

    Run zsh = sesOps("completion", "zsh");
    assertThat(zsh.exit()).isZero();
    assertThat(zsh.out()).contains("bashcompinit", "complete -F _complete_ses-ops");

    Run fish = sesOps("completion", "fish");
    assertThat(fish.exit()).isEqualTo(2);

    // the generated script is valid bash and completes a command name
    Path script = Files.createTempFile("ses-ops-completion", ".bash");
    Files.writeString(script, bash.out());
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "source "
                    + script
                    + " && COMP_WORDS=(ses-ops suppression-d) && COMP_CWORD=1 && COMP_LINE='ses-ops suppression-d' && COMP_POINT=${#COMP_LINE}"
                    + " && _complete_ses-ops && printf '%s\\n' \"${COMPREPLY[@]}\"")
            .start();
    String completed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(completed.trim()).isEqualTo("suppression-details");
  }

  @Test
  void installScript_linksSesOpsOntoThePath_andWritesTheCompletion_twiceTheSame() throws Exception {
    Path home = Files.createTempDirectory("ses-ops-install");
    for (int i = 0; i < 2; i++) {
      ProcessBuilder pb = new ProcessBuilder(Path.of("..", "scripts", "install-cli.sh").toString());
      pb.environment().put("HOME", home.toString());
      pb.environment().remove("XDG_DATA_HOME");
      pb.environment().remove("BASH_COMPLETION_USER_DIR");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(log).isZero();
    }
    Path link = home.resolve(".local/bin/ses-ops");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(home.resolve(".local/share/bash-completion/completions/ses-ops")))
        .contains("complete -F _complete_ses-ops");
    Process help = new ProcessBuilder(link.toString(), "help", "quota").start();
    String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).startsWith("usage: ses-ops [GLOBAL OPTIONS] quota ACCOUNT");
  }

  @Test
  void usageErrors_exit2_withTheCommandsUsage_onStderr() throws Exception {
    Run missing = sesOps("--local", "send-test", "production", "a@example.com");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err())
        .contains(
            "ses-ops: missing TO", "usage: ses-ops send-test ACCOUNT FROM TO [SUBJECT] [BODY]");

    Run unknown = sesOps("frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown command 'frobnicate'");

    Run option = sesOps("--local", "quota", "production", "--fast");
    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err()).contains("unknown option --fast");

    Run format = sesOps("--local", "accounts", "--output", "xml");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("--output must be table, json, yaml or text");

    Run noApi = sesOps("quota", "production");
    assertThat(noApi.exit()).isEqualTo(2);
    assertThat(noApi.err()).contains("SES_OPS_API_URL");
  }

  @Test
  void localErrors_sayNoHttpStatusAndNoRequestId() throws Exception {
    Run r = sesOps("--local", "quota", "nosuchaccount");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("ses-ops: quota failed: not_found: ")
        .doesNotContain("HTTP", "request id");
  }
}
