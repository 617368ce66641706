package dev.sesops.api;

import dev.sesops.common.BadInputException;
import java.util.List;
import java.util.Map;

/**
 * One API call as the routes see it, independent of API Gateway's event shape.
 *
 * @param method upper-case HTTP method
 * @param path the raw (still percent-encoded) path, e.g. {@code /accounts/production/quota}
 * @param query query parameters, each with all its values (already decoded by API Gateway)
 * @param headers header names in lower case
 * @param body the request body as text, or null
 * @param requestId API Gateway's request id (or the local server's)
 * @param caller the caller's IAM principal ARN ({@code requestContext.identity.userArn}; locally
 *     the credentials' STS identity), or null when unknown
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String body,
    String requestId,
    String caller) {

  public ApiRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, String> headers,
      String body,
      String requestId) {
    this(method, path, query, headers, body, requestId, null);
  }

  /** Who asked, for the action log: the principal ARN, else the request id. */
  public String who() {
    return caller != null ? caller : "unknown caller (request " + requestId + ")";
  }

  /** The single value of a query parameter, or null; a repeated parameter is a 400. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new BadInputException(name, "given more than once");
    }
    return values.get(0);
  }
}
