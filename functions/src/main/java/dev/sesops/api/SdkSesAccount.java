package dev.sesops.api;

import dev.sesops.suppression.ListFilter;
import dev.sesops.suppression.SesV2SuppressionList;
import dev.sesops.suppression.SuppressedPage;
import dev.sesops.suppression.SuppressionList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.ListIdentitiesResponse;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

/**
 * {@link SesAccount} over the SDK: SES v1 for identities, quota, statistics and sending; SES v2 for
 * the account status and (through the cleanup's {@link SesV2SuppressionList}) the suppression list;
 * CloudWatch for reputation rates. The clients pace every attempt (see {@code AccountClients}).
 */
final class SdkSesAccount implements SesAccount {
  private static final int BATCH = 100;

  private final SesClient ses;
  private final SesV2Client sesV2;
  private final CloudWatchClient cloudWatch;
  private final SuppressionList suppressionList;

  SdkSesAccount(SesClient ses, SesV2Client sesV2, CloudWatchClient cloudWatch) {
    this.ses = ses;
    this.sesV2 = sesV2;
    this.cloudWatch = cloudWatch;
    this.suppressionList = new SesV2SuppressionList(sesV2);
  }

  private <T> T call(Supplier<T> call) {
    return call.get();
  }

  @Override
  public Quota quota() {
    var r = call(ses::getSendQuota);
    return new Quota(nz(r.max24HourSend()), nz(r.maxSendRate()), nz(r.sentLast24Hours()));
  }

  @Override
  public List<SendDataPoint> sendStatistics() {
    var r = call(ses::getSendStatistics);
    List<SendDataPoint> out = new ArrayList<>();
    r.sendDataPoints().forEach(p -> out.add(new SendDataPoint(p.timestamp(), nz(p.deliveryAttempts()), nz(p.bounces()),
        nz(p.complaints()), nz(p.rejects()))));
    return out;
  }

  @Override
  public AccountStatus accountStatus() {
    GetAccountResponse r = call(() -> sesV2.getAccount(b -> { }));
    return new AccountStatus(r.enforcementStatus(), Boolean.TRUE.equals(r.sendingEnabled()),
        Boolean.TRUE.equals(r.productionAccessEnabled()));
  }

  @Override
  public ReputationRates reputation(Instant now) {
    GetMetricDataResponse r = cloudWatch.getMetricData(b -> b
        .startTime(now.minus(Duration.ofDays(1)))
        .endTime(now)
        .scanBy(ScanBy.TIMESTAMP_DESCENDING)
        .metricDataQueries(query("bounce", "Reputation.BounceRate"), query("complaint", "Reputation.ComplaintRate")));
    Map<String, MetricDataResult> byId = new HashMap<>();
    r.metricDataResults().forEach(m -> byId.put(m.id(), m));
    return new ReputationRates(latest(byId.get("bounce")), latest(byId.get("complaint")),
        latestAt(byId.get("bounce")), latestAt(byId.get("complaint")));
  }

  private static MetricDataQuery query(String id, String metric) {
    return MetricDataQuery.builder().id(id).returnData(true)
        .metricStat(s -> s.stat("Average").period(dev.sesops.monitor.Judgement.REPUTATION_PERIOD_SECONDS)
            .metric(m -> m.namespace("AWS/SES").metricName(metric)))
        .build();
  }

  /** The newest value (results come newest first with TimestampDescending, but do not rely on it). */
  private static Double latest(MetricDataResult m) {
    int i = newestIndex(m);
    return i < 0 ? null : m.values().get(i);
  }

  private static Instant latestAt(MetricDataResult m) {
    int i = newestIndex(m);
    return i < 0 ? null : m.timestamps().get(i);
  }

