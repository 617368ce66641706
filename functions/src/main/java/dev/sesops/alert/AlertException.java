package dev.sesops.alert;

/** An alert could not be published, or alert state could not be read or written. */
public class AlertException extends RuntimeException {
  public AlertException(String message, Throwable cause) {
    super(message, cause);
  }
}
