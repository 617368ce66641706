package dev.sesops.config;

/**
 * The monitor's thresholds, all in percent (5.0 means 5%).
 *
 * @param bounceThreshold CRITICAL at or above (AWS reviews at 5%)
 * @param complaintThreshold CRITICAL at or above (AWS reviews at 0.1%)
 * @param bounceWarning WARNING at or above (default half the threshold)
 * @param complaintWarning WARNING at or above (default half the threshold)
 * @param dailySendLimitWarning quota use WARNING at or above (default 80)
 * @param dailySendLimitCritical quota use CRITICAL at or above (default 95)
 * @param renotifyHours repeat a CRITICAL alert this often while it lasts (default 24)
 * @param volumeFloor send-statistics rates count only with at least this many delivery attempts
 *     (default 200)
 * @param scopes levels and minimum volumes of the per-scope event rates ({@code monitoring.scopes})
 * @param eventsStaleHours an account that sent mail but whose SES events have not reached ses-ops
 *     for this many hours is WARNING ({@code monitoring.events_stale_hours}, default 6)
 * @param recipientDomains recipient domains per account counted on their own by the events
 *     function; the rest fold into {@code recipient-domain:(other)} ({@code
 *     monitoring.recipient_domains}, default 50)
 */
public record MonitoringConfig(
    double bounceThreshold,
    double complaintThreshold,
    double bounceWarning,
    double complaintWarning,
    double dailySendLimitWarning,
    double dailySendLimitCritical,
    int renotifyHours,
    long volumeFloor,
    ScopeLevels scopes,
    int eventsStaleHours,
    int recipientDomains) {

  public static final int DEFAULT_EVENTS_STALE_HOURS = 6;
  public static final int DEFAULT_RECIPIENT_DOMAINS = 50;

  /** The most a config may ask for: the account's item lists them, and must stay small. */
  public static final int MAX_RECIPIENT_DOMAINS = 500;

  /** Without {@code recipient_domains}: the default (50). */
  public MonitoringConfig(
      double bounceThreshold,
      double complaintThreshold,
      double bounceWarning,
      double complaintWarning,
      double dailySendLimitWarning,
      double dailySendLimitCritical,
      int renotifyHours,
      long volumeFloor,
      ScopeLevels scopes,
      int eventsStaleHours) {
    this(
        bounceThreshold,
        complaintThreshold,
        bounceWarning,
        complaintWarning,
        dailySendLimitWarning,
        dailySendLimitCritical,
        renotifyHours,
        volumeFloor,
        scopes,
        eventsStaleHours,
        DEFAULT_RECIPIENT_DOMAINS);
  }

  /** Without {@code events_stale_hours}: the default (6). */
  public MonitoringConfig(
      double bounceThreshold,
      double complaintThreshold,
      double bounceWarning,
      double complaintWarning,
      double dailySendLimitWarning,
      double dailySendLimitCritical,
      int renotifyHours,
      long volumeFloor,
      ScopeLevels scopes) {
    this(
        bounceThreshold,
        complaintThreshold,
        bounceWarning,
        complaintWarning,
        dailySendLimitWarning,
        dailySendLimitCritical,
        renotifyHours,
        volumeFloor,
        scopes,
        DEFAULT_EVENTS_STALE_HOURS);
  }

  /** Without {@code scopes}: the per-scope event rates use their defaults. */
  public MonitoringConfig(
      double bounceThreshold,
      double complaintThreshold,
      double bounceWarning,
      double complaintWarning,
      double dailySendLimitWarning,
      double dailySendLimitCritical,
      int renotifyHours,
      long volumeFloor) {
    this(
        bounceThreshold,
        complaintThreshold,
        bounceWarning,
        complaintWarning,
        dailySendLimitWarning,
        dailySendLimitCritical,
        renotifyHours,
        volumeFloor,
        ScopeLevels.defaults());
  }

  public MonitoringConfig {
    scopes = scopes == null ? ScopeLevels.defaults() : scopes;
    eventsStaleHours = eventsStaleHours <= 0 ? DEFAULT_EVENTS_STALE_HOURS : eventsStaleHours;
    recipientDomains = recipientDomains <= 0 ? DEFAULT_RECIPIENT_DOMAINS : recipientDomains;
  }

  public static MonitoringConfig defaults() {
    return new MonitoringConfig(5.0, 0.1, 2.5, 0.05, 80.0, 95.0, 24, 200);
  }
}
