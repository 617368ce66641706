package dev.sesops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.Pacer;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.ses.ImportJob;
import dev.sesops.ses.Page;
import dev.sesops.ses.SuppressedEntry;
import dev.sesops.suppression.AccountCleanupResult;
import dev.sesops.suppression.CleanupOptions;
import dev.sesops.suppression.Harness;
import dev.sesops.suppression.ImportAction;
import dev.sesops.suppression.ListFilter;
import dev.sesops.suppression.PacedSuppressionList;
import dev.sesops.suppression.S3Location;
import dev.sesops.suppression.SuppressionList;
import dev.sesops.suppression.TrailStore;
import dev.sesops.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Not a test: runs the real cleanup (policy, trail, import jobs, pacing, polling) against an
 * in-process suppression list of N stale entries and reports SES calls, wall time, the time the
 * same calls take at the real 1 call per second (virtual time: the pacer's and the poller's waits
 * are counted, not slept), and heap. The fake list generates its entries from their index and keeps
 * only a bit per deleted entry, so the heap measured is the cleanup's own.
 *
 * <pre>scripts/bench-cleanup.sh [N ...]   (default 10000 100000)</pre>
 */
public final class CleanupBenchmark {
  private static final Instant START = Instant.parse("2025-06-01T03:00:00Z");

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args.length == 0 ? new String[] {"10000", "100000"} : args) {
      sizes.add(Integer.parseInt(a));
    }
    run(2_000, false); // warm-up: class loading and JIT out of the measurement
    System.out.printf(
        "%-9s %-9s %-9s %-10s %-12s %-16s %-14s %-14s %s%n",
        "entries",
        "removed",
        "ses_calls",
        "jobs",
        "wall_ms",
        "paced_wall_s",
        "peak_heap_mb",
        "peak_live_mb",
        "fits_15_min");
    for (int n : sizes) {
      run(n, true);
    }
  }

  private static void run(int n, boolean print) throws Exception {
    // time moves only when something waits: the pacer's and the poller's sleeps
    MutableClock clock = new MutableClock(START);
    Path dir = Files.createTempDirectory("ses-ops-bench-");
    DirectoryTrailStore store = new DirectoryTrailStore(dir);
    SyntheticSuppressionList list = new SyntheticSuppressionList(n, START, store);
    Pacer.Sleeper sleeper = clock::sleepNanos;
    Pacer.Ticker ticker = clock::nanos;
    SesOpsConfig config =
        ConfigParser.parse(
            """
        {"accounts": {"production": {"region": "us-east-1"}},
         "suppression_cleanup": {"dry_run": false, "max_removals_per_run": 100000}}""");
    PacedSuppressionList[] paced = new PacedSuppressionList[1];
    var cleanup =
        Harness.cleanup(
            config,
            a -> paced[0] = new PacedSuppressionList(list, new Pacer(1.0, 1, sleeper, ticker)),
            store,
            clock,
            sleeper,
            CleanupOptions.defaults());
    // a 15-minute Lambda invocation, in virtual time
    Deadline deadline =
        Deadline.after(clock, Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(20));

    HeapWatch heap = new HeapWatch();
    long t0 = System.nanoTime();
    AccountCleanupResult r =
        cleanup.run(List.of("production"), null, deadline, "bench").accounts().get(0);
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    heap.stop();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    if (r.removed() != n || list.remaining() != 0) {
      throw new IllegalStateException("expected every entry removed, got " + Json.write(r));
    }
    if (print) {
      double pacedSeconds = Duration.between(START, clock.instant()).toMillis() / 1000.0;
      System.out.printf(
          "%-9d %-9d %-9d %-10d %-12d %-16.0f %-14.1f %-14.1f %s%n",
          n,
          r.removed(),
          r.sesCalls(),
          r.importJobs().size(),
          wallMs,
          pacedSeconds,
          heap.peakUsedMb(),
          heap.peakLiveMb(),
          !r.stoppedByDeadline() && pacedSeconds < 900);
      System.out.println("  calls by operation: " + list.calls);
    }
  }

  /**
   * Heap pools: the peak of used heap, and the peak of what was live after a collection, sampled.
   */
  private static final class HeapWatch {
    private final List<MemoryPoolMXBean> pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    private volatile boolean running = true;
    private volatile long peakLive;
    private final Thread sampler;

    HeapWatch() {
      System.gc();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      sampler =
          new Thread(
              () -> {
                while (running) {
                  long live =
                      pools.stream()
                          .mapToLong(
                              p ->
                                  p.getCollectionUsage() == null
                                      ? 0
                                      : p.getCollectionUsage().getUsed())
                          .sum();
                  peakLive = Math.max(peakLive, live);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
    }

    double peakUsedMb() {
      return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
    }

    double peakLiveMb() {
      return peakLive / 1048576.0;
    }
  }

  /** S3 as a folder: s3://bucket/key is DIR/bucket/key. */
  private static final class DirectoryTrailStore implements TrailStore {
    private final Path root;

    DirectoryTrailStore(Path root) {
      this.root = root;
    }

    Path path(S3Location l) {
      return root.resolve(l.bucket()).resolve(l.key());
    }

    @Override
    public String bucket() {
      return "bench-reports";
    }

    @Override
    public void upload(S3Location where, Path file) {
      try {
        Files.createDirectories(path(where).getParent());
        Files.copy(file, path(where), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void download(S3Location where, Path file) {
      try {
        Files.copy(path(where), file, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * N stale BOUNCE entries generated from their index; a deleted bit each. Import jobs finish on
   * the second poll.
   */
  private static final class SyntheticSuppressionList implements SuppressionList {
    private final int n;
    private final Instant now;
    private final DirectoryTrailStore store;
    private final BitSet deleted;
    private final Map<String, String> jobs = new LinkedHashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    final Map<String, Integer> calls = new LinkedHashMap<>();

    SyntheticSuppressionList(int n, Instant now, DirectoryTrailStore store) {
      this.n = n;
      this.now = now;
      this.store = store;
      this.deleted = new BitSet(n);
    }

    int remaining() {
      return n - deleted.cardinality();
    }

    private static String address(int i) {
      return String.format("stale%07d@bench.example.com", i);
    }

    private static int index(String address) {
      return Integer.parseInt(address.substring(5, 12));
    }

    private void count(String op) {
      calls.merge(op, 1, Integer::sum);
    }

    @Override
    public Page<SuppressedEntry> list(ListFilter filter, String nextToken) {
      count("ListSuppressedDestinations");
      int i = nextToken == null ? 0 : Integer.parseInt(nextToken);
      List<SuppressedEntry> page = new ArrayList<>(filter.pageSize());
      while (i < n && page.size() < filter.pageSize()) {
        if (!deleted.get(i)) {
          page.add(
              SuppressedEntry.of(
                  address(i), "BOUNCE", now.minus(Duration.ofDays(100)).minusSeconds(i)));
        }
        i++;
      }
      return new Page<>(page, i < n ? Integer.toString(i) : null);
    }

    @Override
    public Optional<SuppressedEntry> get(String emailAddress) {
      count("GetSuppressedDestination");
      int i = index(emailAddress);
      return deleted.get(i)
          ? Optional.empty()
          : Optional.of(SuppressedEntry.of(emailAddress, "BOUNCE", now));
    }

    @Override
    public boolean delete(String emailAddress) {
      count("DeleteSuppressedDestination");
      int i = index(emailAddress);
      boolean was = !deleted.get(i);
      deleted.set(i);
      return was;
    }

    @Override
    public void put(String emailAddress, String reason) {
      count("PutSuppressedDestination");
      deleted.clear(index(emailAddress));
    }

    @Override
    public String createImportJob(String s3Url, ImportAction action, String dataFormat) {
      count("CreateImportJob");
      String id = "job-" + (jobs.size() + 1);
      jobs.put(id, s3Url + "|" + action);
      return id;
    }

    @Override
    public ImportJob getImportJob(String jobId) {
      count("GetImportJob");
      if (polls.merge(jobId, 1, Integer::sum) < 2) {
        return new ImportJob(jobId, "PROCESSING", 0, 0);
      }
      String[] job = jobs.get(jobId).split("\\|");
      long processed = 0;
      try (BufferedReader in =
          Files.newBufferedReader(
              store.path(S3Location.parse(job[0], "S3Url")), StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          JsonNode rec = Json.read(line);
          int i = index(rec.path("emailAddress").asText());
          if (job[1].equals("DELETE")) {
            deleted.set(i);
          } else {
            deleted.clear(i);
          }
          processed++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new ImportJob(jobId, "COMPLETED", processed, 0);
    }

    @Override
    public boolean productionAccess() {
      count("GetAccount");
      return true;
    }
  }
}
