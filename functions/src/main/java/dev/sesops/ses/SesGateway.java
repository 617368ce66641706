package dev.sesops.ses;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.config.AccountConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.BatchGetMetricDataQuery;
import software.amazon.awssdk.services.sesv2.model.DataFormat;
import software.amazon.awssdk.services.sesv2.model.EventType;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsRequest;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.StatusRecord;
import software.amazon.awssdk.services.sesv2.model.SuppressionListImportAction;

/**
 * One account's SES, the one place ses-ops speaks SES to the SDK: SES v2 and v1 reads and writes
 * (account, quota, statistics, identities and their attributes, DKIM, MAIL FROM, configuration sets
 * and event destinations, the suppression list and its import jobs, send, tenants, reputation
 * entities, VDM, dedicated IPs, contact lists) and the CloudWatch reputation metrics. It answers in
 * ses-ops records, never SDK types; list calls answer one {@link Page} and {@link Page#all} reads
 * every page. "Not found" becomes an empty {@link Optional} or {@code false}; other failures
 * propagate as the SDK's {@code SdkException} ({@code aws.SdkErrors} classifies them).
 *
 * <p>Every call goes through the account's clients from {@link AccountClients}, so it is paced per
 * (account, Region, operation), retried by the SDK and bounded by the thread's {@code
 * CallDeadline}. A new SES call goes here, with its answer as a record of this package.
 */
public final class SesGateway {
  /** SES v1 attribute calls take at most this many identities. */
  public static final int BATCH = 100;

  /** An identity kind for ListIdentities; null for both. */
  public enum IdentityKind {
    EMAIL_ADDRESS,
    DOMAIN
  }

  /** GetIdentityVerificationAttributes of one identity. */
  public record Verification(String status, String token) {}

  /** GetIdentityDkimAttributes of one identity; {@code enabled} null when SES left it out. */
  public record Dkim(Boolean enabled, String status, List<String> tokens) {}

  /** GetIdentityMailFromDomainAttributes of one identity, as SES says it. */
  public record MailFrom(String domain, String status, String behaviorOnMxFailure) {}

  /** GetIdentityNotificationAttributes of one identity, as SES says it. */
  public record Notifications(
      String bounceTopic,
      String complaintTopic,
      String deliveryTopic,
      Boolean forwardingEnabled,
      Boolean headersInBounceNotificationsEnabled,
      Boolean headersInComplaintNotificationsEnabled,
      Boolean headersInDeliveryNotificationsEnabled) {}

  /** GetConfigurationSet: reputation metrics and sending switches, null when SES left them out. */
  public record ConfigurationSet(
      String name, Boolean reputationMetricsEnabled, Boolean sendingEnabled) {}

  /** One event destination of a configuration set. */
  public record EventDestination(
      String name, boolean enabled, Set<String> eventTypes, boolean eventBridge, boolean sns) {}

  /** What creating an event destination did. */
  public enum Created {
    CREATED,
    EXISTS,
    NO_CONFIGURATION_SET
  }

  /** One VDM finding (ListRecommendations). */
  public record Recommendation(
      String resourceArn,
      String type,
      String description,
      String status,
      String impact,
      Instant createdTimestamp,
      Instant lastUpdatedTimestamp) {}

  /** One query of BatchGetMetricData: a VDM metric ({@code COMPLAINT}) for one ISP. */
  public record VdmQuery(String id, String metric, String isp) {}

  /** The sum of one query's points (null when there was none), or the error SES gave for it. */
  public record VdmSum(String id, Long sum, String error) {}

