package dev.sesops.signals;

import dev.sesops.aws.AccountClients;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.TenantSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SignalSource} over the account's {@link SesGateway}: paced per (account, Region,
 * operation) (every HTTP attempt, retries included), bounded by the run's deadline, shared with the
 * monitor's other calls and every other capability in the container.
 */
public final class SdkSignalSource implements SignalSource {
  private final AccountClients clients;

  public SdkSignalSource(AccountClients clients) {
    this.clients = clients;
  }

  private SesGateway ses(AccountConfig account) {
    return SesGateway.of(clients, account);
  }

  @Override
  public Vdm vdm(AccountConfig account) {
    String raw = ses(account).account().vdmEnabled();
    return new Vdm("ENABLED".equals(raw), raw);
  }

  @Override
  public Page<AwsFinding> findings(AccountConfig account, String nextToken, int pageSize) {
    Page<SesGateway.Recommendation> r = ses(account).recommendations(nextToken, pageSize);
    return new Page<>(
        r.items().stream()
            .map(
                f ->
                    new AwsFinding(
                        f.resourceArn(),
                        f.type(),
                        f.description(),
                        f.status(),
                        f.impact(),
                        f.createdTimestamp(),
                        f.lastUpdatedTimestamp()))
            .toList(),
        r.next());
  }

  @Override
  public Page<TenantSummary> tenants(AccountConfig account, String nextToken, int pageSize) {
    return ses(account).tenants(nextToken, pageSize);
  }

  @Override
  public Page<ReputationRecord> reputationEntities(
      AccountConfig account, Map<String, String> filter, String nextToken, int pageSize) {
    return ses(account).reputationEntities(filter, nextToken, pageSize);
  }

  @Override
  public Optional<ReputationRecord> reputationEntity(AccountConfig account, String resourceArn) {
    return ses(account).reputationEntity(resourceArn);
  }

  @Override
  public Optional<TenantSummary> tenant(AccountConfig account, String name) {
    return ses(account).tenant(name);
  }

  @Override
  public List<SesGateway.VdmSum> providerMetrics(
      AccountConfig account, List<SesGateway.VdmQuery> queries, Instant from, Instant to) {
    return ses(account).vdmMetrics(queries, from, to);
  }

  @Override
  public Page<String> configurationSets(AccountConfig account, String nextToken) {
    return ses(account).configurationSets(nextToken, 100);
  }

  @Override
  public int eventDestinations(AccountConfig account, String configurationSet) {
    return (int)
        ses(account).eventDestinations(configurationSet).stream()
            .filter(d -> d.enabled() && (d.eventBridge() || d.sns()))
            .count();
  }
}
