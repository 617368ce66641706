package dev.sesops.suppression;

/**
 * The trail (or an import source) could not be written or read: nothing was removed on its account.
 */
class TrailException extends RuntimeException {
  public TrailException(String message, Throwable cause) {
    super(message, cause);
  }
}
