package dev.sesops.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sesops.aws.Priming;
import java.util.Objects;

/** API Gateway (REST, {proxy+}) entry point: every ses-helper command as a route. */
public class ApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
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
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    ApiResponse response;
    try {
      response = api.handle(ApiEvents.request(event, context.getAwsRequestId()));
    } catch (RuntimeException e) {
      // the event itself is unusable (not a proxy event): still answer in the API's error shape
      response = ApiErrors.toResponse(e, context.getAwsRequestId());
    }
    return ApiEvents.response(response);
  }
}
