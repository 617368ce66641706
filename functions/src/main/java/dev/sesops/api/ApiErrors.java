package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.NotFoundException;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigException;
import dev.sesops.suppression.SuppressionListException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place exceptions become statuses: 400 validation, 403 policy, 404 not found, 405, 413,
 * 429 SES throttling (with Retry-After), 501, 502 upstream failure, 504 upstream timeout (an AWS
 * call that did not answer within the request's budget), 500 anything else with a generic message.
 * Bodies are {@code {"error": {"code", "message", "request_id"}}}; never a stack trace or an SDK
 * message.
 */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  static final String RETRY_AFTER_SECONDS = "1";

  private ApiErrors() {}

  static ApiResponse toResponse(Throwable t, String requestId) {
    if (t instanceof ApiException e) {
      if (e.status() >= 500) {
        LOG.warn("request {} answered {} {}", requestId, e.status(), e.code());
      }
      return error(e.status(), e.code(), e.getMessage(), null, requestId, e.headers());
    }
    if (t instanceof BadInputException e) {
      return error(400, "bad_request", e.getMessage(), e.parameter(), requestId, Map.of());
    }
    if (t instanceof NotFoundException e) {
      return error(404, "not_found", e.getMessage(), null, requestId, Map.of());
    }
    if (t instanceof ConfigException e) {
      LOG.error("request {}: the config document cannot be used: {}", requestId, e.getMessage());
      return error(
          500,
          "config_invalid",
          "the ses-ops configuration cannot be used; see the log for request " + requestId,
          null,
          requestId,
          Map.of());
    }
    if (t instanceof SdkException e) {
      return sdk(e, requestId);
    }
    if (t instanceof SuppressionListException e && e.getCause() instanceof SdkException cause) {
      return sdk(cause, requestId);
    }
    if (t instanceof Settings.MissingSettingException e) {
      LOG.error("request {}: {}", requestId, e.getMessage());
      return error(
          503,
          "not_configured",
          "this deployment is missing a setting for this route: " + e.getMessage(),
          null,
          requestId,
          Map.of());
    }
    // the type and where it was thrown, not the message: it may quote request content
    StackTraceElement at = t.getStackTrace().length == 0 ? null : t.getStackTrace()[0];
    LOG.error("request {} failed unexpectedly: {} at {}", requestId, t.getClass().getName(), at);
    return error(
        500,
        "internal_error",
        "internal error; quote request id " + requestId,
        null,
        requestId,
        Map.of());
  }

  private static ApiResponse sdk(SdkException e, String requestId) {
    SdkErrors.Kind kind = SdkErrors.kind(e);
    String what = SdkErrors.describe(e);
    switch (kind) {
      case THROTTLED -> {
        LOG.warn("request {}: SES throttled the call: {}", requestId, what);
        return error(
            429,
            "throttled",
            "SES is throttling this account; retry after " + RETRY_AFTER_SECONDS + " s",
            null,
            requestId,
            Map.of("Retry-After", RETRY_AFTER_SECONDS));
      }
      case ACCESS_DENIED -> {
        LOG.warn("request {}: AWS denied the call: {}", requestId, what);
        return error(
            403,
            "aws_access_denied",
            "AWS denied this call for the account (" + what + ")",
            null,
            requestId,
            Map.of());
      }
      case NOT_FOUND -> {
        return error(
            404, "not_found", "SES does not know it (" + what + ")", null, requestId, Map.of());
      }
      case TIMEOUT -> {
        LOG.warn("request {}: an AWS call did not answer within the request's budget", requestId);
        return error(
            504,
            "upstream_timeout",
            "AWS did not answer in time; try again later (request id " + requestId + ")",
            null,
            requestId,
            Map.of());
      }
      case INVALID -> {
        LOG.warn("request {}: SES rejected the call: {}", requestId, what);
        return error(
            400,
            "ses_rejected",
            "SES rejected the request (" + what + ")",
            null,
            requestId,
            Map.of());
      }
      default -> {
        LOG.warn("request {}: AWS call failed: {} ({})", requestId, what, kind);
        return error(
            502,
            "upstream_error",
            "an AWS call failed; try again later (request id " + requestId + ")",
            null,
            requestId,
            Map.of());
      }
    }
  }

  /** The API's error shape; the local server answers its own refusals in it. */
  public static ApiResponse error(
      int status,
      String code,
      String message,
      String parameter,
      String requestId,
      Map<String, String> headers) {
    ObjectNode body = Json.object();
    ObjectNode err = body.putObject("error");
    err.put("code", code);
    err.put("message", message);
    if (parameter != null) {
      err.put("parameter", parameter);
    }
    err.put("request_id", requestId);
    return new ApiResponse(status, headers, body);
  }
}
