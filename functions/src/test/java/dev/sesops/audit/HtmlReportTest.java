package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The HTML page: self-contained, everything from DNS and SES escaped, the chart, the tables. */
class HtmlReportTest {
  static final String SCRIPT_TXT = "v=spf1 <script>document.title='pwned'</script> -all";

  /**
   * 1,243 messages over three days (one without reports), a PTR name holding markup among the
   * failing sources.
   */
  static final DmarcSection DMARC =
      new DmarcSection(
          30,
          1243,
          1240 / 1243.0,
          1240 / 1243.0,
          1200 / 1243.0,
          Map.of("none", 1243L),
          "p=none to p=quarantine: 99.8% of 1,243 messages aligned; the 0.2% failing include 1 unknown source: "
              + "192.0.2.77 (mail.spoofer.test)",
          true,
          "p=none",
          "p=quarantine",
          "_dmarc.evil.example",
          "v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example.com",
          List.of(
              new DmarcSection.SourceRow("ses", 1200, 1, 1, 1),
              new DmarcSection.SourceRow("known", 40, 1, 1, 0),
              new DmarcSection.SourceRow("unknown", 3, 0, 0, 0)),
          List.of(
              "unknown: 192.0.2.77 (mail.spoofer.test)",
              "unknown: 192.0.2.78 (<script>alert(1)</script>.test)"),
          List.of(
              new DmarcSection.Day("2026-12-04", 600, 20, 0, 620),
              new DmarcSection.Day("2026-12-06", 600, 20, 3, 620)),
          null,
          null);

  static final DmarcSection QUIET =
      new DmarcSection(
          30,
          0,
          0,
          0,
          0,
          Map.of(),
          "stay at p=none: not enough data: 0 messages in 30 days (at least 100 needed)",
          false,
          "p=none",
          "p=none",
          "_dmarc.quiet.example",
          "v=DMARC1; p=none; rua=mailto:dmarc@reports.ops.test",
          List.of(),
          List.of(),
          List.of(),
          "no DMARC reports received in 30 days: publish rua=mailto:dmarc@reports.ops.test in _dmarc.quiet.example (the record below)",
          null);

