package dev.sesops.aws;

import dev.sesops.common.Lazy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityDkimAttributes;
import software.amazon.awssdk.services.ses.model.IdentityMailFromDomainAttributes;
import software.amazon.awssdk.services.ses.model.IdentityNotificationAttributes;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.IdentityVerificationAttributes;
import software.amazon.awssdk.services.ses.model.ListIdentitiesResponse;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

/**
 * One account's SES, the one place its SES reads are spoken to the SDK: SES v2 GetAccount, SES v1
 * quota, statistics, identities and their attributes (batched, 100 identities a call), CloudWatch
 * reputation. Every call goes through the account's clients from {@link AccountClients#sesGateway},
 * so it is paced (one pacer per account and Region), retried by the SDK and bounded by the thread's
 * {@link CallDeadline}. Add new SES calls here (ListRecommendations, tenants, sending options) and
 * map them to a capability's own records in its adapter.
 */
public final class SesGateway {
  /** SES v1 attribute calls take at most this many identities. */
  public static final int BATCH = 100;

  /** GetAccount, as the capabilities read it; null fields were not reported. */
  public record Account(
      String enforcementStatus,
      Boolean sendingEnabled,
      Boolean productionAccessEnabled,
      String vdmEnabled,
      List<String> suppressedReasons) {}

  public record Quota(double max24HourSend, double maxSendRate, double sentLast24Hours) {}

  public record SendPoint(
      Instant timestamp, long deliveryAttempts, long bounces, long complaints, long rejects) {}

  /** A CloudWatch point; value null when there is none. */
  public record MetricPoint(Double value, Instant timestamp) {
    static MetricPoint none() {
      return new MetricPoint(null, null);
    }
  }

  /**
   * The newest {@code Reputation.BounceRate} and {@code Reputation.ComplaintRate} points
   * (fractions).
   */
  public record Reputation(MetricPoint bounce, MetricPoint complaint) {}

  /** One page of identity names. */
  public record Page(List<String> items, String next) {}

  private final Supplier<SesClient> ses;
  private final Supplier<SesV2Client> sesV2;
  private final Supplier<CloudWatchClient> cloudWatch;

  /**
   * The clients are built on their first call: a command that reads the quota builds SES v1's only.
   */
  SesGateway(
      Supplier<SesClient> ses, Supplier<SesV2Client> sesV2, Supplier<CloudWatchClient> cloudWatch) {
    this.ses = Lazy.of(Objects.requireNonNull(ses, "ses"));
    this.sesV2 = Lazy.of(Objects.requireNonNull(sesV2, "sesV2"));
    this.cloudWatch = Lazy.of(Objects.requireNonNull(cloudWatch, "cloudWatch"));
  }

  private SesClient ses() {
    return ses.get();
  }

  private SesV2Client sesV2() {
    return sesV2.get();
  }

  private CloudWatchClient cloudWatch() {
    return cloudWatch.get();
  }

  public Account account() {
    GetAccountResponse r = sesV2().getAccount(b -> {});
    return new Account(
        r.enforcementStatus(),
        r.sendingEnabled(),
        r.productionAccessEnabled(),
        r.vdmAttributes() == null ? null : r.vdmAttributes().vdmEnabledAsString(),
        r.suppressionAttributes() == null
            ? List.of()
            : List.copyOf(r.suppressionAttributes().suppressedReasonsAsStrings()));
  }

  public Quota quota() {
    var r = ses().getSendQuota();
    return new Quota(nz(r.max24HourSend()), nz(r.maxSendRate()), nz(r.sentLast24Hours()));
  }

  /** All send-statistics points (two weeks of 15-minute points, unsorted, as SES returns them). */
  public List<SendPoint> sendStatistics() {
    return ses().getSendStatistics().sendDataPoints().stream()
        .map(
            p ->
                new SendPoint(
                    p.timestamp(),
                    nz(p.deliveryAttempts()),
                    nz(p.bounces()),
                    nz(p.complaints()),
                    nz(p.rejects())))
        .toList();
  }

