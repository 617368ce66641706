package dev.sesops.signals;

import dev.sesops.aws.AccountClients;
import dev.sesops.aws.SesGateway;
import dev.sesops.config.AccountConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.model.BatchGetMetricDataQuery;
import software.amazon.awssdk.services.sesv2.model.BatchGetMetricDataResponse;
import software.amazon.awssdk.services.sesv2.model.ListRecommendationsResponse;
import software.amazon.awssdk.services.sesv2.model.ListReputationEntitiesResponse;
import software.amazon.awssdk.services.sesv2.model.ListTenantsResponse;
import software.amazon.awssdk.services.sesv2.model.MetricDataError;
import software.amazon.awssdk.services.sesv2.model.MetricDataResult;
import software.amazon.awssdk.services.sesv2.model.ReputationEntity;
import software.amazon.awssdk.services.sesv2.model.StatusRecord;

/**
 * {@link SignalSource} over the account's {@link SesGateway}: paced with the account's one pacer
 * (every HTTP attempt, retries included), bounded by the run's deadline, shared with the monitor's
 * other calls and every other capability in the container. Maps the SDK's answers to our records.
 */
public final class SdkSignalSource implements SignalSource {
  private final AccountClients clients;

  public SdkSignalSource(AccountClients clients) {
    this.clients = clients;
  }

  private SesGateway ses(AccountConfig account) {
    return clients.sesGateway(account);
  }

  @Override
  public Vdm vdm(AccountConfig account) {
    String raw = ses(account).account().vdmEnabled();
    return new Vdm("ENABLED".equals(raw), raw);
  }

  @Override
  public Page<AwsFinding> findings(AccountConfig account, String nextToken, int pageSize) {
    ListRecommendationsResponse r = ses(account).recommendations(nextToken, pageSize);
    List<AwsFinding> out = new ArrayList<>();
    r.recommendations()
        .forEach(
            f ->
                out.add(
                    new AwsFinding(
                        f.resourceArn(),
                        f.typeAsString(),
                        f.description(),
                        f.statusAsString(),
                        f.impactAsString(),
                        f.createdTimestamp(),
                        f.lastUpdatedTimestamp())));
    return new Page<>(out, r.nextToken());
  }

  @Override
  public Page<TenantSummary> tenants(AccountConfig account, String nextToken, int pageSize) {
    ListTenantsResponse r = ses(account).tenants(nextToken, pageSize);
    List<TenantSummary> out = new ArrayList<>();
    r.tenants()
        .forEach(
            t ->
                out.add(
                    new TenantSummary(
                        t.tenantName(),
                        t.tenantId(),
                        t.tenantArn(),
                        t.sendingStatusAsString(),
                        t.createdTimestamp())));
    return new Page<>(out, r.nextToken());
  }

  @Override
  public Page<ReputationRecord> reputationEntities(
      AccountConfig account, Map<String, String> filter, String nextToken, int pageSize) {
    ListReputationEntitiesResponse r = ses(account).reputationEntities(filter, nextToken, pageSize);
    return new Page<>(
        r.reputationEntities().stream().map(SdkSignalSource::record).toList(), r.nextToken());
  }

  @Override
  public Optional<ReputationRecord> reputationEntity(AccountConfig account, String resourceArn) {
    return ses(account).reputationEntity(resourceArn).map(SdkSignalSource::record);
  }

  @Override
  public Optional<TenantSummary> tenant(AccountConfig account, String name) {
    return ses(account)
        .tenant(name)
        .map(
            t ->
                new TenantSummary(
                    t.tenantName(),
                    t.tenantId(),
                    t.tenantArn(),
                    t.sendingStatusAsString(),
                    t.createdTimestamp()));
  }

  @Override
  public List<MetricSum> providerMetrics(
      AccountConfig account, List<MetricQuery> queries, Instant from, Instant to) {
    List<BatchGetMetricDataQuery> q =
        queries.stream()
            .map(
                m ->
                    BatchGetMetricDataQuery.builder()
                        .id(m.id())
                        .namespace("VDM")
                        .metric(m.metric())
                        .dimensionsWithStrings(Map.of("ISP", m.isp()))
                        .startDate(from)
                        .endDate(to)
                        .build())
            .toList();
    BatchGetMetricDataResponse r = ses(account).vdmMetrics(q);
    List<MetricSum> out = new ArrayList<>();
    for (MetricDataResult res : r.results()) {
      Long sum = null;
      for (Long v : res.values()) {
        sum = (sum == null ? 0 : sum) + (v == null ? 0 : v);
      }
      out.add(new MetricSum(res.id(), sum, null));
    }
    for (MetricDataError e : r.errors()) {
      out.add(new MetricSum(e.id(), null, e.codeAsString()));
    }
    return out;
  }

  @Override
  public Page<String> configurationSets(AccountConfig account, String nextToken) {
    SesGateway.Page p = ses(account).configurationSets(nextToken);
    return new Page<>(p.items(), p.next());
  }

  @Override
  public int eventDestinations(AccountConfig account, String configurationSet) {
    return (int)
        ses(account).eventDestinations(configurationSet).stream()
            .filter(
                d ->
                    Boolean.TRUE.equals(d.enabled())
                        && (d.eventBridgeDestination() != null || d.snsDestination() != null))
            .count();
  }

  private static ReputationRecord record(ReputationEntity e) {
    return new ReputationRecord(
        e.reputationEntityReference(),
        e.reputationEntityTypeAsString(),
        e.reputationManagementPolicy(),
        status(e.customerManagedStatus()),
        status(e.awsSesManagedStatus()),
        e.sendingStatusAggregateAsString(),
        e.reputationImpactAsString());
  }

  private static ReputationRecord.EntityStatus status(StatusRecord s) {
    return s == null
        ? null
        : new ReputationRecord.EntityStatus(
            s.statusAsString(), s.cause(), s.lastUpdatedTimestamp());
  }
}
