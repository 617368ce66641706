package dev.sesops.alert;

/**
 * One notice for people: subject (at most 100 characters, as SNS allows), a readable body, and the
 * message attributes subscribers filter on ({@code account}, {@code severity}, {@code check}).
 */
public record Alert(String account, String check, String severity, String subject, String body) {
  public static final int MAX_SUBJECT = 100;

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
