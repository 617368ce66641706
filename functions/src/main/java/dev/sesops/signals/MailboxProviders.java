package dev.sesops.signals;

import dev.sesops.config.AccountConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.ses.SesGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per mailbox provider rates for the last day from VDM ({@code BatchGetMetricData}, namespace VDM,
 * dimension ISP): sends, deliveries, permanent bounces and complaints for Gmail, Yahoo and
 * Microsoft, 12 queries in two calls. The complaint rate (complaints / deliveries) is CRITICAL at
 * 0.3% (the Gmail and Yahoo bulk-sender limit) and WARNING at 0.1%; a provider with fewer
 * deliveries than the volume floor is reported, not judged.
 */
final class MailboxProviders {
  /** Report name to the ISP dimension value VDM uses. */
  static final Map<String, String> PROVIDERS = providers();

  static final List<String> METRICS = List.of("SEND", "DELIVERY", "PERMANENT_BOUNCE", "COMPLAINT");
  static final double CRITICAL = 0.3;
  static final double WARNING = 0.1;
  private static final int MAX_QUERIES = 10;

  private final SignalSource source;

  public MailboxProviders(SignalSource source) {
    this.source = source;
  }

  private static Map<String, String> providers() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Gmail", "Gmail");
    m.put("Yahoo", "Yahoo");
    m.put("Microsoft", "Hotmail");
    return m;
  }

  /**
   * One provider's day: counts and rates in percent (null below the volume floor or without data).
   */
  public record ProviderDay(
      long sends,
      long deliveries,
      long bounces,
      long complaints,
      Double deliveryRate,
      Double bounceRate,
      Double complaintRate,
      Level level) {}

  public Signal read(AccountConfig account, Instant now, long volumeFloor) {
    List<SesGateway.VdmQuery> queries = new ArrayList<>();
    for (Map.Entry<String, String> p : PROVIDERS.entrySet()) {
      for (String m : METRICS) {
        queries.add(new SesGateway.VdmQuery(id(p.getKey(), m), m, p.getValue()));
      }
    }
    Map<String, Long> sums = new HashMap<>();
    List<String> errors = new ArrayList<>();
    Instant from = now.minus(java.time.Duration.ofDays(1));
    for (int i = 0; i < queries.size(); i += MAX_QUERIES) {
      for (SesGateway.VdmSum s :
          source.providerMetrics(
              account, queries.subList(i, Math.min(queries.size(), i + MAX_QUERIES)), from, now)) {
        if (s.error() != null) {
          errors.add(s.id() + " " + s.error());
        } else if (s.sum() != null) {
          sums.put(s.id(), s.sum());
        }
      }
    }
    return judge(sums, errors, volumeFloor);
  }

  static Signal judge(Map<String, Long> sums, List<String> errors, long volumeFloor) {
    Map<String, Object> value = new LinkedHashMap<>();
    Level worst = Level.OK;
    List<String> shown = new ArrayList<>();
    boolean judgedAny = false;
    for (String p : PROVIDERS.keySet()) {
      long sends = sums.getOrDefault(id(p, "SEND"), 0L);
      long deliveries = sums.getOrDefault(id(p, "DELIVERY"), 0L);
      long bounces = sums.getOrDefault(id(p, "PERMANENT_BOUNCE"), 0L);
      long complaints = sums.getOrDefault(id(p, "COMPLAINT"), 0L);
      boolean judged = deliveries >= Math.max(1, volumeFloor);
      Double complaintRate = deliveries == 0 ? null : round(complaints * 100.0 / deliveries);
      Level level =
          !judged
              ? Level.UNKNOWN
              : complaintRate >= CRITICAL
                  ? Level.CRITICAL
                  : complaintRate >= WARNING ? Level.WARNING : Level.OK;
      judgedAny |= judged;
      if (judged) {
        worst = Level.worst(worst, level);
      }
      value.put(
          p.toLowerCase(Locale.ROOT),
          new ProviderDay(
              sends,
              deliveries,
              bounces,
              complaints,
              sends == 0 ? null : round(deliveries * 100.0 / sends),
              sends == 0 ? null : round(bounces * 100.0 / sends),
              complaintRate,
              level));
      if (judged) {
        shown.add(p + " " + String.format(Locale.ROOT, "%.2f%%", complaintRate));
      }
    }
    if (!errors.isEmpty()) {
      value.put("errors", errors);
    }
    if (!judgedAny) {
      return new Signal(
          PROVIDERS_CHECK,
          Level.UNKNOWN,
          value,
          "too few deliveries to judge",
          threshold(),
          SignalJudge.SRC_PROVIDERS,
          "No mailbox provider had "
              + volumeFloor
              + " deliveries in the last day; rates are reported, not judged.");
    }
    String display = "complaints " + String.join(", ", shown);
    String message =
        worst == Level.OK
            ? "Complaint rates at Gmail, Yahoo and Microsoft are below 0.1%."
            : "A mailbox provider's complaint rate is at or above "
                + (worst == Level.CRITICAL
                    ? "0.3% (the Gmail and Yahoo bulk-sender limit)"
                    : "0.1%")
                + ": that provider may start filtering or rejecting this mail.";
    return new Signal(
        PROVIDERS_CHECK, worst, value, display, threshold(), SignalJudge.SRC_PROVIDERS, message);
  }

  static final String PROVIDERS_CHECK = SignalJudge.PROVIDERS;

  private static String threshold() {
    return "complaint rate per provider CRITICAL >= 0.30%, WARNING >= 0.10%";
  }

  static String id(String provider, String metric) {
    return (provider + "_" + metric).toLowerCase(Locale.ROOT);
  }

  private static double round(double d) {
    return Math.round(d * 10_000.0) / 10_000.0;
  }
}
