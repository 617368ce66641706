package dev.sesops.audit;

import dev.sesops.alert.AlertException;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Alert;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.DedicatedIp;
import dev.sesops.testing.FixedConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.model.SesException;

/** Small hand-written fakes of the audit's ports. */
final class Fakes {
  private Fakes() {}

  static SesOpsConfig config(String json) {
    return ConfigParser.parse(json);
  }

  static AccountConfig account(String json) {
    return config("{\"accounts\":{\"production\":" + json + "}}").account("production");
  }

  static ConfigSource source(SesOpsConfig cfg) {
    return FixedConfig.of(cfg);
  }

  static IdentityAttributes domain(String name) {
    return new IdentityAttributes(
        name,
        "Success",
        "tok3n",
        true,
        "Success",
        List.of("aaa", "bbb", "ccc"),
        "mail." + name,
        "Success",
        "arn:aws:sns:us-east-1:111122223333:bounces",
        "arn:aws:sns:us-east-1:111122223333:complaints",
        false);
  }

  static IdentityAttributes email(String name) {
    return new IdentityAttributes(
        name,
        "Success",
        null,
        false,
        "NotStarted",
        List.of(),
        null,
        null,
        "arn:aws:sns:us-east-1:111122223333:bounces",
        "arn:aws:sns:us-east-1:111122223333:complaints",
        false);
  }

