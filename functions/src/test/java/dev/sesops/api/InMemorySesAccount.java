package dev.sesops.api;

import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.MetricPoint;
import dev.sesops.ses.Page;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.SuppressedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory SES account: identities, DKIM, a suppression list, sent mail, and a failure to
 * inject.
 */
final class InMemorySesAccount implements SesAccount {
  final Map<String, String> identities = new TreeMap<>();
  final Map<String, SesGateway.Dkim> dkim = new LinkedHashMap<>();
  final TreeMap<String, SuppressedEntry> suppressed = new TreeMap<>();
  final List<String> configurationSets = new ArrayList<>();
  final List<String> sent = new ArrayList<>();
  final List<SendPoint> stats = new ArrayList<>();
  Quota quota = new Quota(200, 1, 10);
  AccountStatus status = new AccountStatus("HEALTHY", true, true);
  Reputation rates = new Reputation(MetricPoint.none(), MetricPoint.none());
  RuntimeException failure;
  int calls;

  private void call() {
    calls++;
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public Quota quota() {
    call();
    return quota;
  }

  @Override
  public List<SendPoint> sendStatistics() {
    call();
    return List.copyOf(stats);
  }

  @Override
  public AccountStatus accountStatus() {
    call();
    return status;
  }

  @Override
  public Reputation reputation(Instant now) {
    call();
    return rates;
  }

  @Override
  public Page<String> identities(SesGateway.IdentityKind kind, String token, int limit) {
    call();
    List<String> all = new ArrayList<>();
    identities
        .keySet()
        .forEach(
            id -> {
              if (kind == null || (kind == SesGateway.IdentityKind.DOMAIN) != id.contains("@")) {
                all.add(id);
              }
            });
    return page(all, token, limit);
  }

  private static <T> Page<T> page(List<T> all, String token, int limit) {
    int start = token == null ? 0 : Integer.parseInt(token.substring(4));
    int end = Math.min(all.size(), start + limit);
    return new Page<>(List.copyOf(all.subList(start, end)), end < all.size() ? "tok-" + end : null);
  }

  @Override
  public Map<String, SesGateway.Verification> verification(List<String> ids) {
    call();
    Map<String, SesGateway.Verification> out = new LinkedHashMap<>();
    ids.forEach(
        id -> {
          if (identities.containsKey(id)) {
            out.put(
                id,
                new SesGateway.Verification(
                    identities.get(id), id.contains("@") ? null : "token-" + id));
          }
        });
    return out;
  }

  @Override
  public Map<String, SesGateway.Dkim> dkim(List<String> ids) {
    call();
    Map<String, SesGateway.Dkim> out = new LinkedHashMap<>();
    ids.forEach(
        id -> {
          if (identities.containsKey(id)) {
            out.put(id, dkim.getOrDefault(id, new SesGateway.Dkim(false, "NotStarted", List.of())));
          }
        });
    return out;
  }

  @Override
  public Map<String, SesGateway.MailFrom> mailFrom(List<String> ids) {
    call();
    Map<String, SesGateway.MailFrom> out = new LinkedHashMap<>();
    ids.forEach(
        id -> {
          if (identities.containsKey(id)) {
            out.put(id, new SesGateway.MailFrom(null, null, "UseDefaultValue"));
          }
        });
    return out;
  }

  @Override
  public Map<String, SesGateway.Notifications> notifications(List<String> ids) {
    call();
    Map<String, SesGateway.Notifications> out = new LinkedHashMap<>();
    ids.forEach(
        id -> {
          if (identities.containsKey(id)) {
            Map<String, String> t = notificationTopics.getOrDefault(id, Map.of());
            out.put(
                id,
                new SesGateway.Notifications(
                    t.get("Bounce"),
                    t.get("Complaint"),
                    t.get("Delivery"),
                    true,
                    false,
                    false,
                    false));
          }
        });
    return out;
  }

  @Override
  public void verifyEmail(String address) {
    call();
    identities.put(address, "Pending");
  }

  @Override
  public DomainVerification verifyDomain(String domain) {
    call();
    identities.put(domain, "Pending");
    List<String> tokens =
        List.of("tok1" + domain.length(), "tok2" + domain.length(), "tok3" + domain.length());
    dkim.put(domain, new SesGateway.Dkim(false, "Pending", tokens));
    return new DomainVerification("token-" + domain, tokens);
  }

  @Override
  public void setDkimEnabled(String identity, boolean enabled) {
    call();
    SesGateway.Dkim d =
        dkim.getOrDefault(identity, new SesGateway.Dkim(false, "NotStarted", List.of()));
    dkim.put(identity, new SesGateway.Dkim(enabled, d.status(), d.tokens()));
  }

  /** Notification topics set per identity, by type (Bounce, Complaint, Delivery). */
  final Map<String, Map<String, String>> notificationTopics = new LinkedHashMap<>();

  @Override
  public void setNotificationTopic(String identity, String type, String topicArn) {
    call();
    notificationTopics.computeIfAbsent(identity, k -> new LinkedHashMap<>()).put(type, topicArn);
  }

  @Override
  public Page<String> configurationSets(String token, int limit) {
    call();
    return page(configurationSets, token, limit);
  }

  @Override
  public Page<SuppressedEntry> suppressed(
      List<String> reasons, Instant from, Instant to, String token, int limit) {
    call();
    List<SuppressedEntry> all = new ArrayList<>();
    suppressed
        .values()
        .forEach(
            s -> {
              if ((reasons.isEmpty() || reasons.contains(s.reason()))
                  && (from == null || !s.lastUpdateTime().isBefore(from))
                  && (to == null || !s.lastUpdateTime().isAfter(to))) {
                all.add(
                    new SuppressedEntry(
                        s.emailAddress(), s.reason(), s.lastUpdateTime(), null, null));
              }
            });
    return page(all, token, limit);
  }

  @Override
  public Optional<SuppressedEntry> suppressedDestination(String address) {
    call();
    return Optional.ofNullable(suppressed.get(address));
  }

  @Override
  public boolean deleteSuppressed(String address) {
    call();
    return suppressed.remove(address) != null;
  }

  @Override
  public String sendEmail(String from, String to, String subject, String body) {
    call();
    sent.add(from + "->" + to + ":" + subject);
    return "msg-" + sent.size();
  }

  void suppress(String address, String reason, Instant at) {
    suppressed.put(
        address, new SuppressedEntry(address, reason, at, "m-" + address.length(), "f-1"));
  }
}
