package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exit codes, output modes and paging, over a scripted transport. */
class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> calls = new ArrayList<>();

  private int run(List<Transport.Response> answers, String... args) {
    Transport t =
        (method, path, query, body) -> {
          calls.add(method + " " + path + Cli.queryString(query));
          return answers.get(Math.min(calls.size(), answers.size()) - 1);
        };
    return Cli.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        local -> t);
  }

  private static Transport.Response ok(String json) {
    return new Transport.Response(200, Json.read(json));
  }

  @Test
  void quota_printsATable_andExits0() {
    int rc =
        run(
            List.of(
                ok(
                    "{\"account\":\"production\",\"max_24_hour_send\":200,\"sent_last_24_hours\":10}")),
            "quota",
            "production");
    assertThat(rc).isZero();
    assertThat(out.toString()).contains("account", "production", "max_24_hour_send    200");
    assertThat(calls).containsExactly("GET /accounts/production/quota");
  }

  @Test
  void json_printsTheApiAnswer() {
    run(
        List.of(ok("{\"accounts\":[{\"name\":\"production\",\"region\":\"us-east-1\"}]}")),
        "--json",
        "accounts");
    JsonNode printed = Json.read(out.toString());
    assertThat(printed.at("/accounts/0/name").asText()).isEqualTo("production");
  }

  @Test
  void tables_listRowsWithColumns() {
    run(
        List.of(
            ok(
                "{\"accounts\":[{\"name\":\"production\",\"region\":\"us-east-1\"},{\"name\":\"staging\",\"region\":\"eu-west-1\"}]}")),
        "accounts");
    assertThat(out.toString()).contains("NAME        REGION", "staging     eu-west-1");
  }

  @Test
  void monitorAtWarning_exits3() {
    assertThat(run(List.of(ok("{\"level\":\"WARNING\"}")), "monitor", "production")).isEqualTo(3);
    assertThat(run(List.of(ok("{\"level\":\"OK\"}")), "monitor", "production")).isZero();
    assertThat(run(List.of(ok("{\"level\":\"CRITICAL\"}")), "audit", "production")).isEqualTo(3);
  }

  @Test
  void apiError_exits1_andPrintsCodeMessageAndRequestId() {
    int rc =
        run(
            List.of(
                new Transport.Response(
                    404,
                    Json.read(
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"unknown account\",\"request_id\":\"r-1\"}}"))),
            "quota",
            "nope");
    assertThat(rc).isEqualTo(1);
    assertThat(err.toString()).contains("HTTP 404 not_found: unknown account (request id r-1)");
  }

  @Test
  void usageErrors_exit2() {
    assertThat(run(List.of(), "quota")).isEqualTo(2);
    assertThat(err.toString()).contains("missing ACCOUNT", "usage: ses-ops quota ACCOUNT");
    assertThat(run(List.of())).isEqualTo(2);
    assertThat(calls).isEmpty();
  }

  @Test
  void help_forEachCommand_exits0() {
    for (String c : Commands.HELP.keySet()) {
      out.reset();
      assertThat(run(List.of(), "help", c)).isZero();
      assertThat(out.toString()).startsWith("usage: ses-ops").contains(c);
    }
    assertThat(run(List.of(), "send-test", "--help")).isZero();
    assertThat(run(List.of(), "help", "nope")).isEqualTo(2);
  }

  @Test
  void all_followsNextUntilTheLastPage_andMergesTheLists() {
    int rc =
        run(
            List.of(
                ok("{\"entries\":[{\"email_address\":\"a***@x.com\"}],\"next\":\"p2\"}"),
                ok("{\"entries\":[{\"email_address\":\"b***@x.com\"}],\"next\":\"p3\"}"),
                ok("{\"entries\":[{\"email_address\":\"c***@x.com\"}],\"next\":null}")),
            "--json",
            "suppressed",
            "production",
            "--all");
    assertThat(rc).isZero();
    assertThat(calls)
        .containsExactly(
            "GET /accounts/production/suppressed",
            "GET /accounts/production/suppressed?next=p2",
            "GET /accounts/production/suppressed?next=p3");
    assertThat(Json.read(out.toString()).path("entries")).hasSize(3);
    assertThat(err.toString()).contains("page 2", "page 3");
  }

  @Test
  void audit_showsProgressOnStderr() {
    run(List.of(ok("{\"level\":\"OK\"}")), "audit", "production");
    assertThat(err.toString()).contains("running audit production", "finished in");
  }

  @Test
  void audit_writesTheHtmlPage_withHtmlFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("audit.html");
    String report =
        "{\"account\":\"production\",\"region\":\"us-east-1\",\"run_id\":\"r1\",\"started_at\":\"2026-12-03T06:00:00Z\","
            + "\"checks\":{\"dns\":\"ok\"},\"complete\":true,\"not_reached\":[],\"findings\":[{\"id\":\"dns.spf_syntax\",\"severity\":\"HIGH\","
            + "\"account\":\"production\",\"resource\":\"x.example\",\"message\":\"m\",\"remediation\":\"r\","
            + "\"evidence\":{\"record\":\"<script>x</script>\"}}],\"counts\":{\"HIGH\":1},\"score\":85}";
    int rc =
        run(
            List.of(
                ok(
                    "{\"account\":\"production\",\"level\":\"OK\",\"report\":{\"accounts\":["
                        + report
                        + "]}}")),
            "audit",
            "production",
            "--html",
            file.toString());
    assertThat(rc).isZero();
    assertThat(java.nio.file.Files.readString(file))
        .startsWith("<!DOCTYPE html>")
        .contains("<svg id=\"score-trend\"")
        .contains("&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(err.toString()).contains("wrote " + file);
  }

  @Test
  void withoutApiUrl_orLocal_isAUsageError() {
    int rc =
        Cli.run(
            new String[] {"quota", "production"},
            Map.of(),
            new PrintStream(out),
            new PrintStream(err, true),
            null);
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString()).contains("SES_OPS_API_URL");
  }
}
