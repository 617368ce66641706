package dev.sesops.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates API Gateway REST proxy events (payload v1) to {@link ApiRequest} and {@link
 * ApiResponse} back.
 */
final class ApiEvents {
  private ApiEvents() {}

  static ApiRequest request(APIGatewayProxyRequestEvent event, String fallbackRequestId) {
    if (event == null) {
      throw new BadInputException("event", "expected an API Gateway proxy event (a JSON object)");
    }
    String method = event.getHttpMethod();
    if (method == null) {
      throw new BadInputException("event.httpMethod", "missing");
    }
    String path = event.getPath();
    if (path == null) {
      throw new BadInputException("event.path", "missing");
    }
    APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
    String requestId = context == null ? null : context.getRequestId();
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (event.getMultiValueQueryStringParameters() != null) {
      event
          .getMultiValueQueryStringParameters()
          .forEach(
              (k, v) ->
                  query.put(
                      k, v == null ? List.of() : v.stream().map(x -> x == null ? "" : x).toList()));
    } else if (event.getQueryStringParameters() != null) {
      event.getQueryStringParameters().forEach((k, v) -> query.put(k, List.of(v == null ? "" : v)));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (event.getHeaders() != null) {
      event
          .getHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v));
    }
    String body = event.getBody();
    if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      if (body.length() > SesOpsApi.MAX_BODY_BYTES * 4 / 3 + 8) {
        throw new ApiException(413, "payload_too_large", "the body is larger than 64 KB");
      }
      try {
        body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("body", "isBase64Encoded is true but the body is not base64");
      }
    }
    // IAM auth: API Gateway puts the signer's principal here; nobody else can set it
    String caller =
        context == null || context.getIdentity() == null
            ? null
            : context.getIdentity().getUserArn();
    return new ApiRequest(
        method.toUpperCase(Locale.ROOT),
        path,
        query,
        headers,
        body,
        requestId == null ? fallbackRequestId : requestId,
        caller);
  }

  static APIGatewayProxyResponseEvent response(ApiResponse r) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(r.status())
        .withHeaders(new LinkedHashMap<>(r.allHeaders()))
        .withBody(Json.write(r.body()))
        .withIsBase64Encoded(false);
  }
}
