package dev.sesops.audit;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Orders findings, counts them per severity, and scores an account: 100 less the findings' weights,
 * at least 0.
 */
final class Score {
  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::id)
          .thenComparing(Finding::resource);

  private Score() {}

  static int of(List<Finding> findings) {
    int cost = findings.stream().mapToInt(f -> f.severity().weight()).sum();
    return Math.max(0, 100 - cost);
  }

  static Map<Severity, Integer> counts(List<Finding> findings) {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      m.put(s, 0);
    }
    findings.forEach(f -> m.merge(f.severity(), 1, Integer::sum));
    return m;
  }

  static List<Finding> sorted(List<Finding> findings) {
    return findings.stream().sorted(ORDER).toList();
  }
}
