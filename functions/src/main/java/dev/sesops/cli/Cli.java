package dev.sesops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.api.SesOpsApi;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.local.ConfigCheck;
import dev.sesops.logging.LogFormat;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code ses-ops COMMAND [ACCOUNT] [ARGS]}: the helper's commands against a deployed API
 * (SES_OPS_API_URL, SigV4-signed) or, with {@code --local}, straight to SES with the config file.
 * Exit codes: 0 ok, 1 error, 2 usage, 3 a problem found (monitor or audit at WARNING or worse).
 */
public final class Cli {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 2;
  static final int PROBLEM = 3;
  private static final Set<String> PROBLEM_LEVELS = Set.of("WARNING", "CRITICAL", "MEDIUM", "HIGH");
  private static final int MAX_PAGES = 10_000;

  private Cli() {}

  public static void main(String[] args) {
    // before the first logger: on a terminal the CLI's own messages only, unless --verbose
    // (SES_OPS_LOG_FORMAT=json still wins: see LogFormat)
    System.setProperty(LogFormat.PROPERTY, java.util.Arrays.asList(args).contains("--verbose") ? "plain" : "off");
    System.exit(run(args, System.getenv(), System.out, System.err, null));
  }

  /** Runs one command; {@code transport} null means: choose from --local and the environment. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Function<Boolean, Transport> transport) {
    List<String> words = new ArrayList<>();
    boolean json = false;
    boolean local = false;
    boolean help = false;
    for (String a : args) {
      switch (a) {
        case "--json" -> json = true;
        case "--local" -> local = true;
        case "--verbose" -> { }
        case "--help", "-h" -> help = true;
        default -> words.add(a);
      }
    }
    if (words.isEmpty() || words.get(0).equals("help")) {
      if (words.size() > 1) {
        return commandHelp(words.get(1), out, err);
      }
      usage(words.isEmpty() && !help ? err : out);
      return words.isEmpty() && !help ? USAGE : OK;
    }
    if (help) {
      return commandHelp(words.get(0), out, err);
    }
    if (words.get(0).equals("fleet")) {
      // a fleet run on this machine (docs/fleet.md); a deployed fleet runs on its state machines
      List<String> rest = new ArrayList<>(words.subList(1, words.size()));
      if (local) {
        rest.add("--local");
      }
      return dev.sesops.fleet.FleetCommand.run(rest.toArray(String[]::new), env, out, err);
    }
    Invocation inv;
    try {
      inv = Commands.parse(words);
    } catch (UsageException e) {
      err.println("ses-ops: " + e.getMessage());
      if (e.command() != null) {
        err.println("usage: ses-ops " + Commands.HELP.get(e.command()).usage());
      } else {
        err.println("run 'ses-ops help' for the commands");
      }
      return USAGE;
    }
    if (local && transport == null) {
      try {
        if (!ConfigCheck.usable(Settings.fromEnv(env), true, ConfigCheck.WhenAbsent.FAIL, err)) {
          return USAGE;
        }
      } catch (dev.sesops.common.BadInputException e) {
        err.println("ses-ops: " + e.getMessage());
        return USAGE;
      }
    }
    Transport t;
    try {
      t = transport != null ? transport.apply(local) : transport(local, env);
    } catch (UsageException e) {
      err.println("ses-ops: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      err.println("ses-ops: cannot start: " + e.getMessage());
      return ERROR;
    }
    try {
      return execute(inv, t, json, out, err);
    } catch (CliException e) {
      err.println("ses-ops: " + e.getMessage());
      return ERROR;
    }
  }

  private static Transport transport(boolean local, Map<String, String> env) {
    if (local) {
      // no API Gateway in the way: a run may take as long as a Lambda invocation would
      return new LocalTransport(SesOpsApi.create(Settings.fromEnv(env), Clock.systemUTC(), java.time.Duration.ofMinutes(14)));
    }
    String url = env.get("SES_OPS_API_URL");
    if (url == null || url.isBlank()) {
      throw new UsageException(null, "set SES_OPS_API_URL to the deployed API's URL, or use --local with SES_OPS_CONFIG_FILE");
    }
    URI base;
    try {
      base = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new UsageException(null, "SES_OPS_API_URL is not a URL");
    }
    if (base.getScheme() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http")) || base.getHost() == null) {
      throw new UsageException(null, "SES_OPS_API_URL must be an http(s) URL");
    }
    return new HttpTransport(base, DefaultCredentialsProvider.builder().build(), HttpTransport.region(base, env), Clock.systemUTC());
  }

  static int execute(Invocation inv, Transport t, boolean json, PrintStream out, PrintStream err) {
    String path = encodePath(inv.segments());
    String body = inv.body() == null ? null : Json.write(inv.body());
    Progress progress = inv.slow() ? Progress.start(err, inv.command() + " " + (inv.segments().size() > 1 ? inv.segments().get(1) : "")) : null;
    Transport.Response r;
    try {
      r = t.send(inv.method(), path, inv.query(), body);
      if (inv.all() && r.status() / 100 == 2) {
        r = allPages(inv, t, path, r, err);
      }
    } finally {
      if (progress != null) {
        progress.stop();
      }
    }
    if (r.status() / 100 != 2) {
      if (json) {
        out.println(Json.pretty(r.body()));
      }
      JsonNode e = r.body().path("error");
      err.println("ses-ops: " + inv.command() + " failed: HTTP " + r.status() + " " + e.path("code").asText("error")
          + ": " + e.path("message").asText("(no message)")
          + (e.hasNonNull("request_id") ? " (request id " + e.path("request_id").asText() + ")" : ""));
      return ERROR;
    }
    if (json) {
      out.println(Json.pretty(r.body()));
    } else {
      Table.print(r.body(), out);
    }
    String level = r.body().path("level").asText("");
    if ((inv.command().equals("monitor") || inv.command().equals("audit")) && PROBLEM_LEVELS.contains(level)) {
      err.println("ses-ops: " + inv.command() + " found a problem: " + level);
      return PROBLEM;
    }
    return OK;
  }

  /** Follows {@code next} and merges the pages' lists into the first answer. */
  private static Transport.Response allPages(Invocation inv, Transport t, String path, Transport.Response first, PrintStream err) {
    ObjectNode merged = first.body().deepCopy();
    ArrayNode items = (ArrayNode) merged.withArray(inv.listField());
    String next = first.body().path("next").isTextual() ? first.body().path("next").asText() : null;
    int pages = 1;
    while (next != null) {
      if (++pages > MAX_PAGES) {
        throw new CliException("more than " + MAX_PAGES + " pages; narrow the query");
      }
      err.println("ses-ops: page " + pages + " (" + items.size() + " so far)");
      Map<String, List<String>> q = new LinkedHashMap<>(inv.query());
      q.put("next", List.of(next));
      Transport.Response r = t.send(inv.method(), path, q, null);
      if (r.status() / 100 != 2) {
        return r;
      }
      r.body().path(inv.listField()).forEach(items::add);
      next = r.body().path("next").isTextual() ? r.body().path("next").asText() : null;
    }
    merged.putNull("next");
    return new Transport.Response(first.status(), merged);
  }

