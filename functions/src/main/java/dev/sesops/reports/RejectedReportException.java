package dev.sesops.reports;

/** A report object that cannot be read: the message is the reason (never the content). */
final class RejectedReportException extends RuntimeException {
  RejectedReportException(String reason) {
    super(reason);
  }

  RejectedReportException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
