package dev.sesops.fleet;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code fleet monitor|audit|cleanup --local [--concurrency N] [--batch-size N]}: the fleet run on
 * this machine, over the same item list and per-item contract as the state machines. The summary
 * JSON goes to stdout; exit 0 when every account was checked, 1 when anything failed (and was
 * alerted), 2 for bad arguments.
 */
public final class FleetCommand {
  static final int DEFAULT_CONCURRENCY = 10;
  static final int DEFAULT_BATCH = 10;
  private static final DateTimeFormatter RUN =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private FleetCommand() {}

  /** Options of one local run. */
  record Options(FleetJob job, int concurrency, int batchSize) {
    static Options parse(String[] args) {
      if (args.length == 0) {
        throw new BadInputException("job", "expected monitor, audit or cleanup");
      }
      FleetJob job = FleetJob.of(args[0]);
      boolean local = false;
      int concurrency = DEFAULT_CONCURRENCY;
      int batch = DEFAULT_BATCH;
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--local" -> local = true;
          case "--concurrency" -> concurrency = number(args, ++i, "--concurrency");
          case "--batch-size" -> batch = number(args, ++i, "--batch-size");
          default ->
              throw new BadInputException(
                  args[i], "unknown option (--local, --concurrency N, --batch-size N)");
        }
      }
      if (!local) {
        throw new BadInputException(
            "--local", "required: a deployed fleet runs on its state machines (docs/fleet.md)");
      }
      if (concurrency < 1 || concurrency > 1000) {
        throw new BadInputException("--concurrency", "must be between 1 and 1000");
      }
      if (batch < 1 || batch > 100) {
        throw new BadInputException("--batch-size", "must be between 1 and 100");
      }
      return new Options(job, concurrency, batch);
    }

    private static int number(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new BadInputException(name, "missing its number");
      }
      try {
        return Integer.parseInt(args[i]);
      } catch (NumberFormatException e) {
        throw new BadInputException(name, "not a whole number");
      }
    }
  }

  /** Entry point for {@code java -jar functions.jar fleet ...}. */
  /**
   * What the command runs, built by its composition root ({@code wiring.FleetLocalCommand}): the
   * config source and, per job, the function's own handler.
   */
  public interface Wiring {
    ConfigSource config(Settings settings, AccountClients clients);

    /** The handler of {@code job} ({@code monitor}, {@code audit} or {@code cleanup}). */
    RequestStreamHandler handler(String job, Settings settings);
  }

  public static int run(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, Wiring wiring) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (BadInputException e) {
      err.println("fleet: " + e.getMessage());
      err.println("usage: fleet monitor|audit|cleanup --local [--concurrency N] [--batch-size N]");
      return 2;
    }
    Settings settings = Settings.fromEnv(env);
    Duration timeout;
    try {
      timeout = Settings.localTimeout(env);
    } catch (BadInputException e) {
      err.println("fleet: " + e.getMessage());
      return 2;
    }
    try (AccountClients clients = new AccountClients(settings)) {
      FleetPlanner planner =
          new FleetPlanner(
              wiring.config(settings, clients),
              Lazy.of(() -> HttpOrganizations.fromEnvironment(env)));
      RequestStreamHandler handler = wiring.handler(o.job().id(), settings);
      AlertPublisher alerts = new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn());
      FleetSummary s =
          local(
              o,
              planner,
              new HandlerInvoker(o.job().id(), handler, timeout),
              alerts,
              Clock.systemUTC());
      out.println(Json.write(s));
      return s.anythingFailed() ? 1 : 0;
    }
  }

  /**
   * Plans, runs every item, aggregates and alerts once; the alert's own failure is logged and
   * reported by the exit code.
   */
  static FleetSummary local(
      Options o,
      FleetPlanner planner,
      FleetRunner.ItemInvoker invoker,
      AlertPublisher alerts,
      Clock clock) {
    String runId = "local-" + o.job().id() + "-" + RUN.format(clock.instant());
    ItemList items = planner.plan();
    FleetSummary s =
        new FleetRunner(o.job(), invoker, o.concurrency(), o.batchSize(), clock).run(runId, items);
    Aggregator.alert(s, alerts);
    return s;
  }
}
