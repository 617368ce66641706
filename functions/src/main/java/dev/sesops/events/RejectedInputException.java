package dev.sesops.events;

/**
 * A record that retrying cannot fix (bad JSON, not an SES event, unknown event type): counted,
 * logged, dropped.
 */
final class RejectedInputException extends RuntimeException {
  RejectedInputException(String reason) {
    super(reason, null, false, false);
  }
}
