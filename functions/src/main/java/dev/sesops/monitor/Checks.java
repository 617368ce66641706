package dev.sesops.monitor;

/**
 * The check names the monitor reports and alerts on (stable: they key alert state and SNS filters).
 */
final class Checks {
  static final String ENFORCEMENT = "enforcement_status";
  static final String SENDING = "sending_enabled";
  static final String SANDBOX = "sandbox";
  static final String QUOTA = "quota";
  static final String BOUNCE = "bounce_rate";
  static final String COMPLAINT = "complaint_rate";
  static final String SEND_STATS = "send_statistics";
  static final String MONITORING = "monitoring";

  private Checks() {}

  static String label(String check) {
    return switch (check) {
      case ENFORCEMENT -> "enforcement status";
      case SENDING -> "sending";
      case SANDBOX -> "sandbox";
      case QUOTA -> "daily quota use";
      case BOUNCE -> "bounce rate";
      case COMPLAINT -> "complaint rate";
      case SEND_STATS -> "send statistics";
      case MONITORING -> "monitoring";
      default -> check;
    };
  }
}
