package dev.sesops.common;

/** Masks recipient addresses for logs, alerts, API bodies and exception messages: {@code j***@example.com}. */
public final class Mask {
  private Mask() {}

  /** The first character of the local part, three stars, and the domain; {@code ***} when it is not an address. */
  public static String address(String address) {
    if (address == null) {
      return null;
    }
    String a = address.strip();
    int at = a.lastIndexOf('@');
    if (at <= 0 || at == a.length() - 1) {
      return "***";
    }
    int first = a.codePointAt(0);
    return new String(Character.toChars(first)) + "***" + a.substring(at);
  }
}
