package dev.sesops.cli;

/**
 * The command line cannot be understood: the CLI prints the message and the command's help, and
 * exits 2.
 */
final class UsageException extends RuntimeException {
  private final String command;

  UsageException(String command, String message) {
    super(message);
    this.command = command;
  }

  String command() {
    return command;
  }
}
