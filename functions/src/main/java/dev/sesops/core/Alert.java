package dev.sesops.core;

/**
 * One notice for people: subject (at most 100 characters, as SNS allows), a readable body, and the
 * message attributes subscribers filter on ({@code account}, {@code severity}, {@code check}, and
 * {@code scope} for anything narrower than the account, e.g. {@code configuration-set:NAME}).
 */
public record Alert(
    String account, String check, String severity, String subject, String body, String scope) {
  public static final int MAX_SUBJECT = 100;

  /** An account-wide alert (no {@code scope} attribute). */
  public Alert(String account, String check, String severity, String subject, String body) {
    this(account, check, severity, subject, body, null);
  }

  public Alert {
    subject = cleanSubject(subject);
  }

  /** SNS subjects: printable ASCII, no line breaks, at most 100 characters. */
  static String cleanSubject(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    String out = sb.toString().strip();
    return out.length() <= MAX_SUBJECT ? out : out.substring(0, MAX_SUBJECT - 3) + "...";
  }
}
