package dev.sesops.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.Priming;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * S3 object-created events (raw mail under {@code inbound/}, report files under {@code reports/})
 * to {@link ReportsService}.
 */
public class ReportsHandler implements RequestStreamHandler {
  static {
    Priming.register();
  }

  private final ReportsService service;

  /** With the service its composition root built ({@code wiring.ReportsFunction}). */
  protected ReportsHandler(ReportsService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    IngestResult result = service.ingest(objects(Json.read(input)));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The (bucket, key) of each record; keys arrive URL-encoded with '+' for a space, as S3 sends
   * them.
   */
  static List<ReportsService.StoredObject> objects(JsonNode event) {
    JsonNode records = event.path("Records");
    if (!records.isArray()) {
      throw new BadInputException("Records", "expected the S3 event's list of records");
    }
    List<ReportsService.StoredObject> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode s3 = records.get(i).path("s3");
      String bucket = s3.path("bucket").path("name").asText("");
      String key = s3.path("object").path("key").asText("");
      if (bucket.isEmpty() || key.isEmpty()) {
        throw new BadInputException(
            "Records[" + i + "].s3", "bucket.name and object.key are required");
      }
      out.add(
          new ReportsService.StoredObject(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8)));
    }
    return out;
  }
}
