package dev.sesops.audit;

/**
 * The audit could not do its own job (store or read a report, finish an account): never carries a
 * secret.
 */
class AuditException extends RuntimeException {
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
