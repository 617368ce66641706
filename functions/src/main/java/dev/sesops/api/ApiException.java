package dev.sesops.api;

import java.util.Map;

/**
 * An error the API answers with a specific status and code (403 policy, 405, 413, 501, ...). The
 * message is shown to the caller, so it never holds a secret or a full recipient address.
 */
class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> headers;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(int status, String code, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  static ApiException notImplemented(String what) {
    return new ApiException(501, "not_implemented", what + " is not available in this build");
  }
}
