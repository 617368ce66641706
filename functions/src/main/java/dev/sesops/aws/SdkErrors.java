package dev.sesops.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Classifies SDK failures into a few kinds the logic acts on, and describes them without echoing
 * messages.
 */
public final class SdkErrors {
  /** The kind of failure. */
  public enum Kind {
    THROTTLED,
    ACCESS_DENIED,
    BAD_CREDENTIALS,
    NOT_FOUND,
    INVALID,
    SERVER_ERROR,
    TIMEOUT,
    NETWORK,
    OTHER
  }

  private SdkErrors() {}

  public static Kind kind(Throwable t) {
    if (t instanceof AwsServiceException e) {
      if (e.isThrottlingException() || e.statusCode() == 429) {
        return Kind.THROTTLED;
      }
      String code =
          e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
      if (code.contains("AccessDenied")
          || code.equals("UnauthorizedOperation")
          || code.equals("AuthorizationError")) {
        return Kind.ACCESS_DENIED;
      }
      if (code.equals("InvalidClientTokenId")
          || code.equals("SignatureDoesNotMatch")
          || code.equals("ExpiredToken")
          || code.equals("UnrecognizedClientException")
          || code.equals("InvalidAccessKeyId")
          || e.statusCode() == 401) {
        return Kind.BAD_CREDENTIALS;
      }
      if (e.statusCode() == 403) {
        return Kind.ACCESS_DENIED;
      }
      if (e.statusCode() == 404 || code.contains("NotFound") || code.contains("NoSuch")) {
        return Kind.NOT_FOUND;
      }
      if (e.statusCode() >= 500) {
        return Kind.SERVER_ERROR;
      }
      if (e.statusCode() >= 400) {
        return Kind.INVALID;
      }
      return Kind.OTHER;
    }
    if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
      return Kind.TIMEOUT;
    }
    if (t instanceof SdkClientException) {
      Throwable c = t.getCause();
      if (c instanceof java.io.IOException) {
        return Kind.NETWORK;
      }
      if (t.getMessage() != null && t.getMessage().contains("credentials")) {
        return Kind.BAD_CREDENTIALS;
      }
      return Kind.NETWORK;
    }
    return Kind.OTHER;
  }

  /**
   * A short description safe for logs, alerts and API bodies: the service error code and HTTP
   * status, never the service's message (it can echo request content).
   */
  public static String describe(Throwable t) {
    if (t instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return (code == null ? "error" : code) + " (HTTP " + e.statusCode() + ")";
    }
    if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
      return "timed out (the run's time budget)";
    }
    if (t instanceof SdkException) {
      Throwable c = t.getCause();
      return c != null ? "client error: " + c.getClass().getSimpleName() : "client error";
    }
    return t.getClass().getSimpleName();
  }

  public static boolean isThrottling(Throwable t) {
    return kind(t) == Kind.THROTTLED;
  }
}
