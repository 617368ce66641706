package dev.sesops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WireMock stubs for CloudWatch GetMetricData as SDK 2.40.6+ speaks it: Smithy RPC v2 CBOR ({@code
 * POST /service/GraniteServiceVersion20100801/operation/GetMetricData}), timestamps as CBOR tag 1
 * (epoch seconds).
 */
public final class CloudWatchStubs {
  public static final String PATH =
      "/service/GraniteServiceVersion20100801/operation/GetMetricData";

  private CloudWatchStubs() {}

  /** One metric point (or none when value is null). */
  public record Point(Double value, Instant timestamp) {}

  /**
   * A stub answering for requests signed for {@code region}, with the latest bounce and complaint
   * points.
   */
  public static MappingBuilder metricData(String region, Point bounce, Point complaint) {
    Map<String, Point> results = new LinkedHashMap<>();
    results.put("bounce", bounce);
    results.put("complaint", complaint);
    return post(urlEqualTo(PATH))
        .withHeader("Authorization", containing("/" + region + "/monitoring/"))
        .willReturn(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(body(results)));
  }

  /** The CBOR body of a GetMetricData response with one result per id. */
  public static byte[] body(Map<String, Point> results) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeFieldName("MetricDataResults");
        g.writeStartArray();
        for (Map.Entry<String, Point> e : results.entrySet()) {
          g.writeStartObject();
          g.writeStringField("Id", e.getKey());
          g.writeStringField("Label", e.getKey());
          g.writeFieldName("Timestamps");
          g.writeStartArray();
          if (e.getValue() != null && e.getValue().value() != null) {
            g.writeTag(1);
            g.writeNumber(e.getValue().timestamp().getEpochSecond());
          }
          g.writeEndArray();
          g.writeFieldName("Values");
          g.writeStartArray();
          if (e.getValue() != null && e.getValue().value() != null) {
            g.writeNumber(e.getValue().value());
          }
          g.writeEndArray();
          g.writeStringField("StatusCode", "Complete");
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("Messages");
        g.writeStartArray();
        g.writeEndArray();
        g.writeEndObject();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