  /**
   * The newest reputation points in [from, to] at {@code periodSeconds}, whatever order CloudWatch
   * returns them in.
   */
  public Reputation reputation(Instant from, Instant to, int periodSeconds) {
    GetMetricDataResponse r =
        cloudWatch()
            .getMetricData(
                b ->
                    b.startTime(from)
                        .endTime(to)
                        .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                        .maxDatapoints(500)
                        .metricDataQueries(
                            query("bounce", "Reputation.BounceRate", periodSeconds),
                            query("complaint", "Reputation.ComplaintRate", periodSeconds)));
    return new Reputation(
        latest(r.metricDataResults(), "bounce"), latest(r.metricDataResults(), "complaint"));
  }

  /** One page of identities; {@code type} null for both kinds. */
  public Page identities(IdentityType type, String token, int limit) {
    ListIdentitiesResponse r =
        ses()
            .listIdentities(
                b -> {
                  b.maxItems(limit).nextToken(token);
                  if (type != null) {
                    b.identityType(type);
                  }
                });
    return new Page(List.copyOf(r.identities()), r.nextToken());
  }

  /** Every identity of the account, page by page. */
  public List<String> allIdentities() {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      Page p = identities(null, token, 1000);
      out.addAll(p.items());
      token = p.next();
    } while (token != null && !token.isEmpty());
    return out;
  }

  public Map<String, IdentityVerificationAttributes> verification(List<String> identities) {
    return batched(
        identities,
        batch ->
            ses()
                .getIdentityVerificationAttributes(b -> b.identities(batch))
                .verificationAttributes());
  }

  public Map<String, IdentityDkimAttributes> dkim(List<String> identities) {
    return batched(
        identities,
        batch -> ses().getIdentityDkimAttributes(b -> b.identities(batch)).dkimAttributes());
  }

  public Map<String, IdentityMailFromDomainAttributes> mailFrom(List<String> identities) {
    return batched(
        identities,
        batch ->
            ses()
                .getIdentityMailFromDomainAttributes(b -> b.identities(batch))
                .mailFromDomainAttributes());
  }

  public Map<String, IdentityNotificationAttributes> notifications(List<String> identities) {
    return batched(
        identities,
        batch ->
            ses()
                .getIdentityNotificationAttributes(b -> b.identities(batch))
                .notificationAttributes());
  }

  private static <V> Map<String, V> batched(
      List<String> identities, Function<List<String>, Map<String, V>> call) {
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = 0; i < identities.size(); i += BATCH) {
      out.putAll(call.apply(identities.subList(i, Math.min(identities.size(), i + BATCH))));
    }
    return out;
  }

  private static MetricDataQuery query(String id, String metric, int periodSeconds) {
    return MetricDataQuery.builder()
        .id(id)
        .returnData(true)
        .metricStat(
            s ->
                s.period(periodSeconds)
                    .stat("Average")
                    .metric(m -> m.namespace("AWS/SES").metricName(metric)))
        .build();
  }

  private static MetricPoint latest(List<MetricDataResult> results, String id) {
    for (MetricDataResult r : results) {
      if (!id.equals(r.id())) {
        continue;
      }
      MetricPoint best = MetricPoint.none();
      for (int i = 0; i < Math.min(r.timestamps().size(), r.values().size()); i++) {
        Instant t = r.timestamps().get(i);
        if (best.timestamp() == null || t.isAfter(best.timestamp())) {
          best = new MetricPoint(r.values().get(i), t);
        }
      }
      return best;
    }
    return MetricPoint.none();
  }

  // ---- what AWS knows (issue 12): VDM, tenants, reputation entities;
  // the signals package (SdkSignalSource) maps them

  /** One page of VDM findings (ListRecommendations, at most 100 a page). */
  public software.amazon.awssdk.services.sesv2.model.ListRecommendationsResponse recommendations(
      String token, int pageSize) {
    return sesV2().listRecommendations(b -> b.pageSize(pageSize).nextToken(token));
  }

  /** One page of tenants (ListTenants). */
  public software.amazon.awssdk.services.sesv2.model.ListTenantsResponse tenants(
      String token, int pageSize) {
    return sesV2().listTenants(b -> b.pageSize(pageSize).nextToken(token));
  }

  /** GetTenant; empty when there is no tenant of that name. */
  public java.util.Optional<software.amazon.awssdk.services.sesv2.model.Tenant> tenant(
      String name) {
    try {
      return java.util.Optional.ofNullable(sesV2().getTenant(b -> b.tenantName(name)).tenant());
    } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * One page of reputation entities, with an optional filter ({@code SENDING_STATUS}: {@code
   * DISABLED}).
   */
  public software.amazon.awssdk.services.sesv2.model.ListReputationEntitiesResponse
      reputationEntities(Map<String, String> filter, String token, int pageSize) {
    return sesV2()
        .listReputationEntities(
            b -> {
              b.pageSize(pageSize).nextToken(token);
              if (filter != null && !filter.isEmpty()) {
                b.filterWithStrings(filter);
              }
            });
  }

  /** GetReputationEntity of a resource (a tenant's ARN); empty when SES does not know it. */
  public java.util.Optional<software.amazon.awssdk.services.sesv2.model.ReputationEntity>
      reputationEntity(String resourceArn) {
    try {
      return java.util.Optional.ofNullable(
          sesV2()
              .getReputationEntity(
                  b -> b.reputationEntityType("RESOURCE").reputationEntityReference(resourceArn))
              .reputationEntity());
    } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
      return java.util.Optional.empty();
    }
  }

  /** BatchGetMetricData (VDM metrics, at most 10 queries a call). */
  public software.amazon.awssdk.services.sesv2.model.BatchGetMetricDataResponse vdmMetrics(
      List<software.amazon.awssdk.services.sesv2.model.BatchGetMetricDataQuery> queries) {
    return sesV2().batchGetMetricData(b -> b.queries(queries));
  }

  /** One page of configuration set names (ListConfigurationSets). */
  public Page configurationSets(String token) {
    var r = sesV2().listConfigurationSets(b -> b.pageSize(100).nextToken(token));
    return new Page(r.configurationSets(), r.nextToken());
  }

  /** A configuration set's event destinations. */
  public List<software.amazon.awssdk.services.sesv2.model.EventDestination> eventDestinations(
      String configurationSet) {
    return sesV2()
        .getConfigurationSetEventDestinations(b -> b.configurationSetName(configurationSet))
        .eventDestinations();
  }

  // ---- the sending switches protection flips (issue 13); each is one SES call ----

  /**
   * A configuration set's {@code SendingOptions.SendingEnabled} (true when SES leaves it out);
   * empty when there is no such set.
   */
  public java.util.Optional<Boolean> configurationSetSendingEnabled(String configurationSet) {
    try {
      var options =
          sesV2()
              .getConfigurationSet(b -> b.configurationSetName(configurationSet))
              .sendingOptions();
      return java.util.Optional.of(
          options == null || !Boolean.FALSE.equals(options.sendingEnabled()));
    } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
      return java.util.Optional.empty();
    }
  }

  /** PutConfigurationSetSendingOptions. */
  public void configurationSetSending(String configurationSet, boolean enabled) {
    sesV2()
        .putConfigurationSetSendingOptions(
            b -> b.configurationSetName(configurationSet).sendingEnabled(enabled));
  }

  /**
   * UpdateReputationEntityCustomerManagedStatus of a resource (a tenant's ARN): ENABLED, DISABLED
   * or REINSTATED.
   */
  public void customerManagedStatus(String resourceArn, String status) {
    sesV2()
        .updateReputationEntityCustomerManagedStatus(
            b ->
                b.reputationEntityType("RESOURCE")
                    .reputationEntityReference(resourceArn)
                    .sendingStatus(status));
  }

  /** PutAccountSendingAttributes. */
  public void accountSending(boolean enabled) {
    sesV2().putAccountSendingAttributes(b -> b.sendingEnabled(enabled));
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static long nz(Long l) {
    return l == null ? 0 : l;
  }
}