  /** Percent-encodes each segment once (RFC 3986 unreserved characters and '@' stay as they are). */
  static String encodePath(List<String> segments) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/').append(encode(s, "@"));
    }
    return sb.toString();
  }

  static String queryString(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    query.forEach((k, vs) -> vs.forEach(v -> sb.append(sb.length() == 0 ? '?' : '&').append(encode(k, "")).append('=').append(encode(v, ""))));
    return sb.toString();
  }

  private static String encode(String s, String keep) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~'
          || keep.indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  private static int commandHelp(String command, PrintStream out, PrintStream err) {
    Commands.Help h = Commands.HELP.get(command);
    if (h == null) {
      err.println("ses-ops: unknown command '" + Commands.printable(command) + "'");
      usage(err);
      return USAGE;
    }
    out.println("usage: ses-ops [--json] [--local] " + h.usage());
    out.println();
    out.println("  " + h.summary());
    return OK;
  }

  private static void usage(PrintStream out) {
    out.println("usage: ses-ops [--json] [--local] [--verbose] COMMAND [ACCOUNT] [ARGS]");
    out.println();
    out.println("  Against the deployed API: SES_OPS_API_URL, requests signed (SigV4) with the default AWS credentials.");
    out.println("  --local: straight to SES with SES_OPS_CONFIG_FILE, as ses-helper.sh did.");
    out.println("  --json: the API's JSON instead of tables.  --verbose: log lines on stderr too.");
    out.println("  fleet monitor|audit|cleanup --local [--concurrency N] [--batch-size N]: a fleet run here (docs/fleet.md)");
    out.println("  Exit: 0 ok, 1 error, 2 usage or config problem, 3 a problem found.");
    out.println();
    Commands.HELP.forEach((name, h) -> out.printf("  %-20s %s%n", name, h.summary()));
    out.println();
    out.println("  ses-ops help COMMAND   shows a command's arguments");
  }

  /** Elapsed time on stderr while a long operation runs. */
  private static final class Progress {
    private final Thread thread;

    private Progress(Thread thread) {
      this.thread = thread;
    }

    static Progress start(PrintStream err, String what) {
      long start = System.nanoTime();
      err.println("ses-ops: running " + what.trim() + " ...");
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Thread.sleep(2000);
            err.println("ses-ops: " + what.trim() + " still running (" + (System.nanoTime() - start) / 1_000_000_000 + " s)");
          }
        } catch (InterruptedException e) {
          err.println("ses-ops: " + what.trim() + " finished in " + String.format("%.1f", (System.nanoTime() - start) / 1e9) + " s");
        }
      }, "ses-ops-progress");
      t.setDaemon(true);
      t.start();
      return new Progress(t);
    }

    void stop() {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