  static SdkException sesError(String code, int status) {
    return SesException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage("secret details").build())
        .build();
  }

  /**
   * An in-memory SES account: counts "calls" the way the SDK adapter would (1 per list page, 4 per
   * batch).
   */
  static final class Ses implements SesAccountReader {
    AccountStatus status =
        new AccountStatus("HEALTHY", true, true, null, List.of("BOUNCE", "COMPLAINT"));
    final Map<String, IdentityAttributes> identities = new java.util.LinkedHashMap<>();
    List<ConfigurationSetInfo> sets = List.of();
    RuntimeException accountFailure;
    RuntimeException identitiesFailure;
    Runnable onCall = () -> {};
    final AtomicLong calls = new AtomicLong();

    /**
     * Identity to default configuration set ("" for none); identities not in it are unknown to SES.
     */
    final Map<String, String> defaultSets = new java.util.HashMap<>();

    @Override
    public Map<String, String> defaultConfigurationSets(List<String> ids) {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      for (String id : ids) {
        call();
        out.put(id, defaultSets.getOrDefault(id, "default-set"));
      }
      return out;
    }

    Ses with(IdentityAttributes... as) {
      for (IdentityAttributes a : as) {
        identities.put(a.identity(), a);
      }
      return this;
    }

    @Override
    public AccountStatus accountStatus() {
      call();
      if (accountFailure != null) {
        throw accountFailure;
      }
      return status;
    }

    @Override
    public List<String> identities() {
      call();
      if (identitiesFailure != null) {
        throw identitiesFailure;
      }
      for (int i = 1000; i < identities.size(); i += 1000) {
        call();
      }
      return new ArrayList<>(identities.keySet());
    }

    @Override
    public List<IdentityAttributes> attributes(List<String> batch) {
      if (batch.size() > BATCH) {
        throw new IllegalArgumentException("batch too big");
      }
      for (int i = 0; i < 4; i++) {
        call();
      }
      return batch.stream()
          .map(id -> identities.getOrDefault(id, IdentityAttributes.unknown(id)))
          .toList();
    }

    @Override
    public List<ConfigurationSetInfo> configurationSets() {
      call();
      sets.forEach(
          s -> {
            call();
            call();
          });
      return sets;
    }

    SendingSignals.SendTotals totals = new SendingSignals.SendTotals(20_000, 4);
    List<DedicatedIp> dedicatedIps = List.of();
    List<String> pools = List.of();

    @Override
    public List<DedicatedIp> dedicatedIps() {
      call();
      return dedicatedIps;
    }

    @Override
    public List<String> dedicatedIpPools() {
      call();
      return pools;
    }

    List<SendingSignals.ContactList> contactLists = List.of();

    @Override
    public SendingSignals.SendTotals sendTotals() {
      call();
      return totals;
    }

    @Override
    public List<SendingSignals.ContactList> contactLists() {
      call();
      contactLists.forEach(c -> call());
      return contactLists;
    }

    @Override
    public long calls() {
      return calls.get();
    }

    private void call() {
      calls.incrementAndGet();
      onCall.run();
    }
  }

  /** DNS from a map of "TYPE name" to an answer; anything else is NXDOMAIN. */
  static final class Dns implements DnsLookup {
    final Map<String, DnsAnswer> answers = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    Dns() {
      // the real amazonses.com publishes SPF: includes of it resolve here too
      put(Type.TXT, "amazonses.com", "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 -all");
    }

    Dns put(Type type, String name, String... records) {
      answers.put(type + " " + name, DnsAnswer.found(List.of(records)));
      return this;
    }

    Dns answer(Type type, String name, DnsAnswer answer) {
      answers.put(type + " " + name, answer);
      return this;
    }

    /** Every record a healthy domain.name needs, as in {@link Fakes#domain}. */
    Dns healthy(String domain) {
      for (String t : List.of("aaa", "bbb", "ccc")) {
        put(Type.CNAME, t + "._domainkey." + domain, t + ".dkim.amazonses.com");
      }
      put(Type.TXT, "_amazonses." + domain, "tok3n");
      put(Type.TXT, "_dmarc." + domain, "v=DMARC1; p=reject; rua=mailto:dmarc-reports@" + domain);
      put(Type.MX, "mail." + domain, "10 feedback-smtp.us-east-1.amazonses.com");
      put(Type.TXT, "mail." + domain, "v=spf1 include:amazonses.com ~all");
      put(Type.TXT, domain, "v=spf1 include:amazonses.com -all");
      put(Type.DS, domain, "12345 13 2 ABCDEF"); // the zone is signed
      put(
          Type.TXT,
          "default._bimi." + domain,
          "v=BIMI1; l=; a="); // BIMI declined: nothing to fetch
      return this;
    }

    @Override
    public synchronized DnsAnswer lookup(String name, Type type) {
      asked.add(type + " " + name);
      return answers.getOrDefault(type + " " + name, DnsAnswer.empty(DnsAnswer.Status.NX_DOMAIN));
    }
  }

  /**
   * Reports kept in a sorted map by key, written through JSON as S3 would hold them; the auditor
   * calls it from several threads.
   */
  static final class Store implements ReportStore {
    final TreeMap<String, String> objects = new TreeMap<>();
    boolean failReads;
    boolean failWrites;

    @Override
    public synchronized Optional<Stored> latest(String account) {
      if (failReads) {
        throw new AuditException(
            "previous report of " + account + " not read: AccessDenied (HTTP 403)", null);
      }
      return objects.descendingMap().entrySet().stream()
          .filter(e -> e.getKey().startsWith(ReportStore.prefix(account)))
          .findFirst()
          .map(
              e -> {
                try {
                  return new Stored(
                      e.getKey(), Json.MAPPER.readValue(e.getValue(), AccountAudit.class));
                } catch (Exception ex) {
                  throw new IllegalStateException(ex);
                }
              });
    }

    @Override
    public synchronized String put(AccountAudit report) {
      if (failWrites) {
        throw new AuditException("report not stored: AccessDenied (HTTP 403)", null);
      }
      String key = ReportStore.key(report);
      objects.put(key, Json.pretty(report));
      return key;
    }

    @Override
    public synchronized void putHtml(String key, String html) {
      if (failWrites) {
        throw new AuditException("HTML report not stored: AccessDenied (HTTP 403)", null);
      }
      objects.put(key, html);
    }

    @Override
    public String link(String key, java.time.Duration validity) {
      return "https://reports.example/" + key + "?expires=" + validity.toSeconds();
    }
  }

  /** Records alerts; can be told to fail. */
  static final class Alerts implements AlertPublisher {
    final List<Alert> sent = new ArrayList<>();
    Function<Alert, Boolean> fail = a -> false;

    @Override
    public synchronized String publish(Alert alert) {
      if (fail.apply(alert)) {
        throw new AlertException("not published: InternalError (HTTP 500)", null);
      }
      sent.add(alert);
      return "m-" + sent.size();
    }
  }
}
