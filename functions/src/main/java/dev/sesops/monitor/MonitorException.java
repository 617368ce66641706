package dev.sesops.monitor;

/** The monitor ran but could not do all it must (e.g. alerts were not delivered). */
class MonitorException extends RuntimeException {
  public MonitorException(String message) {
    super(message);
  }
}
