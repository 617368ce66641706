package dev.sesops.common;

/**
 * Input that cannot be used as given: the message names what is wrong (a path, a parameter), never
 * a secret.
 */
public class BadInputException extends RuntimeException {
  private final String parameter;

  public BadInputException(String message) {
    this(null, message);
  }

  public BadInputException(String parameter, String message) {
    super(parameter == null ? message : parameter + ": " + message);
    this.parameter = parameter;
  }

  /** The parameter or JSON path at fault, when one is known. */
  public String parameter() {
    return parameter;
  }
}
