package dev.sesops.signals;

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
 * Where ses-ops reads what AWS already knows about an account: Virtual Deliverability Manager
 * (findings, per-provider metrics) and tenants with their reputation entities. One call per method;
 * list methods return one page so callers page under their own deadline. Every call counts against
 * the account's SES control-plane rate (about 1 per second).
 */
public interface SignalSource {
  /** SES v2 {@code GetAccount}, the {@code VdmAttributes} part. */
  Vdm vdm(AccountConfig account);

  /**
   * One page of SES v2 {@code ListRecommendations} (at most {@code pageSize}, which is at most
   * 100).
   */
  Page<AwsFinding> findings(AccountConfig account, String nextToken, int pageSize);

  /** One page of SES v2 {@code ListTenants}. */
  Page<TenantSummary> tenants(AccountConfig account, String nextToken, int pageSize);

  /**
   * One page of SES v2 {@code ListReputationEntities}, with an optional filter ({@code
   * SENDING_STATUS}: {@code DISABLED}).
   */
  Page<ReputationRecord> reputationEntities(
      AccountConfig account, Map<String, String> filter, String nextToken, int pageSize);

  /** SES v2 {@code GetReputationEntity} for a resource ARN; empty when SES does not know it. */
  Optional<ReputationRecord> reputationEntity(AccountConfig account, String resourceArn);

  /** SES v2 {@code GetTenant}; empty when there is no tenant of that name. */
  Optional<TenantSummary> tenant(AccountConfig account, String name);

  /**
   * SES v2 {@code BatchGetMetricData}: daily sums of {@code metrics} for each mailbox provider
   * ({@code ISP} dimension) in [from, to]; at most 10 queries a call.
   */
  List<SesGateway.VdmSum> providerMetrics(
      AccountConfig account, List<SesGateway.VdmQuery> queries, Instant from, Instant to);

  /** One page of SES v2 {@code ListConfigurationSets}: configuration set names. */
  Page<String> configurationSets(AccountConfig account, String nextToken);

  /**
   * How many of a configuration set's event destinations are enabled and publish to EventBridge or
   * SNS.
   */
  int eventDestinations(AccountConfig account, String configurationSet);

  /** VDM is on when {@code VdmEnabled} is ENABLED; {@code raw} is what SES said (null: nothing). */
  record Vdm(boolean enabled, String raw) {}
}
