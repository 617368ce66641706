package dev.sesops.wiring;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import dev.sesops.fleet.FleetCommand;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code fleet monitor|audit|cleanup --local}: the fleet run on this machine, each item through the
 * function's own handler as its composition root builds it.
 */
public final class FleetLocalCommand implements FleetCommand.Wiring {
  private FleetLocalCommand() {}

  public static int run(String[] args) {
    return run(args, System.getenv(), System.out, System.err);
  }

  /** For the CLI: its environment and streams. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return FleetCommand.run(args, env, out, err, new FleetLocalCommand());
  }

  @Override
  public ConfigSource config(Settings settings, AccountClients clients) {
    return Parts.config(settings, clients);
  }

  @Override
  public RequestStreamHandler handler(String job, Settings settings) {
    return switch (job) {
      case "monitor" -> new MonitorFunction(settings);
      case "audit" -> new AuditFunction(settings);
      case "cleanup" -> new SuppressionCleanupFunction(settings);
      default -> throw new IllegalArgumentException("no handler for the fleet job " + job);
    };
  }
}
