package dev.sesops.protection;

/** The action log or the state table could not be written or read: nothing was changed in SES. */
public class ProtectionException extends RuntimeException {
  public ProtectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
