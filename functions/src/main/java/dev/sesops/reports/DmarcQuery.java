package dev.sesops.reports;

import dev.sesops.audit.DnsLookup;
import dev.sesops.common.BadInputException;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the API and the CLI show for a domain: per source class totals and rates over N days, the
 * failing sources, the verdict.
 */
public final class DmarcQuery {
  static final int MAX_DAYS = 366;
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]");
  private final ConfigSource config;
  private final ReportStore store;
  private final DnsLookup dns;
  private final Clock clock;

  public DmarcQuery(ConfigSource config, ReportStore store, DnsLookup dns, Clock clock) {
    this.config = config;
    this.store = store;
    this.dns = dns;
    this.clock = clock;
  }

  /**
   * Totals of one source class over the period ({@code reports}: the reports with mail of this
   * class).
   */
  public record ClassTotals(
      String sourceClass,
      long reports,
      long messages,
      long dmarcPass,
      double passRate,
      double dkimAlignedRate,
      double spfAlignedRate,
      Map<String, Long> dispositions,
      List<String> failingSources,
      Map<String, Long> sesFailureCauses) {}

  /** The answer for one domain. */
  public record DomainDmarc(
      String domain,
      int days,
      long messages,
      double passRate,
      List<ClassTotals> sources,
      List<DaySummary> daily,
      Verdict verdict) {}

  /**
   * @throws BadInputException naming {@code domain} or {@code days} when they are not usable
   */
  public DomainDmarc domain(String domain, int days) {
    String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    if (!DOMAIN.matcher(d).matches()) {
      throw new BadInputException("domain", "not a domain name");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new BadInputException("days", "must be 1-" + MAX_DAYS);
    }
    SesOpsConfig cfg = config.load();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<DaySummary> daily = store.summaries(d, today.minusDays(days), today);
    Map<String, List<DaySummary>> byClass = new LinkedHashMap<>();
    for (SourceClass c : SourceClass.values()) {
      byClass.put(c.label(), new ArrayList<>());
    }
    long messages = 0;
    long pass = 0;
    for (DaySummary s : daily) {
      byClass.computeIfAbsent(s.sourceClass(), k -> new ArrayList<>()).add(s);
      messages += s.messages();
      pass += s.dmarcPass();
    }
    List<ClassTotals> totals = new ArrayList<>();
    byClass.forEach(
        (cls, list) -> {
          if (!list.isEmpty()) {
            totals.add(totals(cls, list));
          }
        });
    Verdict verdict =
        new Readiness()
            .decide(
                d,
                days,
                daily,
                store.policy(d),
                dns.lookup("_dmarc." + d, DnsLookup.Type.TXT).records().stream()
                    .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=dmarc1"))
                    .findFirst(),
                cfg.dmarc().rua(),
                cfg.dmarc().minMessages());
    return new DomainDmarc(
        d, days, messages, messages == 0 ? 0 : (double) pass / messages, totals, daily, verdict);
  }

  private static ClassTotals totals(String cls, List<DaySummary> list) {
    long reports = 0;
    long m = 0;
    long p = 0;
    long dk = 0;
    long sp = 0;
    Map<String, Long> disp = new LinkedHashMap<>();
    Map<String, Long> causes = new LinkedHashMap<>();
    TreeSet<String> failing = new TreeSet<>();
    for (DaySummary s : list) {
      reports += s.reports();
      m += s.messages();
      p += s.dmarcPass();
      dk += s.dkimAligned();
      sp += s.spfAligned();
      s.dispositions().forEach((k, v) -> disp.merge(k, v, Long::sum));
      s.causes().forEach((k, v) -> causes.merge(k, v, Long::sum));
      failing.addAll(s.failingSources());
    }
    double den = Math.max(1, m);
    return new ClassTotals(
        cls, reports, m, p, p / den, dk / den, sp / den, disp, List.copyOf(failing), causes);
  }
}
