package dev.sesops.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.Pacer;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.AddressMask;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.ses.ImportJob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies prepared import sources to one account's suppression list, DELETE (cleanup) or PUT
 * (restore): through import jobs (one per source, all started, then polled with growing waits), or
 * one paced call per record for small batches and sandbox accounts. Stops at the deadline and says
 * what it did not reach; a refused import job falls back to single calls.
 */
final class BulkExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(BulkExecutor.class);
  private static final int MAX_FAILED_LINES = 50;
  private static final int MAX_POLL_ERRORS = 3;

  private final SuppressionList list;
  private final TrailStore store;
  private final Pacer.Sleeper sleeper;
  private final CleanupOptions options;
  private final Deadline deadline;

  /**
   * What happened. {@code resumeFromLine} is the first record not reached, null when all were
   * reached.
   */
  record Outcome(
      long done,
      long failed,
      long pending,
      long notReached,
      String method,
      List<ImportJobResult> jobs,
      List<Long> failedLines,
      boolean stoppedByDeadline,
      Long resumeFromLine) {}

  BulkExecutor(
      SuppressionList list,
      TrailStore store,
      Pacer.Sleeper sleeper,
      CleanupOptions options,
      Deadline deadline) {
    this.list = list;
    this.store = store;
    this.sleeper = sleeper;
    this.options = options;
    this.deadline = deadline;
  }

  private Tally t = new Tally();

  /** What was done so far: after a failure part way, the counts up to it. */
  Outcome soFar() {
    return t.outcome();
  }

  Outcome run(
      List<RemovalPlan.Chunk> chunks, ImportAction action, boolean importJobs, S3Location trail) {
    t = new Tally();
    String single = action == ImportAction.DELETE ? "single_delete" : "single_put";
    int next = 0;
    if (importJobs) {
      t.method = "import_job";
      List<Running> running = new ArrayList<>();
      for (; next < chunks.size(); next++) {
        RemovalPlan.Chunk c = chunks.get(next);
        if (deadline.passed()) {
          t.stopped = true;
          break;
        }
        S3Location source =
            trail.sibling(
                String.format(
                    ".%s-%04d.jsonl",
                    action == ImportAction.DELETE ? "delete" : "restore", next + 1));
        store.upload(source, c.file());
        String jobId;
        try {
          jobId = list.createImportJob(source.toString(), action, TrailFormat.IMPORT_DATA_FORMAT);
        } catch (ImportJobRefusedException e) {
          LOG.warn(
              "import job refused ({}); falling back to single calls for {} record(s)",
              e.getMessage(),
              remaining(chunks, next));
          t.method = "import_job+" + single;
          break;
        } catch (SuppressionListException e) {
          if (fatal(e)) {
            throw e;
          }
          LOG.warn("import job for {} record(s) not started: {}", c.records(), e.getMessage());
          t.failed += c.records();
          t.jobs.add(
              new ImportJobResult(
                  null, source.toString(), c.records(), "NOT_STARTED", 0, c.records()));
          continue;
        }
        running.add(new Running(jobId, source.toString(), c.records()));
      }
      poll(running, t);
      if (!t.method.startsWith("import_job+")) {
        t.notReached += remaining(chunks, next);
        if (next < chunks.size()) {
          t.resumeFrom = chunks.get(next).firstLine();
        }
        return t.outcome();
      }
    } else {
      t.method = single;
    }
    singles(chunks, next, action, t);
    return t.outcome();
  }

  private void poll(List<Running> running, Tally t) {
    Duration wait = options.firstPoll();
    while (!running.isEmpty()) {
      if (deadline.remaining().compareTo(wait) <= 0) {
        t.stopped = true;
        break;
      }
      sleep(wait);
      Iterator<Running> it = running.iterator();
      while (it.hasNext()) {
        Running r = it.next();
        ImportJob job;
        try {
          job = list.getImportJob(r.jobId);
        } catch (SuppressionListException e) {
          if (fatal(e) || ++r.errors >= MAX_POLL_ERRORS) {
            LOG.warn(
                "import job {}: status unknown after {} failed poll(s): {}",
                r.jobId,
                r.errors,
                e.getMessage());
            t.pending += r.records;
            t.jobs.add(new ImportJobResult(r.jobId, r.source, r.records, "UNKNOWN", 0, 0));
            it.remove();
          }
          continue;
        }
        r.errors = 0;
        if (job.finished()) {
          long ok = Math.max(0, Math.min(r.records, job.processed() - job.failed()));
          t.done += ok;
          t.failed += r.records - ok;
          if (r.records - ok > 0) {
            LOG.warn(
                "import job {} {}: {} of {} record(s) failed",
                r.jobId,
                job.status(),
                r.records - ok,
                r.records);
          }
          t.jobs.add(
              new ImportJobResult(
                  r.jobId, r.source, r.records, job.status(), job.processed(), job.failed()));
          it.remove();
        }
      }
      wait =
          wait.multipliedBy(2).compareTo(options.maxPoll()) > 0
              ? options.maxPoll()
              : wait.multipliedBy(2);
    }
    for (Running r : running) {
      t.pending += r.records;
      t.jobs.add(new ImportJobResult(r.jobId, r.source, r.records, "PENDING", 0, 0));
    }
  }

  private void singles(List<RemovalPlan.Chunk> chunks, int from, ImportAction action, Tally t) {
    for (int i = from; i < chunks.size(); i++) {
      RemovalPlan.Chunk c = chunks.get(i);
      try (BufferedReader in = Files.newBufferedReader(c.file(), StandardCharsets.UTF_8)) {
        long line = c.firstLine();
        String text;
        while ((text = in.readLine()) != null) {
          if (deadline.passed()) {
            t.stopped = true;
            t.resumeFrom = line;
            t.notReached += c.records() - (line - c.firstLine()) + remaining(chunks, i + 1);
            return;
          }
          JsonNode rec = Json.read(text);
          String address = rec.path("emailAddress").asText();
          try {
            if (action == ImportAction.DELETE) {
              list.delete(address); // false: already gone, which is what we want
            } else {
              list.put(address, rec.path("reason").asText());
            }
            t.done++;
          } catch (SuppressionListException e) {
            if (fatal(e)) {
              throw e;
            }
            t.failed++;
            if (t.failedLines.size() < MAX_FAILED_LINES) {
              t.failedLines.add(line);
            }
            LOG.warn(
                "{} of {} (trail line {}) failed: {}",
                action,
                AddressMask.mask(address),
                line,
                e.getMessage());
          }
          line++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Credentials and permissions fail every call alike: stop instead of failing record by record.
   */
  private static boolean fatal(SuppressionListException e) {
    return e.kind() == SdkErrors.Kind.ACCESS_DENIED || e.kind() == SdkErrors.Kind.BAD_CREDENTIALS;
  }

  private static long remaining(List<RemovalPlan.Chunk> chunks, int from) {
    long n = 0;
    for (int i = from; i < chunks.size(); i++) {
      n += chunks.get(i).records();
    }
    return n;
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleepNanos(d.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for import jobs", e);
    }
  }

  private static final class Running {
    final String jobId;
    final String source;
    final long records;
    int errors;

    Running(String jobId, String source, long records) {
      this.jobId = jobId;
      this.source = source;
      this.records = records;
    }
  }

  private static final class Tally {
    long done;
    long failed;
    long pending;
    long notReached;
    String method = "none";
    final List<ImportJobResult> jobs = new ArrayList<>();
    final List<Long> failedLines = new ArrayList<>();
    boolean stopped;
    Long resumeFrom;

    Outcome outcome() {
      return new Outcome(
          done,
          failed,
          pending,
          notReached,
          method,
          List.copyOf(jobs),
          List.copyOf(failedLines),
          stopped,
          resumeFrom);
    }
  }
}
