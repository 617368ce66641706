package dev.sesops.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Masks email addresses for logs, alerts, reports and API bodies: {@code j***@example.com}. */
public final class AddressMask {
  private AddressMask() {}

  /**
   * The first character of the local part, {@code ***}, and the domain; a non-address becomes
   * {@code ***}.
   */
  public static String mask(String address) {
    if (address == null) {
      return null;
    }
    String a = address.trim();
    int at = a.lastIndexOf('@');
    if (at <= 0 || at == a.length() - 1) {
      return "***";
    }
    return a.codePoints()
            .limit(1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        + "***"
        + a.substring(at).toLowerCase(Locale.ROOT);
  }

  /**
   * The mask plus a short digest of the whole (lower-cased) address, so two masked addresses that
   * look alike stay apart and a person holding the list can match one up: {@code
   * j***@example.com#1a2b3c}.
   */
  public static String maskWithRef(String address) {
    if (address == null) {
      return null;
    }
    return mask(address) + "#" + ref(address);
  }

  /** Six hex characters of SHA-256 over the trimmed, lower-cased address. */
  public static String ref(String address) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
