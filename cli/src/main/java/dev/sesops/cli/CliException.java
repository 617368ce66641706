package dev.sesops.cli;

/** The CLI could not do its job (no credentials, API unreachable): printed as one line, exit 1. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message);
  }
}
