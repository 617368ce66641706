package dev.sesops.config;

import java.util.regex.Pattern;

/**
 * Recognises a template's placeholder by its shape ({@code YOUR_PRODUCTION_AWS_ACCESS_KEY_ID_HERE},
 * {@code REPLACE...}, {@code CHANGE_ME}, {@code <...>}, a word {@code EXAMPLE} set off by {@code _}
 * or {@code -}), so a first run says "still the template's placeholder" instead of "not an access
 * key id". AWS's documentation keys ({@code AKIAIOSFODNN7EXAMPLE}) have a real key's shape and are
 * not matched: they are what tests and examples use as stand-ins.
 */
final class Placeholders {
  private static final Pattern SHAPE =
      Pattern.compile(
          "(?i)your[_-].*[_-]here|replace.*|change[_-]?me|<[^>]*>|(.*[_-])?example([_-].*)?");

  private Placeholders() {}

  static boolean is(String value) {
    return value != null && SHAPE.matcher(value.trim()).matches();
  }

  /**
   * The placeholder for a message: placeholders are not secrets, but keep it short and printable.
   */
  static String shown(String value) {
    String v = value.trim().replaceAll("\\p{Cntrl}", "?");
    return v.length() > 64 ? v.substring(0, 61) + "..." : v;
  }
}