  static AccountAudit sample() {
    List<Finding> findings =
        List.of(
            new Finding(
                "dns.spf_syntax",
                Severity.HIGH,
                "prod",
                "evil.example",
                "The SPF record of evil.example has a syntax error",
                "Fix the record",
                Map.of("record", SCRIPT_TXT, "chain", "evil.example")),
            new Finding(
                "dns.bimi_missing",
                Severity.INFO,
                "prod",
                "default._bimi.evil.example",
                "no BIMI",
                "optional",
                Map.of()));
    DomainReport d =
        DomainTable.build(
            "evil.example",
            Fakes.domain("evil.example"),
            findings,
            false,
            new PostureChecks.DmarcPolicy("reject", 100),
            new SendingSignals(20_000L, 4L, List.of(), null, null));
    d = d.withDmarc(DMARC);
    DomainReport quiet = new DomainReport("quiet.example", Map.of(), List.of(), QUIET);
    List<ScorePoint> history = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      history.add(
          new ScorePoint(
              Instant.parse("2026-11-01T06:00:00Z").plusSeconds(86_400L * i), 60 + (i * 7) % 40));
    }
    return new AccountAudit(
        "prod<b>",
        "us-east-1",
        "20261203T060000Z-abc",
        Instant.parse("2026-12-03T06:00:00Z"),
        Instant.parse("2026-12-03T06:01:00Z"),
        Map.of("dns", "ok"),
        true,
        List.of(),
        findings,
        Score.counts(findings),
        Score.of(findings),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        12,
        null,
        List.of(d, quiet),
        history);
  }

  @Test
  void render_escapesEverythingFromDnsAndSes() {
    String html = HtmlReport.render(sample());
    assertThat(html)
        .doesNotContain("<script")
        .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
        .doesNotContain("prod<b>")
        .contains("prod&lt;b&gt;");
  }

  @Test
  void render_isSelfContained_noScriptsNoExternalAssets() {
    String html = HtmlReport.render(sample());
    assertThat(html)
        .contains("Content-Security-Policy")
        .contains("default-src 'none'")
        .doesNotContainPattern("(?i)<(script|link|iframe|img|object|embed)\\b")
        .doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:)?//");
  }

  @Test
  void render_drawsTheTrend_andBothTables() {
    String html = HtmlReport.render(sample());
    assertThat(html).contains("<svg id=\"score-trend\"").contains("<polyline class=\"trend\"");
    String trend = html.substring(html.indexOf("<svg id=\"score-trend\""));
    assertThat(trend.substring(0, trend.indexOf("</svg>")).split("<circle ", -1))
        .hasSize(31); // one dot per report
    assertThat(html)
        .contains("id=\"domains\"")
        .contains("id=\"readiness\"")
        .contains("<b>FAIL</b>")
        .contains("<b>PASS</b>")
        .contains("Spam complaints under 0.3%");
  }

  @Test
  void dmarcSection_showsTheVerdict_theRecordToPublish_ratesDispositionsAndFailingSources() {
    String html = HtmlReport.render(sample());
    String section =
        html.substring(
            html.indexOf("<section id=\"dmarc\">"), html.indexOf("<section id=\"findings\">"));

    assertThat(section)
        .contains("<h2>DMARC reports (last 30 days)</h2>")
        .contains("<h3>evil.example</h3>")
        .contains("<b>READY</b> p=none to p=quarantine: 99.8% of 1,243 messages aligned")
        .contains("TXT record to publish at <code>_dmarc.evil.example</code>")
        .contains(
            "<pre class=\"record\">v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example.com</pre>")
        .contains("<th scope=\"row\">ses</th><td>1,200</td><td>100.0%</td>")
        .contains(
            "<th scope=\"row\">all</th><td>1,243</td><td>99.8%</td><td>99.8%</td><td>96.5%</td>")
        .contains("Dispositions: none 1,243")
        .contains("<li>unknown: 192.0.2.77 (mail.spoofer.test)</li>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;.test")
        .doesNotContain("<script")
        .contains("<svg id=\"dmarc-chart-0\"");
  }

  @Test
  void dmarcSection_withoutReports_givesTheAdvice_andTheRecordWithTheRuaAddress() {
    String html = HtmlReport.render(sample());
    String quiet = html.substring(html.indexOf("<h3>quiet.example</h3>"));

    assertThat(quiet)
        .contains(
            "<b>NO REPORTS</b> no DMARC reports received in 30 days: publish rua=mailto:dmarc@reports.ops.test")
        .contains(
            "<pre class=\"record\">v=DMARC1; p=none; rua=mailto:dmarc@reports.ops.test</pre>");
    assertThat(quiet.substring(0, quiet.indexOf("</article>"))).doesNotContain("<svg");
  }

  @Test
  void dmarcSection_showsWhyReportsWereNotRead_andIsLeftOutWhenNoneWere() {
    AccountAudit s = sample();
    DomainReport unread =
        s.domains()
            .get(0)
            .withDmarc(DmarcSection.unread(30, "DMARC reports not read: AccessDenied"));
    String html = HtmlReport.render(withDomains(s, List.of(unread)));
    assertThat(html).contains("<b>UNKNOWN</b> DMARC reports not read: AccessDenied");

    DomainReport older =
        new DomainReport(
            "evil.example", s.domains().get(0).checks(), s.domains().get(0).readiness());
    assertThat(HtmlReport.render(withDomains(s, List.of(older))))
        .doesNotContain("id=\"dmarc\"")
        .doesNotContain("dmarc-chart");
  }

  @Test
  void dmarcChart_isWellFormedSvg_stackedBySourceClass_withTheNumbers_andNoScript()
      throws Exception {
    String svg = HtmlReport.dmarcChart(DMARC.daily(), 3);

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(root.getAttribute("id")).isEqualTo("dmarc-chart-3");
    assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
    assertThat(svg).doesNotContainPattern("(?i)\\son\\w+=|javascript:|href=");
    // the title counts everything; day 1: SES and known bars, day 3: all three; two pass-rate dots,
    // three legend swatches
    assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent())
        .isEqualTo(
            "Daily messages by source (1,243 in 2 days with reports) and the DMARC pass rate");
    assertThat(svg.split("<rect class=\"bar-ses\"", -1)).hasSize(1 + 2 + 1);
    assertThat(svg.split("<rect class=\"bar-unknown\"", -1)).hasSize(1 + 1 + 1);
    assertThat(svg.split("<circle ", -1)).hasSize(3);
    assertThat(svg)
        .contains("2026-12-06: 623 messages (SES 600, known 20, unknown 3), 99.5% passed DMARC")
        .contains("2026-12-04: 620 messages (SES 600, known 20, unknown 0), 100.0% passed DMARC")
        .contains(">2026-12-04</text>")
        .contains(">2026-12-06</text>")
        .contains(">1,000</text>")
        .contains(">100%</text>");
  }

  @Test
  void dmarcChart_leavesAGapForADayWithoutReports_andScalesToANiceMaximum() {
    String svg = HtmlReport.dmarcChart(DMARC.daily(), 0);
    // three one-day slots over 544 px: the second report's bar starts two slots after the first
    double slot = (640 - 52 - 44) / 3.0;
    double bar = slot * 0.7;
    double x0 = 52 + (slot - bar) / 2;
    assertThat(svg)
        .contains(String.format(Locale.ROOT, "x=\"%.1f\"", x0))
        .contains(String.format(Locale.ROOT, "x=\"%.1f\"", x0 + 2 * slot));
    assertThat(HtmlReport.niceMax(623)).isEqualTo(1000);
    assertThat(HtmlReport.niceMax(1_200_000)).isEqualTo(2_000_000);
    assertThat(HtmlReport.niceMax(50)).isEqualTo(50);
    assertThat(HtmlReport.niceMax(0)).isEqualTo(1);
  }

  @Test
  void auditHtml_rendersTheDmarcSection_fromTheStoredJson() {
    String fromJson = AuditHtml.render(Json.read(Json.write(sample())));
    assertThat(fromJson).isEqualTo(HtmlReport.render(sample()));
  }

  private static AccountAudit withDomains(AccountAudit r, List<DomainReport> domains) {
    return new AccountAudit(
        r.account(),
        r.region(),
        r.runId(),
        r.startedAt(),
        r.finishedAt(),
        r.checks(),
        r.complete(),
        r.notReached(),
        r.findings(),
        r.counts(),
        r.score(),
        r.newFindings(),
        r.resolved(),
        r.unverified(),
        r.pendingAlerts(),
        r.identities(),
        r.sesCalls(),
        r.previousReport(),
        domains,
        r.scoreHistory());
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
    assertThat(ScorePoint.history(null, Instant.EPOCH, 50))
        .containsExactly(new ScorePoint(Instant.EPOCH, 50));
  }
}
