package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTML page: self-contained, everything from DNS and SES escaped, the chart, the tables. */
class HtmlReportTest {
  static final String SCRIPT_TXT = "v=spf1 <script>document.title='pwned'</script> -all";

  static AccountAudit sample() {
    List<Finding> findings = List.of(
        new Finding("dns.spf_syntax", Severity.HIGH, "prod", "evil.example", "The SPF record of evil.example has a syntax error",
            "Fix the record", Map.of("record", SCRIPT_TXT, "chain", "evil.example")),
        new Finding("dns.bimi_missing", Severity.INFO, "prod", "default._bimi.evil.example", "no BIMI", "optional", Map.of()));
    DomainReport d = DomainTable.build("evil.example", Fakes.domain("evil.example"), findings, false,
        new PostureChecks.DmarcPolicy("reject", 100), new SendingSignals(20_000L, 4L, List.of(), null, null));
    List<ScorePoint> history = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      history.add(new ScorePoint(Instant.parse("2026-11-01T06:00:00Z").plusSeconds(86_400L * i), 60 + (i * 7) % 40));
    }
    return new AccountAudit("prod<b>", "us-east-1", "20261203T060000Z-abc", Instant.parse("2026-12-03T06:00:00Z"),
        Instant.parse("2026-12-03T06:01:00Z"), Map.of("dns", "ok"), true, List.of(), findings, Score.counts(findings),
        Score.of(findings), List.of(), List.of(), List.of(), List.of(), Map.of(), 12, null, List.of(d), history);
  }

  @Test
  void render_escapesEverythingFromDnsAndSes() {
    String html = HtmlReport.render(sample());
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
        .doesNotContain("prod<b>").contains("prod&lt;b&gt;");
  }

  @Test
  void render_isSelfContained_noScriptsNoExternalAssets() {
    String html = HtmlReport.render(sample());
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'")
        .doesNotContainPattern("(?i)<(script|link|iframe|img|object|embed)\\b")
        .doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//");
  }

  @Test
  void render_drawsTheTrend_andBothTables() {
    String html = HtmlReport.render(sample());
    assertThat(html).contains("<svg id=\"score-trend\"").contains("<polyline class=\"trend\"");
    assertThat(html.split("<circle ", -1)).hasSize(31); // one dot per report
    assertThat(html).contains("id=\"domains\"").contains("id=\"readiness\"").contains("<b>FAIL</b>").contains("<b>PASS</b>")
        .contains("Spam complaints under 0.3%");
  }

  @Test
  void chart_handlesASingleReport() {
    String svg = HtmlReport.chart(List.of(new ScorePoint(Instant.EPOCH, 100)));
    assertThat(svg).contains("<circle ").contains("points=\"");
  }

  @Test
  void scoreHistory_keepsTheLastThirty_andStartsFromAnOldReport() {
    AccountAudit prev = sample();
    List<ScorePoint> h = ScorePoint.history(prev, Instant.parse("2026-12-04T06:00:00Z"), 77);
    assertThat(h).hasSize(30);
    assertThat(h.get(29).score()).isEqualTo(77);
    assertThat(h.get(0)).isEqualTo(prev.scoreHistory().get(1));
    assertThat(ScorePoint.history(null, Instant.EPOCH, 50)).containsExactly(new ScorePoint(Instant.EPOCH, 50));
  }
}
