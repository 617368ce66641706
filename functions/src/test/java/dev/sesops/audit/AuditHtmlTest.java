package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page from the API's JSON answer, as the CLI's --html FILE writes it. */
class AuditHtmlTest {
  @Test
  void write_rendersTheApisAnswer_throughJson(@TempDir Path dir) throws Exception {
    AccountAudit a = HtmlReportTest.sample();
    AuditReport answer =
        new AuditReport(
            "run",
            a.startedAt(),
            a.finishedAt(),
            List.of(a),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Path file = dir.resolve("report.html");
    AuditHtml.write(Json.read(Json.pretty(answer)), file);
    assertThat(Files.readString(file)).isEqualTo(HtmlReport.render(a));
    // the API's answer wraps the run in "report"
    String api = "{\"account\":\"prod\",\"level\":\"OK\",\"report\":" + Json.pretty(answer) + "}";
    assertThat(AuditHtml.render(Json.read(api))).isEqualTo(HtmlReport.render(a));
  }

  @Test
  void render_saysWhatIsWrong_withoutAnAccountReport() {
    assertThatThrownBy(() -> AuditHtml.render(Json.read("{\"accounts\":[]}")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("accounts[0]");
  }
}
