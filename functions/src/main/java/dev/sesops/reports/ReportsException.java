package dev.sesops.reports;

/**
 * The reports function could not read or store something (S3, DynamoDB, DNS): retryable as a whole.
 */
final class ReportsException extends RuntimeException {
  ReportsException(String message, Throwable cause) {
    super(message, cause);
  }
}
