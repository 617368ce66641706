package dev.sesops.audit;

import dev.sesops.aws.AccountClients;
import dev.sesops.aws.SesGateway;
import dev.sesops.config.AccountConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ses.model.IdentityDkimAttributes;
import software.amazon.awssdk.services.ses.model.IdentityMailFromDomainAttributes;
import software.amazon.awssdk.services.ses.model.IdentityNotificationAttributes;
import software.amazon.awssdk.services.ses.model.IdentityVerificationAttributes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetResponse;
import software.amazon.awssdk.services.sesv2.model.ListConfigurationSetsResponse;

/**
 * The SDK adapter: the account, identities (batched attribute calls, 100 identities each) and send
 * statistics through the account's {@link SesGateway}; SES v2 for configuration sets, contact lists
 * and dedicated IPs (audit-only reads). The clients pace every attempt and retry throttling with
 * the SDK's back-off (see {@code AccountClients}); this class only counts the calls it made.
 */
public final class SdkSesAccountReader implements SesAccountReader {
  private final SesGateway gateway;
  private final SesV2Client sesV2;
  private final java.util.concurrent.atomic.AtomicLong calls =
      new java.util.concurrent.atomic.AtomicLong();

  SdkSesAccountReader(SesGateway gateway, SesV2Client sesV2) {
    this.gateway = gateway;
    this.sesV2 = sesV2;
  }

  /**
   * The factory the service uses: clients (and so the account's one pacer) from {@link
   * AccountClients}.
   */
  public static SesReaderFactory factory(AccountClients clients) {
    return (AccountConfig account, double perSecond) ->
        new SdkSesAccountReader(clients.sesGateway(account), clients.sesV2(account));
  }

  @Override
  public AccountStatus accountStatus() {
    SesGateway.Account r = call(gateway::account);
    return new AccountStatus(
        r.sendingEnabled(),
        r.enforcementStatus(),
        r.productionAccessEnabled(),
        r.suppressedReasons(),
        r.vdmEnabled());
  }

  @Override
  public List<String> identities() {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      SesGateway.Page page = call(() -> gateway.identities(null, next, 1000));
      out.addAll(page.items());
      token = page.next();
    } while (token != null && !token.isEmpty());
    return out;
  }

  @Override
  public List<IdentityAttributes> attributes(List<String> identities) {
    if (identities.size() > BATCH) {
      throw new IllegalArgumentException(
          "at most " + BATCH + " identities per batch, got " + identities.size());
    }
    // one call each: the batch is at most SesGateway.BATCH identities
    Map<String, IdentityVerificationAttributes> verification =
        call(() -> gateway.verification(identities));
    Map<String, IdentityDkimAttributes> dkim = call(() -> gateway.dkim(identities));
    Map<String, IdentityMailFromDomainAttributes> mailFrom =
        call(() -> gateway.mailFrom(identities));
    Map<String, IdentityNotificationAttributes> notification =
        call(() -> gateway.notifications(identities));
    List<IdentityAttributes> out = new ArrayList<>(identities.size());
    for (String id : identities) {
      IdentityVerificationAttributes v = verification.get(id);
      IdentityDkimAttributes d = dkim.get(id);
      IdentityMailFromDomainAttributes m = mailFrom.get(id);
      IdentityNotificationAttributes n = notification.get(id);
      out.add(
          new IdentityAttributes(
              id,
              v == null ? null : v.verificationStatusAsString(),
              v == null ? null : v.verificationToken(),
              d == null ? null : d.dkimEnabled(),
              d == null ? null : d.dkimVerificationStatusAsString(),
              d == null || !d.hasDkimTokens() ? List.of() : List.copyOf(d.dkimTokens()),
              m == null || m.mailFromDomain() == null || m.mailFromDomain().isEmpty()
                  ? null
                  : m.mailFromDomain(),
              m == null ? null : m.mailFromDomainStatusAsString(),
              n == null ? null : emptyToNull(n.bounceTopic()),
              n == null ? null : emptyToNull(n.complaintTopic()),
              n == null ? null : n.forwardingEnabled()));
    }
    return out;
  }

  @Override
  public List<ConfigurationSetInfo> configurationSets() {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListConfigurationSetsResponse page =
          call(() -> sesV2.listConfigurationSets(b -> b.pageSize(1000).nextToken(next)));
      names.addAll(page.configurationSets());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    List<ConfigurationSetInfo> out = new ArrayList<>();
    for (String name : names) {
      GetConfigurationSetResponse cs =
          call(() -> sesV2.getConfigurationSet(b -> b.configurationSetName(name)));
      List<ConfigurationSetInfo.EventDestination> destinations =
          call(() -> sesV2.getConfigurationSetEventDestinations(b -> b.configurationSetName(name)))
              .eventDestinations()
              .stream()
              .map(
                  d ->
                      new ConfigurationSetInfo.EventDestination(
                          d.name(),
                          Boolean.TRUE.equals(d.enabled()),
                          new HashSet<>(d.matchingEventTypesAsStrings())))
              .toList();
      out.add(
          new ConfigurationSetInfo(
              name,
              cs.reputationOptions() == null
                  ? null
                  : cs.reputationOptions().reputationMetricsEnabled(),
              cs.sendingOptions() == null ? null : cs.sendingOptions().sendingEnabled(),
              destinations));
    }
    return out;
  }

  @Override
  public SendingSignals.SendTotals sendTotals() {
    long attempts = 0;
    long complaints = 0;
    for (SesGateway.SendPoint p : call(gateway::sendStatistics)) {
      attempts += p.deliveryAttempts();
      complaints += p.complaints();
    }
    return new SendingSignals.SendTotals(attempts, complaints);
  }

  @Override
  public List<SendingSignals.ContactList> contactLists() {
    List<SendingSignals.ContactList> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = call(() -> sesV2.listContactLists(b -> b.pageSize(1000).nextToken(next)));
      for (var c : page.contactLists()) {
        var list = call(() -> sesV2.getContactList(b -> b.contactListName(c.contactListName())));
        out.add(
            new SendingSignals.ContactList(
                c.contactListName(), list.hasTopics() ? list.topics().size() : 0));
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  @Override
  public List<DedicatedIp> dedicatedIps() {
    List<DedicatedIp> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = call(() -> sesV2.getDedicatedIps(b -> b.pageSize(1000).nextToken(next)));
      page.dedicatedIps()
          .forEach(
              d ->
                  out.add(
                      new DedicatedIp(
                          d.ip(), d.warmupStatusAsString(), d.warmupPercentage(), d.poolName())));
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  @Override
  public List<String> dedicatedIpPools() {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = call(() -> sesV2.listDedicatedIpPools(b -> b.pageSize(1000).nextToken(next)));
      out.addAll(page.dedicatedIpPools());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  @Override
  public long calls() {
    return calls.get();
  }

  @Override
  public Map<String, String> defaultConfigurationSets(List<String> identities) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String id : identities) {
      try {
        String cs =
            call(() -> sesV2.getEmailIdentity(b -> b.emailIdentity(id))).configurationSetName();
        out.put(id, cs == null ? "" : cs);
      } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
        // not an identity of this account (the drift check reports it)
      }
    }
    return out;
  }

  private <T> T call(Supplier<T> request) {
    calls.incrementAndGet();
    return request.get();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
