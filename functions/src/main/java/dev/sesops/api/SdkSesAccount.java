package dev.sesops.api;

import dev.sesops.monitor.Judgement;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Page;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.SesGateway.IdentityKind;
import dev.sesops.ses.SuppressedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SesAccount} over the account's {@link SesGateway}: every call is one gateway call (paced
 * per account, Region and operation by the clients, see {@code AccountClients}).
 */
public final class SdkSesAccount implements SesAccount {
  private final SesGateway gateway;

  public SdkSesAccount(SesGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public Quota quota() {
    return gateway.quota();
  }

  @Override
  public List<SendPoint> sendStatistics() {
    return gateway.sendStatistics();
  }

  @Override
  public AccountStatus accountStatus() {
    return gateway.account();
  }

  @Override
  public Reputation reputation(Instant now) {
    return gateway.reputation(
        now.minus(Duration.ofDays(1)), now, Judgement.REPUTATION_PERIOD_SECONDS);
  }

  @Override
  public Page<String> identities(IdentityKind kind, String token, int limit) {
    return gateway.identities(kind, token, limit);
  }

  @Override
  public Map<String, SesGateway.Verification> verification(List<String> identities) {
    return gateway.verification(identities);
  }

  @Override
  public Map<String, SesGateway.Dkim> dkim(List<String> identities) {
    return gateway.dkim(identities);
  }

  @Override
  public Map<String, SesGateway.MailFrom> mailFrom(List<String> identities) {
    return gateway.mailFrom(identities);
  }

  @Override
  public Map<String, SesGateway.Notifications> notifications(List<String> identities) {
    return gateway.notifications(identities);
  }

  @Override
  public void verifyEmail(String address) {
    gateway.verifyEmail(address);
  }

  @Override
  public DomainVerification verifyDomain(String domain) {
    String token = gateway.verifyDomain(domain);
    return new DomainVerification(token, gateway.verifyDomainDkim(domain));
  }

  @Override
  public void setDkimEnabled(String identity, boolean enabled) {
    gateway.setDkimEnabled(identity, enabled);
  }

  @Override
  public void setNotificationTopic(String identity, String type, String topicArn) {
    gateway.setNotificationTopic(identity, type, topicArn);
  }

  @Override
  public Page<String> configurationSets(String token, int limit) {
    return gateway.configurationSets(token, limit);
  }

  @Override
  public Page<SuppressedEntry> suppressed(
      List<String> reasons, Instant from, Instant to, String token, int limit) {
    return gateway.suppressedDestinations(Set.copyOf(reasons), from, to, limit, token);
  }

  @Override
  public Optional<SuppressedEntry> suppressedDestination(String address) {
    return gateway.suppressedDestination(address);
  }

  @Override
  public boolean deleteSuppressed(String address) {
    return gateway.deleteSuppressedDestination(address);
  }

  @Override
  public String sendEmail(String from, String to, String subject, String body) {
    return gateway.sendEmail(from, to, subject, body);
  }
}
