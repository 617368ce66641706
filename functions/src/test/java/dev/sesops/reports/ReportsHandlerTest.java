package dev.sesops.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import org.junit.jupiter.api.Test;

class ReportsHandlerTest {

  @Test
  void s3Event_yieldsBucketAndUrlDecodedKey() {
    var objects =
        ReportsHandler.objects(
            Json.read(
                new String(
                    ReportFixtures.load("s3-report-file.json"),
                    java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(objects)
        .containsExactly(
            new ReportsService.StoredObject(
                "ses-ops-reports-111122223333",
                "reports/yahoo.com!example.com!1796428800!1796515199.xml.gz"));
  }

  @Test
  void inboundMailEvent_yieldsTheRawMessageKey() {
    var objects =
        ReportsHandler.objects(
            Json.read(
                new String(
                    ReportFixtures.load("s3-inbound-mail.json"),
                    java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(objects)
        .extracting(ReportsService.StoredObject::key)
        .containsExactly("inbound/0a1b2c3d4e5f6g7h8i9j");
  }

  @Test
  void eventWithoutRecords_isRejectedNamingTheField() {
    assertThatThrownBy(() -> ReportsHandler.objects(Json.read("{\"detail\": {}}")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("Records");
    String malformed =
        new String(
            ReportFixtures.load("s3-malformed.json"), java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReportsHandler.objects(Json.read(malformed)))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Records[0].s3: bucket.name and object.key are required");
  }
}
