package dev.sesops.api;

import dev.sesops.aws.SesGateway;
import dev.sesops.common.Lazy;
import dev.sesops.monitor.Judgement;
import dev.sesops.suppression.ListFilter;
import dev.sesops.suppression.SesV2SuppressionList;
import dev.sesops.suppression.SuppressedPage;
import dev.sesops.suppression.SuppressionList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * {@link SesAccount} over the account's {@link SesGateway} (status, quota, statistics, reputation,
 * identities and their attributes), SES v1 writes (verify, DKIM, send) and, through the cleanup's
 * {@link SesV2SuppressionList}, the suppression list. The clients pace every attempt (see {@code
 * AccountClients}).
 */
public final class SdkSesAccount implements SesAccount {
  private final SesGateway gateway;
  private final Supplier<SesClient> ses;
  private final Supplier<SuppressionList> suppressionList;

  /**
   * Reads through the account's gateway; writes (verify, DKIM, send) on its SES v1 client. The
   * clients are built on first use: one command builds only the clients its calls need.
   */
  public SdkSesAccount(SesGateway gateway, Supplier<SesClient> ses, Supplier<SesV2Client> sesV2) {
    this.gateway = gateway;
    this.ses = Lazy.of(ses);
    this.suppressionList = Lazy.of(() -> new SesV2SuppressionList(sesV2.get(), gateway));
  }

  private <T> T call(Supplier<T> call) {
    return call.get();
  }

  @Override
  public Quota quota() {
    SesGateway.Quota q = gateway.quota();
    return new Quota(q.max24HourSend(), q.maxSendRate(), q.sentLast24Hours());
  }

  @Override
  public List<SendDataPoint> sendStatistics() {
    List<SendDataPoint> out = new ArrayList<>();
    gateway
        .sendStatistics()
        .forEach(
            p ->
                out.add(
                    new SendDataPoint(
                        p.timestamp(),
                        p.deliveryAttempts(),
                        p.bounces(),
                        p.complaints(),
                        p.rejects())));
    return out;
  }

  @Override
  public AccountStatus accountStatus() {
    SesGateway.Account r = gateway.account();
    return new AccountStatus(
        r.enforcementStatus(),
        Boolean.TRUE.equals(r.sendingEnabled()),
        Boolean.TRUE.equals(r.productionAccessEnabled()));
  }

  @Override
  public ReputationRates reputation(Instant now) {
    SesGateway.Reputation r =
        gateway.reputation(now.minus(Duration.ofDays(1)), now, Judgement.REPUTATION_PERIOD_SECONDS);
    return new ReputationRates(
        r.bounce().value(),
        r.complaint().value(),
        r.bounce().timestamp(),
        r.complaint().timestamp());
  }

  @Override
  public Page<String> identities(IdentityKind kind, String token, int limit) {
    IdentityType type =
        kind == null
            ? null
            : kind == IdentityKind.DOMAIN ? IdentityType.DOMAIN : IdentityType.EMAIL_ADDRESS;
    SesGateway.Page p = gateway.identities(type, token, limit);
    return new Page<>(p.items(), p.next());
  }

  @Override
  public Map<String, Verification> verification(List<String> identities) {
    Map<String, Verification> out = new LinkedHashMap<>();
    gateway
        .verification(identities)
        .forEach(
            (id, v) ->
                out.put(
                    id, new Verification(v.verificationStatusAsString(), v.verificationToken())));
    return out;
  }

  @Override
  public Map<String, Dkim> dkim(List<String> identities) {
    Map<String, Dkim> out = new LinkedHashMap<>();
    gateway
        .dkim(identities)
        .forEach(
            (id, d) ->
                out.put(
                    id,
                    new Dkim(
                        Boolean.TRUE.equals(d.dkimEnabled()),
                        d.dkimVerificationStatusAsString(),
                        d.hasDkimTokens() ? List.copyOf(d.dkimTokens()) : List.of())));
    return out;
  }

