package dev.sesops.suppression;

import dev.sesops.aws.SdkErrors;

/**
 * A suppression-list call failed. The message names the operation and the SES error code, never an
 * address or the service's own message (it can echo the request).
 */
public class SuppressionListException extends RuntimeException {
  private final SdkErrors.Kind kind;

  public SuppressionListException(String message, SdkErrors.Kind kind, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public SdkErrors.Kind kind() {
    return kind;
  }

  /** Throttling: back off and try again. */
  public boolean throttled() {
    return kind == SdkErrors.Kind.THROTTLED;
  }
}
