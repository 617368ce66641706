package dev.sesops.common;

/** Masks recipient addresses for logs, alerts and messages: {@code j***@example.com}. */
public final class Mask {
  private Mask() {}

  /** The first character of the local part and the domain; anything without an @ is fully masked. */
  public static String address(String address) {
    if (address == null) {
      return "null";
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return "***";
    }
    return address.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        + "***" + address.substring(at);
  }
}