  private static int newestIndex(MetricDataResult m) {
    if (m == null || !m.hasValues() || m.values().isEmpty() || !m.hasTimestamps() || m.timestamps().size() != m.values().size()) {
      return -1;
    }
    int best = 0;
    for (int i = 1; i < m.timestamps().size(); i++) {
      if (m.timestamps().get(i).isAfter(m.timestamps().get(best))) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public Page<String> identities(IdentityKind kind, String token, int limit) {
    ListIdentitiesResponse r = call(() -> ses.listIdentities(b -> {
      b.maxItems(limit).nextToken(token);
      if (kind != null) {
        b.identityType(kind == IdentityKind.DOMAIN ? IdentityType.DOMAIN : IdentityType.EMAIL_ADDRESS);
      }
    }));
    return new Page<>(List.copyOf(r.identities()), r.nextToken());
  }

  @Override
  public Map<String, Verification> verification(List<String> identities) {
    Map<String, Verification> out = new LinkedHashMap<>();
    for (List<String> batch : batches(identities)) {
      call(() -> ses.getIdentityVerificationAttributes(b -> b.identities(batch))).verificationAttributes()
          .forEach((id, v) -> out.put(id, new Verification(v.verificationStatusAsString(), v.verificationToken())));
    }
    return out;
  }

  @Override
  public Map<String, Dkim> dkim(List<String> identities) {
    Map<String, Dkim> out = new LinkedHashMap<>();
    for (List<String> batch : batches(identities)) {
      call(() -> ses.getIdentityDkimAttributes(b -> b.identities(batch))).dkimAttributes()
          .forEach((id, d) -> out.put(id, new Dkim(Boolean.TRUE.equals(d.dkimEnabled()), d.dkimVerificationStatusAsString(),
              d.hasDkimTokens() ? List.copyOf(d.dkimTokens()) : List.of())));
    }
    return out;
  }

  @Override
  public Map<String, MailFrom> mailFrom(List<String> identities) {
    Map<String, MailFrom> out = new LinkedHashMap<>();
    for (List<String> batch : batches(identities)) {
      call(() -> ses.getIdentityMailFromDomainAttributes(b -> b.identities(batch))).mailFromDomainAttributes()
          .forEach((id, m) -> out.put(id, new MailFrom(m.mailFromDomain(), m.mailFromDomainStatusAsString(),
              m.behaviorOnMXFailureAsString())));
    }
    return out;
  }

  @Override
  public Map<String, Notifications> notifications(List<String> identities) {
    Map<String, Notifications> out = new LinkedHashMap<>();
    for (List<String> batch : batches(identities)) {
      call(() -> ses.getIdentityNotificationAttributes(b -> b.identities(batch))).notificationAttributes()
          .forEach((id, n) -> out.put(id, new Notifications(n.bounceTopic(), n.complaintTopic(), n.deliveryTopic(),
              Boolean.TRUE.equals(n.forwardingEnabled()), n.headersInBounceNotificationsEnabled(),
              n.headersInComplaintNotificationsEnabled(), n.headersInDeliveryNotificationsEnabled())));
    }
    return out;
  }

  @Override
  public void verifyEmail(String address) {
    call(() -> ses.verifyEmailIdentity(b -> b.emailAddress(address)));
  }

  @Override
  public DomainVerification verifyDomain(String domain) {
    String token = call(() -> ses.verifyDomainIdentity(b -> b.domain(domain))).verificationToken();
    List<String> tokens = call(() -> ses.verifyDomainDkim(b -> b.domain(domain))).dkimTokens();
    return new DomainVerification(token, List.copyOf(tokens));
  }

  @Override
  public void setDkimEnabled(String identity, boolean enabled) {
    call(() -> ses.setIdentityDkimEnabled(b -> b.identity(identity).dkimEnabled(enabled)));
  }

  @Override
  public Page<String> configurationSets(String token, int limit) {
    var r = call(() -> ses.listConfigurationSets(b -> b.maxItems(limit).nextToken(token)));
    List<String> names = new ArrayList<>();
    r.configurationSets().forEach(c -> names.add(c.name()));
    return new Page<>(names, r.nextToken());
  }

  @Override
  public Page<Suppressed> suppressed(List<String> reasons, Instant from, Instant to, String token, int limit) {
    SuppressedPage page = suppressionList.list(new ListFilter(Set.copyOf(reasons), from, to, limit), token);
    List<Suppressed> out = new ArrayList<>();
    page.entries().forEach(e -> out.add(new Suppressed(e.emailAddress(), e.reason(), e.lastUpdateTime(), null, null)));
    return new Page<>(out, page.nextToken());
  }

  @Override
  public Optional<Suppressed> suppressedDestination(String address) {
    return suppressionList.get(address)
        .map(e -> new Suppressed(e.emailAddress(), e.reason(), e.lastUpdateTime(), e.messageId(), e.feedbackId()));
  }

  @Override
  public boolean deleteSuppressed(String address) {
    return suppressionList.delete(address);
  }

  @Override
  public String sendEmail(String from, String to, String subject, String body) {
    return call(() -> ses.sendEmail(b -> b.source(from)
        .destination(d -> d.toAddresses(to))
        .message(m -> m.subject(c -> c.data(subject).charset("UTF-8"))
            .body(x -> x.text(c -> c.data(body).charset("UTF-8")))))).messageId();
  }

  private static List<List<String>> batches(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += BATCH) {
      out.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
    }
    return out;
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static long nz(Long l) {
    return l == null ? 0 : l;
  }
}
