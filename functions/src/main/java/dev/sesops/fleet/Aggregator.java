package dev.sesops.fleet;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.common.Json;
import dev.sesops.core.Alert;
import dev.sesops.core.FleetItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a fleet run: reads every item's result, reports each account once (checked,
 * failed, or not reached), logs one summary line and, when anything failed, sends one alert.
 */
final class Aggregator {
  private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);
  private static final int MAX_ERROR = 200;
  static final String CHECK = "fleet";

  private Aggregator() {}

  static FleetSummary aggregate(
      FleetJob job, String runId, ItemList list, List<ItemResult> results, long durationMs) {
    return aggregate(
        job,
        runId,
        list.items(),
        results,
        list.skipped(),
        runFailures(list.discoveryError(), null),
        durationMs);
  }

  /** Failures of the run itself: discovery (the hand-written accounts still ran), the Map state. */
  static List<FleetSummary.Failure> runFailures(String discoveryError, String mapError) {
    List<FleetSummary.Failure> out = new ArrayList<>();
    if (discoveryError != null) {
      out.add(
          new FleetSummary.Failure(
              "organization",
              "-",
              "discovery failed, hand-written accounts only: " + clip(discoveryError)));
    }
    if (mapError != null) {
      out.add(
          new FleetSummary.Failure("map", "-", "the Distributed Map failed: " + clip(mapError)));
    }
    return out;
  }

  static FleetSummary aggregate(
      FleetJob job,
      String runId,
      List<FleetItem> items,
      List<ItemResult> results,
      List<SkippedAccount> skipped,
      List<FleetSummary.Failure> runFailures,
      long durationMs) {
    Map<String, FleetSummary.AccountLine> lines = new LinkedHashMap<>();
    Map<String, String> regions = new LinkedHashMap<>();
    for (FleetItem i : items) {
      regions.putIfAbsent(i.account(), i.region());
    }
    for (ItemResult r : results) {
      if (r.error() != null) {
        for (FleetItem i : r.items()) {
          lines.putIfAbsent(
              i.account(),
              new FleetSummary.AccountLine(i.account(), i.region(), "FAILED", clip(r.error())));
        }
        continue;
      }
      for (FleetJob.Outcome o : job.read(r.output())) {
        if (regions.containsKey(o.account())) {
          lines.putIfAbsent(
              o.account(),
              new FleetSummary.AccountLine(
                  o.account(), regions.get(o.account()), o.level(), clip(o.error())));
        }
      }
    }
    List<FleetSummary.AccountLine> all = new ArrayList<>();
    List<FleetSummary.Failure> failures = new ArrayList<>();
    List<String> notReached = new ArrayList<>();
    Map<String, Integer> levels = new TreeMap<>();
    int checked = 0;
    for (Map.Entry<String, String> e : regions.entrySet()) {
      FleetSummary.AccountLine line = lines.get(e.getKey());
      if (line == null) {
        notReached.add(e.getKey());
        all.add(new FleetSummary.AccountLine(e.getKey(), e.getValue(), "NOT_REACHED", null));
        continue;
      }
      checked++;
      all.add(line);
      levels.merge(line.level(), 1, Integer::sum);
      if (line.error() != null) {
        failures.add(new FleetSummary.Failure(line.account(), line.region(), line.error()));
      }
    }
    failures.addAll(runFailures);
    FleetSummary s =
        new FleetSummary(
            job.id(),
            runId,
            items.size(),
            checked,
            levels,
            failures,
            notReached,
            skipped,
            all,
            durationMs);
    org.slf4j.MDC.put("json.fleet_summary", Json.write(s.compact()));
    try {
      LOG.info(
          "fleet {} run {}: {} items, {} accounts checked, levels {}, {} failed, {} not reached, {} skipped, {} ms",
          job.id(),
          runId,
          items.size(),
          checked,
          levels,
          failures.size(),
          notReached.size(),
          skipped.size(),
          durationMs);
    } finally {
      org.slf4j.MDC.remove("json.fleet_summary");
    }
    return s;
  }

  /** One alert for the run when anything failed or was not reached; null when nothing did. */
  static String alert(FleetSummary s, AlertPublisher alerts) {
    if (!s.anythingFailed()) {
      return null;
    }
    StringBuilder body = new StringBuilder();
    body.append("ses-ops fleet ")
        .append(s.job())
        .append(" run ")
        .append(s.runId())
        .append(": ")
        .append(s.accountsChecked())
        .append(" of ")
        .append(s.accounts().isEmpty() ? s.items() : s.accounts().size())
        .append(" accounts checked, ")
        .append(s.failures().size())
        .append(" failed, ")
        .append(s.notReached().size())
        .append(" not reached.\n");
    int shown = 0;
    for (FleetSummary.Failure f : s.failures()) {
      if (shown++ == 50) {
        body.append("... and ").append(s.failures().size() - 50).append(" more failures\n");
        break;
      }
      body.append("failed: ")
          .append(f.account())
          .append(" (")
          .append(f.region())
          .append("): ")
          .append(f.error())
          .append('\n');
    }
    if (!s.notReached().isEmpty()) {
      List<String> nr =
          s.notReached().size() > 100 ? s.notReached().subList(0, 100) : s.notReached();
      body.append("not reached: ")
          .append(String.join(", ", nr))
          .append(s.notReached().size() > 100 ? ", ..." : "")
          .append('\n');
    }
    String severity = s.accountsChecked() == s.failures().size() ? "CRITICAL" : "WARNING";
    String subject =
        "["
            + severity
            + "] ses-ops fleet "
            + s.job()
            + ": "
            + s.failures().size()
            + " failed, "
            + s.notReached().size()
            + " not reached";
    return alerts.publish(new Alert("fleet", CHECK, severity, subject, body.toString()));
  }

  private static String clip(String s) {
    if (s == null) {
      return null;
    }
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 3) + "...";
  }
}
