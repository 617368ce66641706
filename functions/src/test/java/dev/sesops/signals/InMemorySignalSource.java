package dev.sesops.signals;

import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.TenantSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SignalSource} in memory, paging like SES (offset tokens), counting calls. */
public final class InMemorySignalSource implements SignalSource {
  public boolean vdm = true;
  public final List<AwsFinding> findings = new ArrayList<>();
  public final Map<String, TenantSummary> tenants = new LinkedHashMap<>();
  public final Map<String, ReputationRecord> entities = new LinkedHashMap<>();
  public int calls;

  public InMemorySignalSource finding(
      String arn, String type, String impact, String status, String description) {
    findings.add(
        new AwsFinding(
            arn, type, description, status, impact, Instant.parse("2026-12-01T00:00:00Z"), null));
    return this;
  }

  @Override
  public Vdm vdm(AccountConfig account) {
    calls++;
    return new Vdm(vdm, vdm ? "ENABLED" : "DISABLED");
  }

  @Override
  public Page<AwsFinding> findings(AccountConfig account, String nextToken, int pageSize) {
    calls++;
    return page(findings, nextToken, pageSize);
  }

  @Override
  public Page<TenantSummary> tenants(AccountConfig account, String nextToken, int pageSize) {
    calls++;
    return page(List.copyOf(tenants.values()), nextToken, pageSize);
  }

  @Override
  public Page<ReputationRecord> reputationEntities(
      AccountConfig account, Map<String, String> filter, String nextToken, int pageSize) {
    calls++;
    String status = filter == null ? null : filter.get("SENDING_STATUS");
    return page(
        entities.values().stream()
            .filter(e -> status == null || status.equals(e.aggregate()))
            .toList(),
        nextToken,
        pageSize);
  }

  @Override
  public Optional<ReputationRecord> reputationEntity(AccountConfig account, String resourceArn) {
    calls++;
    return Optional.ofNullable(entities.get(resourceArn));
  }

  @Override
  public Optional<TenantSummary> tenant(AccountConfig account, String name) {
    calls++;
    return Optional.ofNullable(tenants.get(name));
  }

  @Override
  public List<SesGateway.VdmSum> providerMetrics(
      AccountConfig account, List<SesGateway.VdmQuery> queries, Instant from, Instant to) {
    calls++;
    return queries.stream().map(q -> new SesGateway.VdmSum(q.id(), null, null)).toList();
  }

  public final Map<String, Integer> configurationSets = new LinkedHashMap<>();

  @Override
  public Page<String> configurationSets(AccountConfig account, String nextToken) {
    calls++;
    return page(List.copyOf(configurationSets.keySet()), nextToken, 100);
  }

  @Override
  public int eventDestinations(AccountConfig account, String configurationSet) {
    calls++;
    return configurationSets.getOrDefault(configurationSet, 0);
  }

  private static <T> Page<T> page(List<T> all, String token, int size) {
    if (size > 100) {
      throw new IllegalArgumentException("PageSize above 100");
    }
    int from = token == null ? 0 : Integer.parseInt(token);
    int to = Math.min(all.size(), from + size);
    return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
  }
}
