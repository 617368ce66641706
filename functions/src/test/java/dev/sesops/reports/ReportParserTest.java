package dev.sesops.reports;

import static dev.sesops.reports.ReportFixtures.concat;
import static dev.sesops.reports.ReportFixtures.email;
import static dev.sesops.reports.ReportFixtures.gzip;
import static dev.sesops.reports.ReportFixtures.load;
import static dev.sesops.reports.ReportFixtures.utf8;
import static dev.sesops.reports.ReportFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.reports.AggregateReport.AuthResult;
import dev.sesops.reports.AggregateReport.ReportRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportParserTest {
  private final ReportParser parser = new ReportParser(ReportLimits.defaults());

  private AggregateReport single(String key, byte[] object) {
    ParsedObject p = parser.parse(key, object);
    assertThat(p.rejected()).isEmpty();
    assertThat(p.dmarc()).hasSize(1);
    return p.dmarc().get(0);
  }

  @Test
  void googleReport_insideRawEmailAsZip_isReadWithEveryRecordAndAuthResult() {
    AggregateReport r = single("inbound/0a1b2c", load("google-report.eml"));

    assertThat(r.org()).isEqualTo("google.com");
    assertThat(r.reportId()).isEqualTo("9391651994964116463");
    assertThat(r.begin()).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
    assertThat(r.policy().p()).isEqualTo("none");
    assertThat(r.policy().np()).isEqualTo("none");
    assertThat(r.policy().pct()).isEqualTo(100);
    assertThat(r.records())
        .extracting(ReportRecord::sourceIp)
        .containsExactly("198.51.100.10", "203.0.113.20", "192.0.2.77");
    assertThat(r.messages()).isEqualTo(1243);
    ReportRecord first = r.records().get(0);
    assertThat(first.dkimResults())
        .extracting(AuthResult::domain)
        .containsExactly("example.com", "amazonses.com");
    assertThat(first.dkimResults().get(0).detail()).isEqualTo("abcdefgh12345678");
    assertThat(first.dmarcPass()).isTrue();
    assertThat(r.records().get(2).dmarcPass()).isFalse();
    assertThat(r.records().get(2).spfResults())
        .containsExactly(new AuthResult("example.com", "softfail", null));
    assertThat(r.format()).isEqualTo("rfc7489");
  }

  @Test
  void outlookReport_gzipAttachedToEmail_withSchemaNamespacesAndEnvelopeFields_isRead() {
    byte[] mail =
        email(
            "enterprise.protection.outlook.com!example.com!1796428800!1796515200.xml.gz",
            "application/gzip",
            gzip(load("outlook.xml")));

    AggregateReport r = single("inbound/outlook", mail);

    assertThat(r.org()).isEqualTo("Enterprise Outlook");
    assertThat(r.end()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
    assertThat(r.records())
        .singleElement()
        .satisfies(
            rec -> {
              assertThat(rec.envelopeFrom()).isEqualTo("mail.example.com");
              assertThat(rec.count()).isEqualTo(300);
              assertThat(rec.spfResults())
                  .containsExactly(new AuthResult("mail.example.com", "pass", "mfrom"));
            });
  }

  @Test
  void
      yahooReport_concatenatedGzipMembersWithPadding_upperCaseVerdictsAndMissingOptionalFields_isRead() {
    byte[] xml = load("yahoo.xml");
    int half = xml.length / 2;
    // two gzip members (as some reporters stream them) and zero padding after the last trailer
    byte[] odd =
        concat(
            gzip(Arrays.copyOfRange(xml, 0, half)),
            gzip(Arrays.copyOfRange(xml, half, xml.length)),
            new byte[64]);

    AggregateReport r = single("reports/yahoo.com!example.com!1796428800!1796515199.xml.gz", odd);

    assertThat(r.org()).isEqualTo("Yahoo");
    assertThat(r.policy().p()).isEqualTo("none");
    assertThat(r.policy().adkim()).isEqualTo("r");
    assertThat(r.policy().sp()).isNull();
    assertThat(r.policy().pct()).isNull();
    ReportRecord rec = r.records().get(0);
    assertThat(rec.sourceIp()).isEqualTo("2001:db8:5e5::25");
    assertThat(rec.disposition()).isEqualTo("none");
    assertThat(rec.dkim()).isEqualTo("fail");
    assertThat(rec.headerFrom()).isEqualTo("example.com");
    assertThat(rec.dkimResults())
        .containsExactly(
            new AuthResult("amazonses.com", "pass", null),
            new AuthResult("example.com", "fail", null));
  }

  @Test
  void dmarcbisReport_inItsNamespace_isReadAsDmarcbis() {
    AggregateReport r = single("reports/bis.xml", load("dmarcbis.xml"));

    assertThat(r.format()).isEqualTo("dmarcbis");
    assertThat(r.policy().np()).isEqualTo("reject");
    assertThat(r.policy().pct()).isNull();
    assertThat(r.records().get(0).disposition()).isEqualTo("pass");
    assertThat(r.records().get(0).dkimResults().get(0).detail()).isEqualTo("abcdefgh12345678");
  }

  @Test
  void zipWithTwoReports_oneMalformed_readsTheGoodOneAndRejectsTheOtherWithItsEntryName() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("good.xml", load("google.xml"));
    entries.put(
        "bad.xml",
        utf8("<feedback><report_metadata><org_name>x</org_name></report_metadata></feedback>"));

    ParsedObject p = parser.parse("reports/two.zip", zip(entries));

    assertThat(p.dmarc()).hasSize(1);
    assertThat(p.rejected())
        .singleElement()
        .satisfies(
            rej -> {
              assertThat(rej.key()).isEqualTo("reports/two.zip!bad.xml");
              assertThat(rej.reason())
                  .contains("report_metadata.report_id")
                  .contains("policy_published.domain");
            });
  }

  @Test
  void tlsReport_plainAndGzipped_isReadWithFailureTypes() {
    for (byte[] object :
        new byte[][] {load("google-tlsrpt.json"), gzip(load("google-tlsrpt.json"))}) {
      ParsedObject p = parser.parse("reports/google.com!example.com!tlsrpt.json.gz", object);

      assertThat(p.rejected()).isEmpty();
      assertThat(p.tls())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.org()).isEqualTo("Google Inc.");
                assertThat(t.policies())
                    .singleElement()
                    .satisfies(
                        pol -> {
                          assertThat(pol.type()).isEqualTo("sts");
                          assertThat(pol.domain()).isEqualTo("example.com");
                          assertThat(pol.successful()).isEqualTo(980);
                          assertThat(pol.failed()).isEqualTo(20);
                          assertThat(pol.failures()).containsEntry("certificate-expired", 20L);
                        });
              });
    }
  }

  @Test
  void zipBomb_isRefusedByItsRatio_withoutInflatingIt() {
    byte[] zeros = new byte[50_000_000];
    byte[] bomb = zip(Map.of("report.xml", zeros));

    ParsedObject p = parser.parse("reports/bomb.zip", bomb);

    assertThat(p.dmarc()).isEmpty();
    assertThat(p.rejected())
        .singleElement()
        .satisfies(
            rej -> {
              assertThat(rej.key()).isEqualTo("reports/bomb.zip");
              assertThat(rej.reason()).contains("zip bomb").contains("200 times");
            });
  }

  @Test
  void gzipOverTheTotalDecompressedBudget_isRefused() {
    ReportParser small = new ReportParser(new ReportLimits(10_000_000, 100_000, 10_000, 20, 1000));
    ParsedObject p = small.parse("reports/big.xml.gz", gzip(new byte[200_000]));

    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .contains("more than 100000 bytes in total");
  }

  @Test
  void archiveWithTooManyEntries_isRefused() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 21; i++) {
      entries.put("r" + i + ".xml", load("google.xml"));
    }
    ParsedObject p = parser.parse("reports/many.zip", zip(entries));

    assertThat(p.dmarc()).isEmpty();
    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .contains("more than 20 entries");
  }

  @Test
  void objectOverTheSizeLimit_isRefusedBeforeParsing() {
    ReportParser small = new ReportParser(new ReportLimits(1000, 100_000, 100, 20, 1000));
    ParsedObject p = small.parse("inbound/huge", load("google-report.eml"));

    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .contains("over the limit of 1000");
  }

  @Test
  void externalEntity_isRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-MARKER");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE feedback [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + "<feedback><report_metadata><org_name>&xxe;</org_name><report_id>1</report_id>"
            + "<date_range><begin>1</begin><end>2</end></date_range></report_metadata>"
            + "<policy_published><domain>example.com</domain></policy_published></feedback>";

    ParsedObject p = parser.parse("reports/xxe.xml", utf8(xxe));

    assertThat(p.dmarc()).isEmpty();
    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .contains("DOCTYPE is not allowed")
        .doesNotContain("TOP-SECRET-MARKER");
  }

  @Test
  void entityExpansion_billionLaughs_isRefused() {
    String lol =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
            + "<feedback><report_metadata><org_name>&lol2;</org_name></report_metadata></feedback>";

    ParsedObject p = parser.parse("reports/lol.xml", utf8(lol));

    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .contains("DOCTYPE");
  }

  @Test
  void invalidUtf8_isRefusedWithTheByteOffset() {
    byte[] xml = load("google.xml");
    int at = new String(xml, java.nio.charset.StandardCharsets.UTF_8).indexOf("google.com");
    xml[at] = (byte) 0xC3; // a lead byte followed by ASCII: malformed
    ParsedObject p = parser.parse("reports/bad-utf8.xml", xml);

    assertThat(p.rejected())
        .singleElement()
        .satisfies(
            rej -> {
              assertThat(rej.key()).isEqualTo("reports/bad-utf8.xml");
              assertThat(rej.reason()).isEqualTo("invalid UTF-8 at byte " + at);
            });
  }

  @Test
  void invalidUtf8InTlsReport_isRefusedWithAReason() {
    byte[] json = load("google-tlsrpt.json").clone();
    json[json.length / 2] = (byte) 0xFF;
    ParsedObject p = parser.parse("reports/tls.json", json);

    assertThat(p.tls()).isEmpty();
    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .containsIgnoringCase("UTF-8");
  }

  @Test
  void badSourceIp_isRefusedNamingTheRecord() {
    String xml =
        new String(load("google.xml"), java.nio.charset.StandardCharsets.UTF_8)
            .replace("192.0.2.77", "mail.evil.test");
    ParsedObject p = parser.parse("reports/ip.xml", utf8(xml));

    assertThat(p.rejected())
        .singleElement()
        .extracting(ParsedObject.Rejection::reason)
        .asString()
        .isEqualTo("record[3].row.source_ip: 'mail.evil.test' is not an IP address");
  }

  @Test
  void wrongRootElement_andNonReportBytes_areRefusedWithWhatWasFound() {
    assertThat(
            parser.parse("reports/a.xml", utf8("<html><body/></html>")).rejected().get(0).reason())
        .contains("root element is <html>");
    assertThat(parser.parse("reports/b.bin", new byte[] {1, 2, 3}).rejected().get(0).reason())
        .contains("neither XML, JSON, gzip, zip nor an email");
    assertThat(
            parser
                .parse("reports/c.xml.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0})
                .rejected()
                .get(0)
                .reason())
        .contains("not valid gzip");
  }

  @Test
  void emailWithoutAReport_isRefused() {
    byte[] mail = utf8("From: someone@example.org\r\nSubject: hello\r\n\r\nJust text.\r\n");
    assertThat(parser.parse("inbound/x", mail).rejected().get(0).reason())
        .contains("no DMARC or TLS report inside");
  }
}