  /**
   * CreateImportJob refused the job (sandbox, or an unusable source); the SDK error is the cause.
   */
  public static final class Refused extends RuntimeException {
    Refused(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final Supplier<SesClient> ses;
  private final Supplier<SesV2Client> sesV2;
  private final Supplier<CloudWatchClient> cloudWatch;

  /**
   * The clients are built on their first call: a command that reads the quota builds SES v1's only.
   */
  public SesGateway(
      Supplier<SesClient> ses, Supplier<SesV2Client> sesV2, Supplier<CloudWatchClient> cloudWatch) {
    this.ses = Lazy.of(Objects.requireNonNull(ses, "ses"));
    this.sesV2 = Lazy.of(Objects.requireNonNull(sesV2, "sesV2"));
    this.cloudWatch = Lazy.of(Objects.requireNonNull(cloudWatch, "cloudWatch"));
  }

  /** The gateway of one account, over its paced clients (built on first use). */
  public static SesGateway of(AccountClients clients, AccountConfig account) {
    return new SesGateway(
        () -> clients.ses(account),
        () -> clients.sesV2(account),
        () -> clients.cloudWatch(account));
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

  // ---- account, quota, statistics, reputation ----

  /** SES v2 GetAccount. */
  public AccountStatus account() {
    GetAccountResponse r = sesV2().getAccount(b -> {});
    return new AccountStatus(
        r.enforcementStatus(),
        r.sendingEnabled(),
        r.productionAccessEnabled(),
        r.vdmAttributes() == null ? null : r.vdmAttributes().vdmEnabledAsString(),
        r.suppressionAttributes() == null
            ? List.of()
            : r.suppressionAttributes().suppressedReasonsAsStrings());
  }

  /** SES v1 GetSendQuota. */
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

  /** SES v2 PutAccountSendingAttributes. */
  public void accountSending(boolean enabled) {
    sesV2().putAccountSendingAttributes(b -> b.sendingEnabled(enabled));
  }

  // ---- identities (SES v1 reads batched, 100 identities a call) ----

  /** One page of identities (ListIdentities); {@code kind} null for both kinds. */
  public Page<String> identities(IdentityKind kind, String token, int limit) {
    var r =
        ses()
            .listIdentities(
                b -> {
                  b.maxItems(limit).nextToken(token);
                  if (kind != null) {
                    b.identityType(
                        kind == IdentityKind.DOMAIN
                            ? IdentityType.DOMAIN
                            : IdentityType.EMAIL_ADDRESS);
                  }
                });
    return new Page<>(r.identities(), r.nextToken());
  }

  /** Every identity of the account, page by page. */
  public List<String> allIdentities() {
    return Page.all(token -> identities(null, token, 1000));
  }

  public Map<String, Verification> verification(List<String> identities) {
    return batched(
        identities,
        batch ->
            ses()
                .getIdentityVerificationAttributes(b -> b.identities(batch))
                .verificationAttributes(),
        v -> new Verification(v.verificationStatusAsString(), v.verificationToken()));
  }

  public Map<String, Dkim> dkim(List<String> identities) {
    return batched(
        identities,
        batch -> ses().getIdentityDkimAttributes(b -> b.identities(batch)).dkimAttributes(),
        d ->
            new Dkim(
                d.dkimEnabled(),
                d.dkimVerificationStatusAsString(),
                d.hasDkimTokens() ? List.copyOf(d.dkimTokens()) : List.of()));
  }

  public Map<String, MailFrom> mailFrom(List<String> identities) {
    return batched(
        identities,
        batch ->
            ses()
                .getIdentityMailFromDomainAttributes(b -> b.identities(batch))
                .mailFromDomainAttributes(),
        m ->
            new MailFrom(
                m.mailFromDomain(),
                m.mailFromDomainStatusAsString(),
                m.behaviorOnMXFailureAsString()));
  }

  public Map<String, Notifications> notifications(List<String> identities) {
    return batched(
        identities,
        batch ->
            ses()
                .getIdentityNotificationAttributes(b -> b.identities(batch))
                .notificationAttributes(),
        n ->
            new Notifications(
                n.bounceTopic(),
                n.complaintTopic(),
                n.deliveryTopic(),
                n.forwardingEnabled(),
                n.headersInBounceNotificationsEnabled(),
                n.headersInComplaintNotificationsEnabled(),
                n.headersInDeliveryNotificationsEnabled()));
  }

  /** SES v1 VerifyEmailIdentity. */
  public void verifyEmail(String address) {
    ses().verifyEmailIdentity(b -> b.emailAddress(address));
  }

  /** SES v1 VerifyDomainIdentity: the TXT record's token. */
  public String verifyDomain(String domain) {
    return ses().verifyDomainIdentity(b -> b.domain(domain)).verificationToken();
  }

  /** SES v1 VerifyDomainDkim: the three Easy DKIM tokens. */
  public List<String> verifyDomainDkim(String domain) {
    return List.copyOf(ses().verifyDomainDkim(b -> b.domain(domain)).dkimTokens());
  }

  /** SES v1 SetIdentityDkimEnabled. */
  public void setDkimEnabled(String identity, boolean enabled) {
    ses().setIdentityDkimEnabled(b -> b.identity(identity).dkimEnabled(enabled));
  }

  /** SES v1 SetIdentityNotificationTopic; {@code topicArn} null clears it. */
  public void setNotificationTopic(String identity, String type, String topicArn) {
    ses()
        .setIdentityNotificationTopic(
            b -> b.identity(identity).notificationType(type).snsTopic(topicArn));
  }

  /**
   * SES v2 GetEmailIdentity's default configuration set ("" when it has none); empty when the
   * identity is not the account's.
   */
  public Optional<String> defaultConfigurationSet(String identity) {
    try {
      String cs = sesV2().getEmailIdentity(b -> b.emailIdentity(identity)).configurationSetName();
      return Optional.of(cs == null ? "" : cs);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** SES v1 SendEmail, a plain-text UTF-8 message to one address; the message id. */
  public String sendEmail(String from, String to, String subject, String body) {
    return ses()
        .sendEmail(
            b ->
                b.source(from)
                    .destination(d -> d.toAddresses(to))
                    .message(
                        m ->
                            m.subject(c -> c.data(subject).charset("UTF-8"))
                                .body(x -> x.text(c -> c.data(body).charset("UTF-8")))))
        .messageId();
  }

  // ---- configuration sets and event destinations (SES v2) ----

  /** One page of configuration set names (ListConfigurationSets). */
  public Page<String> configurationSets(String token, int pageSize) {
    var r = sesV2().listConfigurationSets(b -> b.pageSize(pageSize).nextToken(token));
    return new Page<>(r.configurationSets(), r.nextToken());
  }

  /** GetConfigurationSet; empty when there is no such set. */
  public Optional<ConfigurationSet> configurationSet(String name) {
    try {
      var r = sesV2().getConfigurationSet(b -> b.configurationSetName(name));
      return Optional.of(
          new ConfigurationSet(
              name,
              r.reputationOptions() == null
                  ? null
                  : r.reputationOptions().reputationMetricsEnabled(),
              r.sendingOptions() == null ? null : r.sendingOptions().sendingEnabled()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** PutConfigurationSetSendingOptions. */
  public void configurationSetSending(String configurationSet, boolean enabled) {
    sesV2()
        .putConfigurationSetSendingOptions(
            b -> b.configurationSetName(configurationSet).sendingEnabled(enabled));
  }

  /** A configuration set's event destinations (GetConfigurationSetEventDestinations). */
  public List<EventDestination> eventDestinations(String configurationSet) {
    return sesV2()
        .getConfigurationSetEventDestinations(b -> b.configurationSetName(configurationSet))
        .eventDestinations()
        .stream()
        .map(
            d ->
                new EventDestination(
                    d.name(),
                    Boolean.TRUE.equals(d.enabled()),
                    Set.copyOf(d.matchingEventTypesAsStrings()),
                    d.eventBridgeDestination() != null,
                    d.snsDestination() != null))
        .toList();
  }

  /**
   * CreateConfigurationSetEventDestination: an enabled destination on {@code busArn} (EventBridge)
   * for {@code eventTypes} (SES's names: SEND, DELIVERY, ...).
   */
  public Created createEventBridgeDestination(
      String configurationSet, String name, List<String> eventTypes, String busArn) {
    try {
      sesV2()
          .createConfigurationSetEventDestination(
              r ->
                  r.configurationSetName(configurationSet)
                      .eventDestinationName(name)
                      .eventDestination(
                          d ->
                              d.enabled(true)
                                  .matchingEventTypes(
                                      eventTypes.stream().map(EventType::fromValue).toList())
                                  .eventBridgeDestination(b -> b.eventBusArn(busArn))));
      return Created.CREATED;
    } catch (AlreadyExistsException e) {
      return Created.EXISTS;
    } catch (NotFoundException e) {
      return Created.NO_CONFIGURATION_SET;
    }
  }

  /** DeleteConfigurationSetEventDestination; false when there was no such destination. */
  public boolean deleteEventDestination(String configurationSet, String name) {
    try {
      sesV2()
          .deleteConfigurationSetEventDestination(
              r -> r.configurationSetName(configurationSet).eventDestinationName(name));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  // ---- the account's suppression list and its import jobs (SES v2) ----

  /**
   * One page of ListSuppressedDestinations, filtered by reasons (empty: all) and last-update dates
   * (null: open).
   */
  public Page<SuppressedEntry> suppressedDestinations(
      Set<String> reasons, Instant from, Instant to, int pageSize, String token) {
    ListSuppressedDestinationsRequest.Builder req =
        ListSuppressedDestinationsRequest.builder().pageSize(pageSize).nextToken(token);
    if (!reasons.isEmpty()) {
      req.reasonsWithStrings(reasons.stream().sorted().toList());
    }
    if (from != null) {
      req.startDate(from);
    }
    if (to != null) {
      req.endDate(to);
    }
    var r = sesV2().listSuppressedDestinations(req.build());
    return new Page<>(
        r.suppressedDestinationSummaries().stream()
            .map(
                s ->
                    new SuppressedEntry(
                        s.emailAddress(), s.reasonAsString(), s.lastUpdateTime(), null, null))
            .toList(),
        r.nextToken());
  }

  /** GetSuppressedDestination; empty when the address is not on the list. */
  public Optional<SuppressedEntry> suppressedDestination(String address) {
    try {
      var d =
          sesV2().getSuppressedDestination(r -> r.emailAddress(address)).suppressedDestination();
      return Optional.of(
          new SuppressedEntry(
              d.emailAddress(),
              d.reasonAsString(),
              d.lastUpdateTime(),
              d.attributes() == null ? null : d.attributes().messageId(),
              d.attributes() == null ? null : d.attributes().feedbackId()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** DeleteSuppressedDestination; false when the address was not on the list. */
  public boolean deleteSuppressedDestination(String address) {
    try {
      sesV2().deleteSuppressedDestination(r -> r.emailAddress(address));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** PutSuppressedDestination (reason BOUNCE or COMPLAINT). */
  public void putSuppressedDestination(String address, String reason) {
    sesV2().putSuppressedDestination(r -> r.emailAddress(address).reason(reason));
  }

  /**
   * CreateImportJob into the suppression list ({@code delete}: DELETE, else PUT) from a CSV or JSON
   * object; the job id.
   *
   * @throws Refused when SES refuses the job (BadRequest: sandbox, or an unusable source)
   */
  public String createSuppressionImportJob(String s3Url, boolean delete, String dataFormat) {
    try {
      return sesV2()
          .createImportJob(
              r ->
                  r.importDestination(
                          d ->
                              d.suppressionListDestination(
                                  s ->
                                      s.suppressionListImportAction(
                                          delete
                                              ? SuppressionListImportAction.DELETE
                                              : SuppressionListImportAction.PUT)))
                      .importDataSource(
                          s -> s.s3Url(s3Url).dataFormat(DataFormat.fromValue(dataFormat))))
          .jobId();
    } catch (BadRequestException e) {
      throw new Refused(e);
    }
  }

  /** GetImportJob. */
  public ImportJob importJob(String jobId) {
    var r = sesV2().getImportJob(b -> b.jobId(jobId));
    return new ImportJob(
        r.jobId() == null ? jobId : r.jobId(),
        r.jobStatusAsString(),
        r.processedRecordsCount() == null ? 0 : r.processedRecordsCount(),
        r.failedRecordsCount() == null ? 0 : r.failedRecordsCount());
  }

  // ---- what AWS knows (issue 12): VDM, tenants, reputation entities ----

  /** One page of VDM findings (ListRecommendations, at most 100 a page). */
  public Page<Recommendation> recommendations(String token, int pageSize) {
    var r = sesV2().listRecommendations(b -> b.pageSize(pageSize).nextToken(token));
    return new Page<>(
        r.recommendations().stream()
            .map(
                f ->
                    new Recommendation(
                        f.resourceArn(),
                        f.typeAsString(),
                        f.description(),
                        f.statusAsString(),
                        f.impactAsString(),
                        f.createdTimestamp(),
                        f.lastUpdatedTimestamp()))
            .toList(),
        r.nextToken());
  }

  /** One page of tenants (ListTenants). */
  public Page<TenantSummary> tenants(String token, int pageSize) {
    var r = sesV2().listTenants(b -> b.pageSize(pageSize).nextToken(token));
    return new Page<>(
        r.tenants().stream()
            .map(
                t ->
                    new TenantSummary(
                        t.tenantName(),
                        t.tenantId(),
                        t.tenantArn(),
                        t.sendingStatusAsString(),
                        t.createdTimestamp()))
            .toList(),
        r.nextToken());
  }

  /** GetTenant; empty when there is no tenant of that name. */
  public Optional<TenantSummary> tenant(String name) {
    try {
      return Optional.ofNullable(sesV2().getTenant(b -> b.tenantName(name)).tenant())
          .map(
              t ->
                  new TenantSummary(
                      t.tenantName(),
                      t.tenantId(),
                      t.tenantArn(),
                      t.sendingStatusAsString(),
                      t.createdTimestamp()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * One page of reputation entities, with an optional filter ({@code SENDING_STATUS}: {@code
   * DISABLED}).
   */
  public Page<ReputationRecord> reputationEntities(
      Map<String, String> filter, String token, int pageSize) {
    var r =
        sesV2()
            .listReputationEntities(
                b -> {
                  b.pageSize(pageSize).nextToken(token);
                  if (filter != null && !filter.isEmpty()) {
                    b.filterWithStrings(filter);
                  }
                });
    return new Page<>(
        r.reputationEntities().stream().map(SesGateway::record).toList(), r.nextToken());
  }

  /** GetReputationEntity of a resource (a tenant's ARN); empty when SES does not know it. */
  public Optional<ReputationRecord> reputationEntity(String resourceArn) {
    try {
      return Optional.ofNullable(
              sesV2()
                  .getReputationEntity(
                      b ->
                          b.reputationEntityType("RESOURCE").reputationEntityReference(resourceArn))
                  .reputationEntity())
          .map(SesGateway::record);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
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

  /**
   * BatchGetMetricData (VDM metrics per ISP, at most 10 queries a call): each query's sum over
   * [from, to], then the errors.
   */
  public List<VdmSum> vdmMetrics(List<VdmQuery> queries, Instant from, Instant to) {
    var r =
        sesV2()
            .batchGetMetricData(
                b ->
                    b.queries(
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
                            .toList()));
    List<VdmSum> out = new java.util.ArrayList<>();
    for (var res : r.results()) {
      Long sum = null;
      for (Long v : res.values()) {
        sum = (sum == null ? 0 : sum) + (v == null ? 0 : v);
      }
      out.add(new VdmSum(res.id(), sum, null));
    }
    for (var e : r.errors()) {
      out.add(new VdmSum(e.id(), null, e.codeAsString()));
    }
    return out;
  }

  // ---- dedicated IPs and contact lists (SES v2) ----

  /** One page of GetDedicatedIps. */
  public Page<DedicatedIp> dedicatedIps(String token, int pageSize) {
    var r = sesV2().getDedicatedIps(b -> b.pageSize(pageSize).nextToken(token));
    return new Page<>(
        r.dedicatedIps().stream()
            .map(
                d ->
                    new DedicatedIp(
                        d.ip(), d.warmupStatusAsString(), d.warmupPercentage(), d.poolName()))
            .toList(),
        r.nextToken());
  }

  /** One page of ListDedicatedIpPools. */
  public Page<String> dedicatedIpPools(String token, int pageSize) {
    var r = sesV2().listDedicatedIpPools(b -> b.pageSize(pageSize).nextToken(token));
    return new Page<>(r.dedicatedIpPools(), r.nextToken());
  }

  /** One page of contact list names (ListContactLists). */
  public Page<String> contactLists(String token, int pageSize) {
    var r = sesV2().listContactLists(b -> b.pageSize(pageSize).nextToken(token));
    return new Page<>(
        r.contactLists().stream().map(c -> c.contactListName()).toList(), r.nextToken());
  }

  /** How many topics a contact list has (GetContactList). */
  public int contactListTopics(String name) {
    var r = sesV2().getContactList(b -> b.contactListName(name));
    return r.hasTopics() ? r.topics().size() : 0;
  }

  // ---- helpers ----

  private static <A, V> Map<String, V> batched(
      List<String> identities, Function<List<String>, Map<String, A>> call, Function<A, V> record) {
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = 0; i < identities.size(); i += BATCH) {
      call.apply(identities.subList(i, Math.min(identities.size(), i + BATCH)))
          .forEach((id, a) -> out.put(id, record.apply(a)));
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

  private static ReputationRecord record(
      software.amazon.awssdk.services.sesv2.model.ReputationEntity e) {
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

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static long nz(Long l) {
    return l == null ? 0 : l;
  }
}
