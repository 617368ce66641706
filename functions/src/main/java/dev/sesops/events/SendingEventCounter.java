package dev.sesops.events;

import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts SES sending events: parses, sums per (account, scope, 5-minute bucket) in memory, writes each
 * touched item once (exactly once per batch id), then judges the touched scopes' 1 h and 24 h rates and
 * alerts on changes. A write fault hands every counted record back to SQS; the batch id (a hash of
 * their message ids) makes the items already written ignore the redelivery.
 */
final class SendingEventCounter implements EventConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(SendingEventCounter.class);

  private final ConfigSource config;
  private final CounterStore store;
  private final Supplier<ScopeAlerter> alerter;

  SendingEventCounter(ConfigSource config, CounterStore store, Supplier<ScopeAlerter> alerter) {
    this.config = config;
    this.store = store;
    this.alerter = alerter;
  }

  @Override
  public String name() {
    return "sending_events";
  }

  @Override
  public boolean accepts(Envelope e) {
    if (!Envelope.SES.equals(e.source())) {
      return false;
    }
    return e.form() != Envelope.Form.EVENTBRIDGE || EventKind.BY_DETAIL_TYPE.containsKey(e.detailType());
  }

  /** Parsing and aggregation only, no I/O: what the benchmark times. */
  record Parsed(BatchAggregate aggregate, List<String> countedIds, Map<String, String> rejected, int ignored,
      Set<String> unknownAccounts) {}

  static Parsed parse(List<InboundEvent> events, AccountDirectory directory, Instant now) {
    BatchAggregate agg = new BatchAggregate();
    List<String> counted = new ArrayList<>(events.size());
    Map<String, String> rejected = new LinkedHashMap<>();
    Set<String> unknown = new TreeSet<>();
    Instant oldest = now.minus(DynamoDbCounterStore.RETENTION);
    int ignored = 0;
    for (InboundEvent in : events) {
      SesEvent e;
      try {
        e = SesEventParser.parse(in.envelope());
      } catch (RejectedInputException ex) {
        rejected.put(in.messageId(), ex.getMessage());
        continue;
      }
      if (e == null || e.time().isBefore(oldest)) {
        ignored++;
        continue;
      }
      if (!directory.known(e.awsAccountId())) {
        unknown.add(e.awsAccountId());
      }
      agg.add(directory.name(e.awsAccountId()), e);
      counted.add(in.messageId());
    }
    return new Parsed(agg, counted, rejected, ignored, unknown);
  }

  @Override
  public ConsumerResult consume(List<InboundEvent> events, Instant now) {
    SesOpsConfig cfg = config.load();
    Parsed p = parse(events, new AccountDirectory(cfg), now);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("counted", p.countedIds().size());
    summary.put("ignored", p.ignored());
    summary.put("rejected", p.rejected().size());
    if (!p.unknownAccounts().isEmpty()) {
      summary.put("unknown_accounts", List.copyOf(p.unknownAccounts()));
    }
    if (p.aggregate().isEmpty()) {
      return new ConsumerResult(Set.of(), p.rejected(), summary);
    }
    String batchId = batchId(p.countedIds());
    CounterStore.ApplyResult applied = store.apply(batchId, p.aggregate().tallies());
    summary.put("batch_id", batchId);
    summary.put("items", p.aggregate().tallies().size());
    summary.put("items_written", applied.written());
    summary.put("items_already_counted", applied.duplicates());
    if (!applied.failed().isEmpty()) {
      LOG.error("{} of {} counter items not written ({}): the batch's {} counted records go back to the queue",
          applied.failed().size(), p.aggregate().tallies().size(), applied.errors(), p.countedIds().size());
      summary.put("items_failed", applied.failed().size());
      return new ConsumerResult(new LinkedHashSet<>(p.countedIds()), p.rejected(), summary);
    }
    List<ScopeAlerter.Sent> sent = evaluate(p.aggregate(), cfg, now, summary);
    summary.put("alerts", sent);
    return new ConsumerResult(Set.of(), p.rejected(), summary);
  }

  /** Judges every (account, scope) this batch touched within the last 24 h; faults here never fail the batch. */
  private List<ScopeAlerter.Sent> evaluate(BatchAggregate agg, SesOpsConfig cfg, Instant now, Map<String, Object> summary) {
    Instant last = Buckets.of(now);
    Instant first24 = Window.H24.firstBucket(now);
    Instant first1 = Window.H1.firstBucket(now);
    Map<String, Set<Scope>> touched = new LinkedHashMap<>();
    for (CounterKey k : agg.tallies().keySet()) {
      if (!k.bucket().isBefore(first24)) {
        touched.computeIfAbsent(k.account(), a -> new LinkedHashSet<>()).add(k.scope());
      }
    }
    List<ScopeAlerter.Sent> sent = new ArrayList<>();
    // the touched scopes' counts, for containment after the batch (BatchHook)
    Map<String, List<dev.sesops.protection.ScopeRate>> protectionRates = new LinkedHashMap<>();
    int errors = 0;
    ScopeAlerter a = null;
    for (Map.Entry<String, Set<Scope>> acc : touched.entrySet()) {
      Map<String, AlertStateEntry> known = null;
      for (Scope s : acc.getValue()) {
        try {
          Counts h1 = Counts.ZERO;
          Counts h24 = Counts.ZERO;
          for (Map.Entry<Instant, Counts> b : store.read(acc.getKey(), s, first24, last).entrySet()) {
            h24 = h24.plus(b.getValue());
            if (!b.getKey().isBefore(first1)) {
              h1 = h1.plus(b.getValue());
            }
          }
          List<dev.sesops.protection.ScopeRate> forProtection = dev.sesops.protection.EventRates.of(s, h1, h24);
          if (!forProtection.isEmpty()) {
            protectionRates.computeIfAbsent(acc.getKey(), k -> new ArrayList<>()).addAll(forProtection);
          }
          List<RateEvaluator.WindowRate> rates = RateEvaluator.evaluate(s, h1, h24, cfg.monitoring().scopes());
          if (rates.stream().allMatch(r -> r.level() == dev.sesops.monitor.Level.UNKNOWN)) {
            continue;
          }
          if (a == null) {
            a = alerter.get();
          }
          if (known == null) {
            known = a.load(acc.getKey());
          }
          sent.addAll(a.notify(acc.getKey(), s, rates, known, cfg.monitoring().renotifyHours(), now));
        } catch (RuntimeException e) {
          errors++;
          LOG.error("account {}: rates of {} not judged: {}", acc.getKey(), s.key(), e.getMessage());
        }
      }
    }
    if (errors > 0) {
      summary.put("evaluation_errors", errors);
    }
    if (!protectionRates.isEmpty()) {
      summary.put(dev.sesops.protection.EventRates.SUMMARY_KEY, protectionRates);
    }
    return sent;
  }

  /** A stable id for the set of counted records: the same records give the same id, in any order. */
  static String batchId(List<String> messageIds) {
    List<String> sorted = new ArrayList<>(messageIds);
    java.util.Collections.sort(sorted);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String id : sorted) {
        md.update(id.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      byte[] h = md.digest();
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        b.append(String.format("%02x", h[i]));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
