package dev.sesops.suppression;

import dev.sesops.aws.Pacer;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a cleanup trail back. The whole trail is read and checked first (a line that does not parse
 * stops the restore before anything is put back, naming the line); then every entry is put back
 * with its original reason, through import jobs (PUT) for large trails or one paced call each. SES
 * sets a new LastUpdateTime on a restored entry: the original time stays in the trail.
 */
final class TrailRestore {
  private static final Logger LOG = LoggerFactory.getLogger(TrailRestore.class);

  private final SesOpsConfig config;
  private final Function<AccountConfig, PacedSuppressionList> lists;
  private final TrailStore trails;
  private final Pacer.Sleeper sleeper;
  private final CleanupOptions options;

  TrailRestore(
      SesOpsConfig config,
      Function<AccountConfig, PacedSuppressionList> lists,
      TrailStore trails,
      Pacer.Sleeper sleeper,
      CleanupOptions options) {
    this.config = config;
    this.lists = lists;
    this.trails = trails;
    this.sleeper = sleeper;
    this.options = options;
  }

  RestoreReport restore(S3Location trail, Deadline deadline) {
    if (trail.key().endsWith(".dry-run.jsonl")) {
      throw new BadInputException(
          "trail", "is a dry-run plan: that run removed nothing, so there is nothing to restore");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("ses-ops-restore-");
      Path local = dir.resolve("download.jsonl");
      trails.download(trail, local);
      Path work = Files.createDirectory(dir.resolve("plan"));
      String account;
      RemovalPlan plan;
      try (RemovalPlan p = new RemovalPlan(work, options.chunkSize(), 0)) {
        plan = p;
        account = check(local, p);
      }
      if (plan.size() == 0) {
        return new RestoreReport(
            trail.toString(),
            null,
            0,
            0,
            0,
            0,
            "none",
            List.of(),
            true,
            null,
            List.of(),
            0,
            "the trail is empty: nothing to restore");
      }
      AccountConfig a;
      try {
        a = config.account(account);
      } catch (NotFoundException e) {
        throw new BadInputException(
            "trail line 1", "account '" + account + "' is not in the config");
      }
      PacedSuppressionList list = lists.apply(a);
      BulkExecutor executor = new BulkExecutor(list, trails, sleeper, options, deadline);
      BulkExecutor.Outcome o;
      String error = null;
      try {
        boolean importJobs =
            plan.size() >= a.suppressionCleanup().bulkThreshold() && productionAccess(list);
        // import sources under the account's own prefix, where its import jobs may read them
        o =
            executor.run(
                plan.chunks(), ImportAction.PUT, importJobs, TrailKeys.importBase(trail, a));
      } catch (SuppressionListException | TrailException e) {
        o = executor.soFar();
        error = e.getMessage();
      }
      long notDone = plan.size() - o.done() - o.failed() - o.pending();
      boolean complete = error == null && o.failed() == 0 && o.pending() == 0 && notDone == 0;
      String message =
          complete
              ? "all "
                  + plan.size()
                  + " entries of the trail are back on the suppression list of account "
                  + account
              : "restore INCOMPLETE: "
                  + o.done()
                  + " of "
                  + plan.size()
                  + " entries restored, "
                  + o.failed()
                  + " failed, "
                  + o.pending()
                  + " still in running import jobs, "
                  + notDone
                  + " not attempted"
                  + (o.resumeFromLine() != null
                      ? " (from trail line " + o.resumeFromLine() + ")"
                      : "")
                  + (error != null ? "; stopped by: " + error : "")
                  + ". Running the restore again is safe: putting an entry back twice changes nothing but its time.";
      if (!complete) {
        LOG.warn("restore of {}: {}", trail, message);
      }
      LOG.info(
          "restore of {} for account {}: entries={}, restored={}, failed={}, pending={}, method={}, ses_calls={}",
          trail,
          account,
          plan.size(),
          o.done(),
          o.failed(),
          o.pending(),
          o.method(),
          list.calls());
      return new RestoreReport(
          trail.toString(),
          account,
          plan.size(),
          o.done(),
          o.failed(),
          o.pending(),
          o.method(),
          o.jobs(),
          complete,
          o.resumeFromLine(),
          o.failedLines(),
          list.calls(),
          message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  /** Parses every line; all must name the same account. Returns that account. */
  private static String check(Path file, RemovalPlan plan) throws IOException {
    String account = null;
    long lineNo = 0;
    long blankAt = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          blankAt = blankAt == 0 ? lineNo : blankAt;
          continue;
        }
        if (blankAt != 0) {
          throw new BadInputException("trail line " + blankAt, "empty line inside the trail");
        }
        TrailEntry e = TrailFormat.parse(line, lineNo);
        if (account == null) {
          account = e.account();
        } else if (!account.equals(e.account())) {
          throw new BadInputException(
              "trail line " + lineNo, "names a different account than line 1");
        }
        plan.add(e);
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new BadInputException("trail line " + (lineNo + 1), "not UTF-8 text");
    }
    return account;
  }

  private static boolean productionAccess(SuppressionList list) {
    try {
      return list.productionAccess();
    } catch (SuppressionListException e) {
      return true;
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("temporary files in {} not deleted: {}", dir, e.getClass().getSimpleName());
    }
  }
}
