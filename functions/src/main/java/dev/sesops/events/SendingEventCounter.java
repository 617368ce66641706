package dev.sesops.events;

import dev.sesops.alert.AlertStateEntry;
import dev.sesops.common.Deadline;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts SES sending events exactly once ({@link ExactCounter}), one account per task and up to
 * {@link #PARALLEL_ACCOUNTS} accounts at a time, then judges the scopes the batch counted from the
 * windows it wrote (no read of history) and alerts once per root cause ({@link Incidents}). Records
 * not counted (a store fault, the deadline) go back to SQS; the rest, counted or recognised as
 * already counted, do not.
 */
public final class SendingEventCounter implements EventConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(SendingEventCounter.class);
  static final int PARALLEL_ACCOUNTS = 8;

  /**
   * Events older than this cannot change any window: ignored, and dedupe pages are kept longer than
   * this.
   */
  static final Duration MAX_AGE = Duration.ofHours(25);

  /**
   * An account's alert states are read at most this often per container (a claim that fails reads
   * again).
   */
  static final Duration ALERT_STATE_TTL = Duration.ofSeconds(60);

  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          PARALLEL_ACCOUNTS,
          r -> {
            Thread t = new Thread(r, "ses-ops-counter");
            t.setDaemon(true);
            return t;
          });

  private final ConfigSource config;
  private final ExactCounter counter;
  private final Supplier<ScopeAlerter> alerter;
  private final RatesListener listener;
  private final Map<String, CachedStates> alertStates = new ConcurrentHashMap<>();

  public SendingEventCounter(
      ConfigSource config,
      CounterStore store,
      Supplier<ScopeAlerter> alerter,
      RatesListener listener) {
    this.config = config;
    this.counter = new ExactCounter(store);
    this.alerter = alerter;
    this.listener = listener;
  }

  public SendingEventCounter(
      ConfigSource config, CounterStore store, Supplier<ScopeAlerter> alerter) {
    this(config, store, alerter, (a, r, id, now) -> {});
  }

  private record CachedStates(Map<String, AlertStateEntry> states, Instant at) {}

  @Override
  public String name() {
    return "sending_events";
  }

  @Override
  public boolean accepts(Envelope e) {
    if (!Envelope.SES.equals(e.source())) {
      return false;
    }
    return e.form() != Envelope.Form.EVENTBRIDGE
        || EventKind.BY_DETAIL_TYPE.containsKey(e.detailType());
  }

  /** Parsing and grouping only, no I/O: what the benchmark times. */
  record Parsed(
      Map<String, List<ExactCounter.Counted>> byAccount,
      Map<String, String> rejected,
      Set<String> ignored,
      Set<String> unknownAccounts) {
    int counted() {
      return byAccount.values().stream().mapToInt(List::size).sum();
    }
  }

  static Parsed parse(List<InboundEvent> events, AccountDirectory directory, Instant now) {
    Map<String, List<ExactCounter.Counted>> byAccount = new LinkedHashMap<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    Set<String> ignored = new LinkedHashSet<>();
    Set<String> unknown = new TreeSet<>();
    Instant oldest = now.minus(MAX_AGE);
    for (InboundEvent in : events) {
      SesEvent e;
      try {
        e = SesEventParser.parse(in.envelope());
      } catch (RejectedInputException ex) {
        rejected.put(in.messageId(), ex.getMessage());
        continue;
      }
      if (e == null || e.time().isBefore(oldest)) {
        ignored.add(in.messageId());
        continue;
      }
      String account = directory.name(e.awsAccountId(), e.region());
      if (!directory.known(e.awsAccountId(), e.region())) {
        unknown.add(account);
      }
      byAccount
          .computeIfAbsent(account, k -> new ArrayList<>())
          .add(new ExactCounter.Counted(in.messageId(), e));
    }
    return new Parsed(byAccount, rejected, ignored, unknown);
  }

  @Override
  public ConsumerResult consume(List<InboundEvent> events, Instant now) {
    return consume(events, now, Deadline.none(Clock.systemUTC()));
  }

  @Override
  public ConsumerResult consume(List<InboundEvent> events, Instant now, Deadline deadline) {
    SesOpsConfig cfg = config.load();
    Parsed p = parse(events, new AccountDirectory(cfg), now);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("parsed", p.counted());
    summary.put("ignored", p.ignored().size());
    summary.put("rejected", p.rejected().size());
    if (!p.unknownAccounts().isEmpty()) {
      summary.put("unknown_accounts", List.copyOf(p.unknownAccounts()));
    }
    int maxDomains = cfg.monitoring().recipientDomains();
    Map<String, Future<ExactCounter.Outcome>> running = new LinkedHashMap<>();
    for (Map.Entry<String, List<ExactCounter.Counted>> e : p.byAccount().entrySet()) {
      running.put(
          e.getKey(),
          POOL.submit(() -> counter.apply(e.getKey(), e.getValue(), maxDomains, now, deadline)));
    }
    Set<String> retry = new LinkedHashSet<>();
    int counted = 0;
    int duplicates = 0;
    int commits = 0;
    int conflicts = 0;
    Set<String> folded = new TreeSet<>();
    List<ScopeAlerter.Sent> sent = new ArrayList<>();
    Map<String, String> errors = new TreeMap<>();
    for (Map.Entry<String, Future<ExactCounter.Outcome>> f : running.entrySet()) {
      String account = f.getKey();
      ExactCounter.Outcome o;
      try {
        o = f.getValue().get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        p.byAccount().get(account).forEach(c -> retry.add(c.messageId()));
        continue;
      } catch (ExecutionException ex) {
        LOG.error("account {}: counting failed: {}", account, String.valueOf(ex.getCause()));
        errors.put(account, String.valueOf(ex.getCause().getMessage()));
        p.byAccount().get(account).forEach(c -> retry.add(c.messageId()));
        continue;
      }
      retry.addAll(o.retry());
      counted += o.counted().size();
      duplicates += o.duplicates().size();
      commits += o.commits();
      conflicts += o.conflicts();
      folded.addAll(o.folded());
      if (o.error() != null) {
        errors.put(account, o.error());
        LOG.error(
            "account {}: {} records not counted, back to the queue: {}",
            account,
            o.retry().size(),
            o.error());
      }
      if (!o.windows().isEmpty()) {
        sent.addAll(evaluate(account, o.windows(), cfg, now, summary));
      }
    }
    summary.put("counted", counted);
    summary.put("already_counted", duplicates);
    summary.put("transactions", commits);
    if (conflicts > 0) {
      summary.put("conflicts", conflicts);
    }
    if (!folded.isEmpty()) {
      summary.put("domains_folded", folded.size());
    }
    if (!errors.isEmpty()) {
      summary.put("errors", errors);
      summary.put("retry", retry.size());
    }
    summary.put("alerts", sent);
    return new ConsumerResult(retry, p.rejected(), summary);
  }

  /**
   * Judges the scopes of one account this batch wrote, from the windows as written; faults here
   * never fail the batch.
   */
  private List<ScopeAlerter.Sent> evaluate(
      String account,
      Map<Scope, WindowCounts> windows,
      SesOpsConfig cfg,
      Instant now,
      Map<String, Object> summary) {
    List<Incidents.Judged> judged = new ArrayList<>();
    List<RatesListener.ScopeWindows> rates = new ArrayList<>();
    for (Map.Entry<Scope, WindowCounts> w : windows.entrySet()) {
      Counts h1 = w.getValue().hour(now);
      Counts h24 = w.getValue().day(now);
      judged.add(
          new Incidents.Judged(
              w.getKey(),
              h1,
              h24,
              RateEvaluator.evaluate(w.getKey(), h1, h24, cfg.monitoring().scopes())));
      rates.add(new RatesListener.ScopeWindows(w.getKey(), h1, h24));
    }
    judged.sort((a, b) -> a.scope().key().compareTo(b.scope().key()));
    try {
      listener.onRates(account, rates, "events-" + now.toEpochMilli(), now);
    } catch (RuntimeException e) {
      LOG.error("account {}: rates listener failed: {}", account, e.getClass().getSimpleName());
    }
    Incidents.Plan plan = Incidents.plan(account, judged, cfg.monitoring().scopes());
    List<ScopeAlerter.Sent> sent = new ArrayList<>();
    int errors = 0;
    Map<String, AlertStateEntry> known = null;
    for (Incidents.Judged j : judged) {
      List<RateEvaluator.WindowRate> toAlert = plan.alerts().getOrDefault(j.scope(), List.of());
      if (toAlert.stream().allMatch(r -> r.level() == Level.UNKNOWN)) {
        continue;
      }
      boolean needsState =
          toAlert.stream().anyMatch(r -> r.level() == Level.WARNING || r.level() == Level.CRITICAL);
      try {
        ScopeAlerter a = alerter.get();
        if (known == null) {
          known = states(a, account, now);
        }
        if (!needsState
            && toAlert.stream().noneMatch(r -> known(j.scope(), r.check(), a, account, now))) {
          continue;
        }
        List<ScopeAlerter.Sent> s =
            a.notify(
                account,
                j.scope(),
                toAlert,
                plan.moved().getOrDefault(j.scope(), Map.of()),
                known,
                cfg.monitoring().renotifyHours(),
                now);
        if (s.stream().anyMatch(x -> x.messageId() == null && x.error() != null)) {
          alertStates.remove(account);
        }
        sent.addAll(s);
      } catch (RuntimeException e) {
        errors++;
        alertStates.remove(account);
        LOG.error(
            "account {}: rates of {} not judged: {}", account, j.scope().key(), e.getMessage());
      }
    }
    if (errors > 0) {
      summary.merge("evaluation_errors", errors, (x, y) -> (Integer) x + (Integer) y);
    }
    return sent;
  }

  private boolean known(Scope scope, String check, ScopeAlerter a, String account, Instant now) {
    return states(a, account, now).containsKey(ScopeAlerter.stateKey(check, scope));
  }

  /**
   * The account's alert states, read at most once a minute per container: the claims themselves are
   * conditional.
   */
  private Map<String, AlertStateEntry> states(ScopeAlerter a, String account, Instant now) {
    CachedStates c = alertStates.get(account);
    if (c == null || c.at().plus(ALERT_STATE_TTL).isBefore(now) || c.at().isAfter(now)) {
      c = new CachedStates(new ConcurrentHashMap<>(a.load(account)), now);
      alertStates.put(account, c);
    }
    return c.states();
  }
}
