package dev.sesops.common;

/** Something named in a request does not exist (an account, an identity, a suppressed address). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
