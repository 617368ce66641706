package dev.sesops.api;

import dev.sesops.common.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque {@code next} tokens: SES's own token bound to the listing and filters it came from, so a
 * token replayed with other filters is a 400 instead of a silently wrong page.
 */
final class PageToken {
  private static final String VERSION = "p1";
  private static final int MAX_LENGTH = 8192;

  private PageToken() {}

  /**
   * @return null when there is no next page
   */
  static String encode(String scope, String upstream) {
    if (upstream == null || upstream.isEmpty()) {
      return null;
    }
    String raw = VERSION + "\n" + scope + "\n" + upstream;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** SES's token, or null when {@code next} is absent. */
  static String decode(String scope, String next) {
    if (next == null) {
      return null;
    }
    if (next.isEmpty() || next.length() > MAX_LENGTH) {
      throw invalid();
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = raw.split("\n", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
      throw invalid();
    }
    if (!parts[1].equals(scope)) {
      throw new BadInputException(
          "next",
          "this page token belongs to another listing or other filters; start again without next");
    }
    return parts[2];
  }

  private static BadInputException invalid() {
    return new BadInputException(
        "next", "not a valid page token; use the next value of the previous page");
  }
}
