package dev.sesops.audit;

import dev.sesops.aws.AccountClients;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.DedicatedIp;
import dev.sesops.ses.Page;
import dev.sesops.ses.SendPoint;
import dev.sesops.ses.SesGateway;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The audit's reads over the account's {@link SesGateway}: the account, identities (batched
 * attribute calls, 100 identities each), send statistics, configuration sets, contact lists and
 * dedicated IPs, every list read page by page with {@link Page#all}. The clients pace every attempt
 * and retry throttling with the SDK's back-off (see {@code AccountClients}); this class only counts
 * the calls it made.
 */
public final class SdkSesAccountReader implements SesAccountReader {
  private final SesGateway gateway;
  private final AtomicLong calls = new AtomicLong();

  SdkSesAccountReader(SesGateway gateway) {
    this.gateway = gateway;
  }

  /**
   * The factory the service uses: clients (and so the account's pacers) from {@link
   * AccountClients}.
   */
  public static SesReaderFactory factory(AccountClients clients) {
    return (AccountConfig account, double perSecond) ->
        new SdkSesAccountReader(SesGateway.of(clients, account));
  }

  @Override
  public AccountStatus accountStatus() {
    return call(gateway::account);
  }

  @Override
  public List<String> identities() {
    return Page.all(token -> call(() -> gateway.identities(null, token, 1000)));
  }

  @Override
  public List<IdentityAttributes> attributes(List<String> identities) {
    if (identities.size() > BATCH) {
      throw new IllegalArgumentException(
          "at most " + BATCH + " identities per batch, got " + identities.size());
    }
    // one call each: the batch is at most SesGateway.BATCH identities
    Map<String, SesGateway.Verification> verification =
        call(() -> gateway.verification(identities));
    Map<String, SesGateway.Dkim> dkim = call(() -> gateway.dkim(identities));
    Map<String, SesGateway.MailFrom> mailFrom = call(() -> gateway.mailFrom(identities));
    Map<String, SesGateway.Notifications> notification =
        call(() -> gateway.notifications(identities));
    List<IdentityAttributes> out = new ArrayList<>(identities.size());
    for (String id : identities) {
      SesGateway.Verification v = verification.get(id);
      SesGateway.Dkim d = dkim.get(id);
      SesGateway.MailFrom m = mailFrom.get(id);
      SesGateway.Notifications n = notification.get(id);
      out.add(
          new IdentityAttributes(
              id,
              v == null ? null : v.status(),
              v == null ? null : v.token(),
              d == null ? null : d.enabled(),
              d == null ? null : d.status(),
              d == null || d.tokens() == null ? List.of() : d.tokens(),
              m == null ? null : emptyToNull(m.domain()),
              m == null ? null : m.status(),
              n == null ? null : emptyToNull(n.bounceTopic()),
              n == null ? null : emptyToNull(n.complaintTopic()),
              n == null ? null : n.forwardingEnabled()));
    }
    return out;
  }

  @Override
  public List<ConfigurationSetInfo> configurationSets() {
    List<String> names = Page.all(token -> call(() -> gateway.configurationSets(token, 1000)));
    List<ConfigurationSetInfo> out = new ArrayList<>();
    for (String name : names) {
      var cs = call(() -> gateway.configurationSet(name));
      if (cs.isEmpty()) {
        continue; // deleted since it was listed
      }
      List<ConfigurationSetInfo.EventDestination> destinations =
          call(() -> gateway.eventDestinations(name)).stream()
              .map(
                  e ->
                      new ConfigurationSetInfo.EventDestination(
                          e.name(), e.enabled(), new HashSet<>(e.eventTypes())))
              .toList();
      out.add(
          new ConfigurationSetInfo(
              name, cs.get().reputationMetricsEnabled(), cs.get().sendingEnabled(), destinations));
    }
    return out;
  }

  @Override
  public SendingSignals.SendTotals sendTotals() {
    long attempts = 0;
    long complaints = 0;
    for (SendPoint p : call(gateway::sendStatistics)) {
      attempts += p.deliveryAttempts();
      complaints += p.complaints();
    }
    return new SendingSignals.SendTotals(attempts, complaints);
  }

  @Override
  public List<SendingSignals.ContactList> contactLists() {
    List<SendingSignals.ContactList> out = new ArrayList<>();
    for (String name : Page.all(token -> call(() -> gateway.contactLists(token, 1000)))) {
      out.add(new SendingSignals.ContactList(name, call(() -> gateway.contactListTopics(name))));
    }
    return out;
  }

  @Override
  public List<DedicatedIp> dedicatedIps() {
    return Page.all(token -> call(() -> gateway.dedicatedIps(token, 1000)));
  }

  @Override
  public List<String> dedicatedIpPools() {
    return Page.all(token -> call(() -> gateway.dedicatedIpPools(token, 1000)));
  }

  @Override
  public long calls() {
    return calls.get();
  }

  @Override
  public Map<String, String> defaultConfigurationSets(List<String> identities) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : identities) {
      // absent: not an identity of this account (the drift check reports it)
      call(() -> gateway.defaultConfigurationSet(id)).ifPresent(cs -> out.put(id, cs));
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