  @Override
  public Map<String, MailFrom> mailFrom(List<String> identities) {
    Map<String, MailFrom> out = new LinkedHashMap<>();
    gateway
        .mailFrom(identities)
        .forEach(
            (id, m) ->
                out.put(
                    id,
                    new MailFrom(
                        m.mailFromDomain(),
                        m.mailFromDomainStatusAsString(),
                        m.behaviorOnMXFailureAsString())));
    return out;
  }

  @Override
  public Map<String, Notifications> notifications(List<String> identities) {
    Map<String, Notifications> out = new LinkedHashMap<>();
    gateway
        .notifications(identities)
        .forEach(
            (id, n) ->
                out.put(
                    id,
                    new Notifications(
                        n.bounceTopic(),
                        n.complaintTopic(),
                        n.deliveryTopic(),
                        Boolean.TRUE.equals(n.forwardingEnabled()),
                        n.headersInBounceNotificationsEnabled(),
                        n.headersInComplaintNotificationsEnabled(),
                        n.headersInDeliveryNotificationsEnabled())));
    return out;
  }

  @Override
  public void verifyEmail(String address) {
    call(() -> ses.get().verifyEmailIdentity(b -> b.emailAddress(address)));
  }

  @Override
  public DomainVerification verifyDomain(String domain) {
    String token =
        call(() -> ses.get().verifyDomainIdentity(b -> b.domain(domain))).verificationToken();
    List<String> tokens =
        call(() -> ses.get().verifyDomainDkim(b -> b.domain(domain))).dkimTokens();
    return new DomainVerification(token, List.copyOf(tokens));
  }

  @Override
  public void setDkimEnabled(String identity, boolean enabled) {
    call(() -> ses.get().setIdentityDkimEnabled(b -> b.identity(identity).dkimEnabled(enabled)));
  }

  @Override
  public void setNotificationTopic(String identity, String type, String topicArn) {
    call(
        () ->
            ses.get()
                .setIdentityNotificationTopic(
                    b -> b.identity(identity).notificationType(type).snsTopic(topicArn)));
  }

  @Override
  public Page<String> configurationSets(String token, int limit) {
    var r = call(() -> ses.get().listConfigurationSets(b -> b.maxItems(limit).nextToken(token)));
    List<String> names = new ArrayList<>();
    r.configurationSets().forEach(c -> names.add(c.name()));
    return new Page<>(names, r.nextToken());
  }

  @Override
  public Page<Suppressed> suppressed(
      List<String> reasons, Instant from, Instant to, String token, int limit) {
    SuppressedPage page =
        suppressionList.get().list(new ListFilter(Set.copyOf(reasons), from, to, limit), token);
    List<Suppressed> out = new ArrayList<>();
    page.entries()
        .forEach(
            e ->
                out.add(
                    new Suppressed(e.emailAddress(), e.reason(), e.lastUpdateTime(), null, null)));
    return new Page<>(out, page.nextToken());
  }

  @Override
  public Optional<Suppressed> suppressedDestination(String address) {
    return suppressionList
        .get()
        .get(address)
        .map(
            e ->
                new Suppressed(
                    e.emailAddress(),
                    e.reason(),
                    e.lastUpdateTime(),
                    e.messageId(),
                    e.feedbackId()));
  }

  @Override
  public boolean deleteSuppressed(String address) {
    return suppressionList.get().delete(address);
  }

  @Override
  public String sendEmail(String from, String to, String subject, String body) {
    return call(() ->
            ses.get()
                .sendEmail(
                    b ->
                        b.source(from)
                            .destination(d -> d.toAddresses(to))
                            .message(
                                m ->
                                    m.subject(c -> c.data(subject).charset("UTF-8"))
                                        .body(x -> x.text(c -> c.data(body).charset("UTF-8"))))))
        .messageId();
  }
}
