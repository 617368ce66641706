package dev.sesops.wiring;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.reports.IngestCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** {@code ingest-reports PATH...}: DMARC and TLS-RPT reports from local files. */
public final class IngestReportsCommand {
  private IngestReportsCommand() {}

  public static int run(String[] args) {
    return run(args, System.getenv(), System.out, System.err);
  }

  /** For the CLI: its environment and streams. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return IngestCommand.run(
        args,
        env,
        out,
        err,
        e -> {
          Settings settings = Settings.fromEnv(e);
          return ReportsFunction.service(
              settings, new AccountClients(settings.homeRegion()), Clock.systemUTC());
        });
  }
}
