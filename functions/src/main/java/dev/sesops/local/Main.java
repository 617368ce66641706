package dev.sesops.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sesops.aws.Priming;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigErrors;
import dev.sesops.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the functions on a workstation: {@code invoke FUNCTION EVENT_FILE} runs a handler in-process
 * (result JSON on stdout, exit 1 when the handler throws), {@code serve --port N} runs the API over
 * HTTP, {@code restore-suppression TRAIL_URI} puts a cleanup trail back.
 *
 * <p>For benchmarks ({@code scripts/bench.sh}): {@code -Dsesops.timing=true} prints the phases of
 * an invoke as one JSON line on stderr, {@code -Dsesops.repeat=N} invokes the handler N times in
 * the same JVM (warm invocations), {@code -Dsesops.prime=true} runs the SnapStart priming first.
 */
public final class Main {
  /** Function names to handler classes, as the CDK stack names them. */
  static final Map<String, String> HANDLERS = new LinkedHashMap<>();

  static {
    HANDLERS.put("monitor", "dev.sesops.wiring.MonitorFunction");
    HANDLERS.put("audit", "dev.sesops.wiring.AuditFunction");
    HANDLERS.put("suppression-cleanup", "dev.sesops.wiring.SuppressionCleanupFunction");
    HANDLERS.put("cleanup", "dev.sesops.wiring.SuppressionCleanupFunction");
    HANDLERS.put("api", "dev.sesops.wiring.ApiFunction");
    HANDLERS.put("events", "dev.sesops.wiring.EventsFunction");
    HANDLERS.put("reports", "dev.sesops.wiring.ReportsFunction");
  }

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      usage(out);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "invoke":
        // a file is checked up front (cheap); a secret is read by the handler, and its problem
        // reported below
        return configUsable(false, err) ? invoke(rest, stdin, out, err) : ConfigCheck.EXIT;
      case "serve":
        return configUsable(true, err)
            ? runCommand("dev.sesops.api.LocalApiServer", rest, err)
            : ConfigCheck.EXIT;
      case "restore-suppression":
        return configUsable(true, err)
            ? runCommand("dev.sesops.wiring.RestoreSuppressionCommand", rest, err)
            : ConfigCheck.EXIT;
      case "ingest-reports":
        return configUsable(true, err)
            ? runCommand("dev.sesops.wiring.IngestReportsCommand", rest, err)
            : ConfigCheck.EXIT;
      case "fleet":
        return configUsable(true, err)
            ? runCommand("dev.sesops.wiring.FleetLocalCommand", rest, err)
            : ConfigCheck.EXIT;
      default:
        err.println("unknown command '" + args[0] + "'");
        usage(err);
        return 2;
    }
  }

  /** The config the environment names, if any, is usable; else its problem is printed plainly. */
  private static boolean configUsable(boolean withSecret, PrintStream err) {
    try {
      return ConfigCheck.usable(
          Settings.fromEnv(System.getenv()), withSecret, ConfigCheck.WhenAbsent.SKIP, err);
    } catch (BadInputException e) {
      err.println("ses-ops: " + e.getMessage());
      return false;
    }
  }

  private static int invoke(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println(
          "usage: invoke FUNCTION EVENT_FILE   (FUNCTION: "
              + String.join(", ", HANDLERS.keySet())
              + "; EVENT_FILE - for stdin)");
      return 2;
    }
    String className = HANDLERS.get(args[0]);
    if (className == null) {
      err.println(
          "unknown function '"
              + args[0]
              + "' (known: "
              + String.join(", ", HANDLERS.keySet())
              + ")");
      return 2;
    }
    byte[] event;
    try {
      event = args[1].equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(args[1]));
    } catch (NoSuchFileException e) {
      err.println("event file " + args[1] + " does not exist");
      return 2;
    } catch (Exception e) {
      err.println("event file " + args[1] + " cannot be read: " + e.getClass().getSimpleName());
      return 2;
    }
    Timing timing = Timing.fromSystemProperties();
    if (Boolean.getBoolean("sesops.prime")) {
      // what a SnapStart snapshot would already hold: hot classes loaded, SDK clients exercised
      // offline
      Priming.prime();
      timing.mark("prime");
    }
    RequestStreamHandler handler;
    try {
      handler =
          (RequestStreamHandler) Class.forName(className).getDeclaredConstructor().newInstance();
      timing.mark("handler_init");
    } catch (ClassNotFoundException e) {
      err.println("function '" + args[0] + "' is not in this build");
      return 1;
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (ConfigErrors.find(cause).isPresent()) {
        err.println(plain(ConfigErrors.find(cause).get()));
        return ConfigCheck.EXIT;
      }
      err.println(
          "function '"
              + args[0]
              + "' failed to start: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage());
      return 1;
    }
    Duration timeout;
    try {
      timeout = Settings.localTimeout(System.getenv());
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return 2;
    }
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    int repeat = Integer.getInteger("sesops.repeat", 1);
    for (int i = 0; i < repeat; i++) {
      result.reset();
      try {
        handler.handleRequest(
            new java.io.ByteArrayInputStream(event), result, new LocalContext(args[0], timeout));
      } catch (Exception e) {
        if (ConfigErrors.find(e).isPresent()) {
          err.println(plain(ConfigErrors.find(e).get()));
          return ConfigCheck.EXIT;
        }
        err.println(
            "function '"
                + args[0]
                + "' failed: "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage());
        return 1;
      }
      timing.mark(i == 0 ? "first_invoke" : "invoke");
    }
    out.println(result.toString(StandardCharsets.UTF_8));
    timing.report(err);
    return 0;
  }

  private static String plain(ConfigException e) {
    Settings s = Settings.fromEnv(System.getenv());
    return ConfigErrors.plain(
        e, s.secretId() != null ? "secret " + s.secretId() : String.valueOf(s.configFile()));
  }

  private static int runCommand(String className, String[] args, PrintStream err) {
    try {
      Class<?> c = Class.forName(className);
      Object rc = c.getMethod("run", String[].class).invoke(null, (Object) args);
      return rc instanceof Integer i ? i : 0;
    } catch (ClassNotFoundException e) {
      err.println("this build has no " + className);
      return 1;
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (ConfigErrors.find(cause).isPresent()) {
        err.println(plain(ConfigErrors.find(cause).get()));
        return ConfigCheck.EXIT;
      }
      err.println("failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
      return 1;
    } catch (ReflectiveOperationException e) {
      err.println("failed: " + e);
      return 1;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar functions.jar COMMAND");
    out.println(
        "  invoke FUNCTION EVENT_FILE    run a handler with an event (FUNCTION: "
            + String.join(", ", HANDLERS.keySet())
            + ")");
    out.println(
        "  serve [--port N] [--host H] [--verify-sigv4 | --insecure-no-auth]   run the API locally over HTTP (default 127.0.0.1:3000,");
    out.println("        a bearer token printed at start; no browser origins, JSON bodies only)");
    out.println(
        "  restore-suppression S3_URI    put every entry of a cleanup trail back on the suppression list");
    out.println(
        "  ingest-reports PATH...        read DMARC / TLS-RPT report files (.xml, .xml.gz, .zip, .eml, .json[.gz]) as the reports function does");
    out.println(
        "  fleet monitor|audit|cleanup --local [--concurrency N] [--batch-size N]   a fleet run on this machine (docs/fleet.md)");
  }
}
