package dev.sesops.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API needs from one account's SES (v1 and v2) and its CloudWatch reputation metrics. The
 * adapter speaks the SDK; tests use an in-memory fake.
 */
public interface SesAccount {

  /** GetSendQuota. max24HourSend -1 means unlimited. */
  record Quota(double max24HourSend, double maxSendRate, double sentLast24Hours) {}

  /** One 15-minute GetSendStatistics data point. */
  record SendDataPoint(
      Instant timestamp, long deliveryAttempts, long bounces, long complaints, long rejects) {}

  /** SES v2 GetAccount: the authoritative health signal. */
  record AccountStatus(
      String enforcementStatus, boolean sendingEnabled, boolean productionAccessEnabled) {}

  /** CloudWatch AWS/SES reputation rates as fractions; null when there is no data (unknown). */
  record ReputationRates(
      Double bounceRate, Double complaintRate, Instant bounceAt, Instant complaintAt) {}

  /** One page and the token of the next (null: last page). */
  record Page<T>(List<T> items, String next) {}

  record Verification(String status, String token) {}

  record Dkim(boolean enabled, String status, List<String> tokens) {}

  record MailFrom(String domain, String status, String behaviorOnMxFailure) {}

  record Notifications(
      String bounceTopic,
      String complaintTopic,
      String deliveryTopic,
      boolean forwardingEnabled,
      Boolean headersInBounceNotificationsEnabled,
      Boolean headersInComplaintNotificationsEnabled,
      Boolean headersInDeliveryNotificationsEnabled) {}

  /** A suppression list entry (details carry the message and feedback ids). */
  record Suppressed(
      String emailAddress,
      String reason,
      Instant lastUpdateTime,
      String messageId,
      String feedbackId) {}

  /** Domain verification: the TXT token and the three Easy DKIM tokens. */
  record DomainVerification(String verificationToken, List<String> dkimTokens) {}

  enum IdentityKind {
    EMAIL_ADDRESS,
    DOMAIN
  }

  Quota quota();

  List<SendDataPoint> sendStatistics();

  AccountStatus accountStatus();

  ReputationRates reputation(Instant now);

  Page<String> identities(IdentityKind kind, String token, int limit);

  /** Batched (up to 100); identities SES does not know are absent from the map. */
  Map<String, Verification> verification(List<String> identities);

  Map<String, Dkim> dkim(List<String> identities);

  Map<String, MailFrom> mailFrom(List<String> identities);

  Map<String, Notifications> notifications(List<String> identities);

  void verifyEmail(String address);

  DomainVerification verifyDomain(String domain);

  void setDkimEnabled(String identity, boolean enabled);

  /**
   * SES v1 SetIdentityNotificationTopic: where SES publishes {@code type} (Bounce, Complaint or
   * Delivery) notifications of the identity; {@code topicArn} null stops them.
   */
  void setNotificationTopic(String identity, String type, String topicArn);

  Page<String> configurationSets(String token, int limit);

  Page<Suppressed> suppressed(
      List<String> reasons, Instant from, Instant to, String token, int limit);

  Optional<Suppressed> suppressedDestination(String address);

  /**
   * @return false when the address was not on the list
   */
  boolean deleteSuppressed(String address);

  /**
   * @return the message id
   */
  String sendEmail(String from, String to, String subject, String body);
}
