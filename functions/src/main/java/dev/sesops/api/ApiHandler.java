package dev.sesops.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.aws.Priming;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** API Gateway (REST, {proxy+}) entry point: every ses-helper command as a route. */
public class ApiHandler implements RequestStreamHandler {
  static {
    // SnapStart: prime SDK clients and JSON before the snapshot (a no-op without CRaC)
    Priming.register();
  }

  private final SesOpsApi api;

  /** With the API its composition root built ({@code wiring.ApiFunction}). */
  protected ApiHandler(SesOpsApi api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    ApiResponse response;
    try {
      response = api.handle(ApiEvents.request(Json.read(input), context.getAwsRequestId()));
    } catch (RuntimeException e) {
      // the event itself is unusable (not JSON, not a proxy event): still answer in the API's error
      // shape
      response = ApiErrors.toResponse(e, context.getAwsRequestId());
    }
    output.write(Json.write(ApiEvents.response(response)).getBytes(StandardCharsets.UTF_8));
  }
}
