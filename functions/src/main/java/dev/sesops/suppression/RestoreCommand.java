package dev.sesops.suppression;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.NotFoundException;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code java -jar functions.jar restore-suppression TRAIL_URI}: puts a cleanup trail back. The
 * report goes to stdout; exit 0 when everything is back, 1 when anything is not (with the reason on
 * stderr), 2 for usage errors.
 */
public final class RestoreCommand {
  private RestoreCommand() {}

  /** With the cleanup its composition root supplies ({@code wiring.RestoreSuppressionCommand}). */
  public static int run(
      String[] args,
      Supplier<SuppressionCleanup> cleanup,
      Clock clock,
      PrintStream out,
      PrintStream err) {
    if (args.length != 1 || args[0].startsWith("-")) {
      err.println(
          "usage: restore-suppression s3://BUCKET/suppression-trail/OWNER/ACCOUNT/YYYY/MM/DD/RUN-ID.jsonl");
      return 2;
    }
    try {
      S3Location.parse(args[0], "trail");
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return 2;
    }
    RestoreReport report;
    try {
      report = cleanup.get().restore(args[0], Deadline.none(clock));
    } catch (BadInputException
        | NotFoundException
        | ConfigException
        | TrailException
        | Settings.MissingSettingException e) {
      err.println("restore failed, nothing was put back: " + e.getMessage());
      return 1;
    }
    out.println(Json.pretty(report));
    if (!report.complete()) {
      err.println(report.message());
      return 1;
    }
    err.println(report.message());
    return 0;
  }
}
