package dev.sesops.api;

import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Page;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.SesGateway.IdentityKind;
import dev.sesops.ses.SuppressedEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API needs from one account's SES (v1 and v2) and its CloudWatch reputation metrics, in
 * the records of {@link SesGateway}'s package. The adapter is the account's gateway; tests use an
 * in-memory fake.
 */
public interface SesAccount {

  /** Domain verification: the TXT token and the three Easy DKIM tokens. */
  record DomainVerification(String verificationToken, List<String> dkimTokens) {}

  Quota quota();

  List<SendPoint> sendStatistics();

  AccountStatus accountStatus();

  /** The newest reputation points of the last day. */
  Reputation reputation(Instant now);

  Page<String> identities(IdentityKind kind, String token, int limit);

  /** Batched (up to 100); identities SES does not know are absent from the map. */
  Map<String, SesGateway.Verification> verification(List<String> identities);

  Map<String, SesGateway.Dkim> dkim(List<String> identities);

  Map<String, SesGateway.MailFrom> mailFrom(List<String> identities);

  Map<String, SesGateway.Notifications> notifications(List<String> identities);

  void verifyEmail(String address);

  DomainVerification verifyDomain(String domain);

  void setDkimEnabled(String identity, boolean enabled);

  /**
   * SES v1 SetIdentityNotificationTopic: where SES publishes {@code type} (Bounce, Complaint or
   * Delivery) notifications of the identity; {@code topicArn} null stops them.
   */
  void setNotificationTopic(String identity, String type, String topicArn);

  Page<String> configurationSets(String token, int limit);

  Page<SuppressedEntry> suppressed(
      List<String> reasons, Instant from, Instant to, String token, int limit);

  Optional<SuppressedEntry> suppressedDestination(String address);

  /**
   * @return false when the address was not on the list
   */
  boolean deleteSuppressed(String address);

  /**
   * @return the message id
   */
  String sendEmail(String from, String to, String subject, String body);
}
