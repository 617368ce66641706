package dev.sesops.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import dev.sesops.ses.ImportJob;
import dev.sesops.ses.Page;
import dev.sesops.ses.SuppressedEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A suppression list in memory, with import jobs that read their source through a function, and
 * programmable faults.
 */
final class InMemorySuppressionList implements SuppressionList {
  final NavigableMap<String, SuppressedEntry> entries = new TreeMap<>();
  final List<String> calls = new ArrayList<>();
  final Map<String, Deque<SuppressionListException>> faults = new HashMap<>();
  final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Function<String, List<String>> sources;
  private final Supplier<Instant> now;
  boolean production = true;
  boolean refuseImportJobs;
  int pollsToFinish = 1;
  Predicate<String> failingRecords = a -> false;
  Consumer<String> beforeDelete = a -> {};

  /** A running job: it applies its source on the poll that finishes it. */
  static final class Job {
    final String id;
    final String s3Url;
    final ImportAction action;
    int polls;
    ImportJob state;

    Job(String id, String s3Url, ImportAction action) {
      this.id = id;
      this.s3Url = s3Url;
      this.action = action;
      this.state = new ImportJob(id, "CREATED", 0, 0);
    }
  }

  InMemorySuppressionList(Function<String, List<String>> sources, Supplier<Instant> now) {
    this.sources = sources;
    this.now = now;
  }

  void add(String address, String reason, Instant updated) {
    entries.put(address, SuppressedEntry.of(address, reason, updated));
  }

  /** The next {@code times} calls of the operation fail with this kind. */
  void fail(String operation, int times, SdkErrors.Kind kind) {
    Deque<SuppressionListException> q = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(new SuppressionListException(operation + " failed: injected " + kind, kind, null));
    }
  }

  long count(String operation) {
    return calls.stream().filter(operation::equals).count();
  }

  private void call(String operation) {
    calls.add(operation);
    Deque<SuppressionListException> q = faults.get(operation);
    if (q != null && !q.isEmpty()) {
      throw q.poll();
    }
  }

  @Override
  public Page<SuppressedEntry> list(ListFilter filter, String nextToken) {
    call("ListSuppressedDestinations");
    Map<String, SuppressedEntry> tail =
        nextToken == null ? entries : entries.tailMap(nextToken, false);
    List<SuppressedEntry> page = new ArrayList<>();
    String last = null;
    Iterator<SuppressedEntry> it = tail.values().iterator();
    while (it.hasNext() && page.size() < filter.pageSize()) {
      SuppressedEntry e = it.next();
      last = e.emailAddress();
      if (!filter.reasons().isEmpty() && !filter.reasons().contains(e.reason())) {
        continue;
      }
      if (filter.endDate() != null && !e.lastUpdateTime().isBefore(filter.endDate())) {
        continue;
      }
      if (filter.startDate() != null && e.lastUpdateTime().isBefore(filter.startDate())) {
        continue;
      }
      page.add(e);
    }
    return new Page<>(page, it.hasNext() ? last : null);
  }

  @Override
  public Optional<SuppressedEntry> get(String emailAddress) {
    call("GetSuppressedDestination");
    return Optional.ofNullable(entries.get(emailAddress));
  }

  @Override
  public boolean delete(String emailAddress) {
    call("DeleteSuppressedDestination");
    beforeDelete.accept(emailAddress);
    return entries.remove(emailAddress) != null;
  }

  @Override
  public void put(String emailAddress, String reason) {
    call("PutSuppressedDestination");
    entries.put(emailAddress, SuppressedEntry.of(emailAddress, reason, now.get()));
  }

  @Override
  public String createImportJob(String s3Url, ImportAction action, String dataFormat) {
    call("CreateImportJob");
    if (refuseImportJobs) {
      throw new ImportJobRefusedException(
          "CreateImportJob refused: BadRequestException (HTTP 400)", null);
    }
    String id = "job-" + (jobs.size() + 1);
    jobs.put(id, new Job(id, s3Url, action));
    return id;
  }

  @Override
  public ImportJob getImportJob(String jobId) {
    call("GetImportJob");
    Job j = jobs.get(jobId);
    if (++j.polls < pollsToFinish) {
      j.state = new ImportJob(jobId, "PROCESSING", 0, 0);
      return j.state;
    }
    if (!j.state.finished()) {
      long processed = 0;
      long failed = 0;
      for (String line : sources.apply(j.s3Url)) {
        JsonNode r = Json.read(line);
        String address = r.path("emailAddress").asText();
        processed++;
        if (failingRecords.test(address)) {
          failed++;
          continue;
        }
        if (j.action == ImportAction.DELETE) {
          beforeDelete.accept(address);
          entries.remove(address);
        } else {
          entries.put(address, SuppressedEntry.of(address, r.path("reason").asText(), now.get()));
        }
      }
      j.state = new ImportJob(jobId, "COMPLETED", processed, failed);
    }
    return j.state;
  }

  @Override
  public boolean productionAccess() {
    call("GetAccount");
    return production;
  }
}
