package dev.sesops.reports;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.audit.DnsAnswer;
import dev.sesops.audit.DnsLookup;
import dev.sesops.config.AccountConfig;
import dev.sesops.core.Alert;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** In-memory stand-ins for the reports function's ports. */
final class Fakes {
  private Fakes() {}

  /** The SES SPF chain the tests use: an ip4 range and an include with an ip6 range. */
  static Dns sesDns() {
    return new Dns()
        .txt("amazonses.com", "v=spf1 ip4:198.51.100.0/24 include:_v6.amazonses.com -all")
        .txt("_v6.amazonses.com", "v=spf1 ip6:2001:db8:5e5::/48 -all")
        .txt("mail.zendesk.test", "v=spf1 ip4:203.0.113.0/25 ~all")
        .txt("_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:dmarc@reports.example.com; fo=1")
        .ptr("77.2.0.192.in-addr.arpa", "mail.spoofer.test");
  }

  static final class Dns implements DnsLookup {
    final Map<String, List<String>> txt = new HashMap<>();
    final Map<String, String> ptr = new HashMap<>();
    final List<String> asked = new ArrayList<>();

    Dns txt(String name, String value) {
      txt.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    Dns ptr(String name, String host) {
      ptr.put(name, host);
      return this;
    }

    @Override
    public DnsAnswer lookup(String name, Type type) {
      asked.add(type + " " + name);
      if (type == Type.TXT && txt.containsKey(name)) {
        return DnsAnswer.found(txt.get(name));
      }
      if (type == Type.PTR && ptr.containsKey(name)) {
        return DnsAnswer.found(List.of(ptr.get(name)));
      }
      return DnsAnswer.empty(DnsAnswer.Status.NX_DOMAIN);
    }
  }

  static final class NoDedicatedIps implements DedicatedIps {
    @Override
    public Map<String, String> byAddress(Collection<AccountConfig> accounts) {
      return Map.of();
    }
  }

  static final class Alerts implements AlertPublisher {
    final List<Alert> sent = new ArrayList<>();

    @Override
    public String publish(Alert alert) {
      sent.add(alert);
      return "msg-" + sent.size();
    }
  }

  static final class State extends dev.sesops.testing.InMemoryAlertState {}

  /** Adds day summaries up as the DynamoDB store does; remembers report ids. */
  static final class Store implements ReportStore {
    final Set<String> ids = new HashSet<>();
    final Map<String, DaySummary> days = new TreeMap<>();
    final Map<String, AggregateReport.PolicyPublished> policies = new HashMap<>();
    final List<Aggregate> lines = new ArrayList<>();

    @Override
    public boolean store(AggregateReport report, List<Aggregate> aggregates) {
      if (!ids.add(report.org() + "|" + report.reportId())) {
        return false;
      }
      lines.addAll(aggregates);
      for (Aggregate a : aggregates) {
        String k = a.domain() + "|" + a.day() + "|" + a.sourceClass();
        DaySummary s =
            days.getOrDefault(
                k,
                new DaySummary(
                    a.domain(),
                    a.day(),
                    a.sourceClass(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    Map.of(),
                    Set.of(),
                    Map.of()));
        Map<String, Long> disp = new LinkedHashMap<>(s.dispositions());
        a.dispositions().forEach((x, n) -> disp.merge(x, n, Long::sum));
        Map<String, Long> causes = new LinkedHashMap<>(s.causes());
        a.causes().forEach((x, n) -> causes.merge(x, n, Long::sum));
        Set<String> failing = new TreeSet<>(s.failingSources());
        failing.addAll(a.failing().keySet());
        days.put(
            k,
            new DaySummary(
                a.domain(),
                a.day(),
                a.sourceClass(),
                s.reports() + 1,
                s.messages() + a.messages(),
                s.dmarcPass() + a.dmarcPass(),
                s.dkimAligned() + a.dkimAligned(),
                s.spfAligned() + a.spfAligned(),
                disp,
                failing,
                causes));
      }
      policies.put(report.policy().domain(), report.policy());
      return true;
    }

    @Override
    public boolean storeTls(TlsReport report) {
      return ids.add("tls|" + report.org() + "|" + report.reportId());
    }

    @Override
    public List<DaySummary> summaries(String domain, LocalDate from, LocalDate to) {
      return days.values().stream()
          .filter(s -> s.domain().equals(domain) && !s.day().isBefore(from) && !s.day().isAfter(to))
          .toList();
    }

    @Override
    public Optional<AggregateReport.PolicyPublished> policy(String domain) {
      return Optional.ofNullable(policies.get(domain));
    }
  }

  /** Objects by key. */
  static final class Objects implements ObjectSource {
    final Map<String, byte[]> byKey = new HashMap<>();

    Objects put(String key, byte[] bytes) {
      byKey.put(key, bytes);
      return this;
    }

    @Override
    public byte[] read(String bucket, String key, long maxBytes) {
      byte[] b = byKey.get(key);
      if (b == null) {
        throw new ReportsException("no such object " + key, null);
      }
      return b;
    }
  }
}
