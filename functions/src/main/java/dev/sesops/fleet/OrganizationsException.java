package dev.sesops.fleet;

/**
 * An AWS Organizations call failed; the message names the operation and the error code, never a
 * credential.
 */
final class OrganizationsException extends RuntimeException {
  private final boolean retryable;

  OrganizationsException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  boolean retryable() {
    return retryable;
  }
}
