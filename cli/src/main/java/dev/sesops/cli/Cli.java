package dev.sesops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.audit.AuditHtml;
import dev.sesops.cli.serve.LocalApiServer;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.local.ConfigCheck;
import dev.sesops.logging.LogFormat;
import dev.sesops.permissions.SesPermissions;
import dev.sesops.wiring.ApiFunction;
import dev.sesops.wiring.FleetLocalCommand;
import dev.sesops.wiring.IngestReportsCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code ses-ops [GLOBAL OPTIONS] COMMAND [ACCOUNT] [ARGS]}: the helper's commands against a
 * deployed API (SES_OPS_API_URL, SigV4-signed) or, with {@code --local}, straight to SES with the
 * config file; plus {@code help}, {@code completion}. Data on stdout, messages on stderr. Exit
 * codes: 0 ok, 1 error, 2 usage or config problem, 3 a problem found (monitor or audit at WARNING
 * or worse).
 */
public final class Cli {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 2;
  static final int PROBLEM = 3;
  private static final Set<String> PROBLEM_LEVELS = Set.of("WARNING", "CRITICAL", "MEDIUM", "HIGH");
  private static final int MAX_PAGES = 10_000;
  static final String NAME = "ses-ops";

  private Cli() {}

  public static void main(String[] args) {
    // before the first logger: on a terminal the CLI's own messages only, unless --verbose
    // (SES_OPS_LOG_FORMAT=json still wins: see LogFormat)
    System.setProperty(
        LogFormat.PROPERTY, java.util.Arrays.asList(args).contains("--verbose") ? "plain" : "off");
    String tty = System.getProperty("sesops.stdout.tty");
    boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
    System.exit(run(args, System.getenv(), System.out, System.err, null, terminal));
  }

  /**
   * Runs one command as on a terminal (tables by default); {@code transport} null: from --local and
   * the environment.
   */
  static int run(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Function<Boolean, Transport> transport) {
    return run(args, env, out, err, transport, true);
  }

  /**
   * The global options, wherever they stand on the line (picocli inherits them into every command).
   */
  record Globals(
      boolean json, String output, String query, boolean local, String profile, boolean verbose) {
    static Globals of(ParseResult root) {
      boolean json = false;
      boolean local = false;
      boolean verbose = false;
      String output = null;
      String query = null;
      String profile = null;
      for (ParseResult p = root; p != null; p = p.subcommand()) {
        json |= p.hasMatchedOption("--json");
        local |= p.hasMatchedOption("--local");
        verbose |= p.hasMatchedOption("--verbose");
        output = p.hasMatchedOption("--output") ? p.matchedOptionValue("--output", output) : output;
        query = p.hasMatchedOption("--query") ? p.matchedOptionValue("--query", query) : query;
        profile =
            p.hasMatchedOption("--profile") ? p.matchedOptionValue("--profile", profile) : profile;
      }
      return new Globals(json, output, query, local, profile, verbose);
    }
  }

  /** The whole command line: global options, one command per helper verb, help and completion. */
  static CommandLine commandLine() {
    return commandLine(null);
  }

  /** Commands that are not helper verbs, each with the builder of its model. */
  private static final Map<String, java.util.function.Supplier<CommandSpec>> OWN = ownCommands();

  private static Map<String, java.util.function.Supplier<CommandSpec>> ownCommands() {
    Map<String, java.util.function.Supplier<CommandSpec>> own = new LinkedHashMap<>();
    own.put("help", Cli::helpSpec);
    own.put("completion", Cli::completionSpec);
    own.put("doctor", Cli::doctorSpec);
    own.put("permissions", Cli::permissionsSpec);
    own.put("fleet", Cli::fleetSpec);
    own.put("ingest-reports", Cli::ingestReportsSpec);
    own.put("serve", Cli::serveSpec);
    return own;
  }

  /** Global options that take a value (the next word, unless given as {@code --name=value}). */
  private static final Set<String> VALUED = Set.of("-o", "--output", "--query", "--profile");

  /**
   * The command a line names: its first word that is not a global option or an option's value, when
   * it is a known command other than {@code help} and {@code completion} (which list every
   * command); else null. Only the first word is looked at: what follows it is that command's to
   * parse.
   */
  static String onlyCommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (a.startsWith("-")) {
        if (VALUED.contains(a)) {
          i++;
        }
        continue;
      }
      boolean known = Commands.DEFS.containsKey(a) || OWN.containsKey(a);
      return known && !a.equals("help") && !a.equals("completion") ? a : null;
    }
    return null;
  }

  /**
   * @param only the one command to register (see {@link #onlyCommand}), or null for all of them:
   *     building picocli's model of some 30 commands is most of a cold start's parsing time, and a
   *     line naming one command parses, fails and prints its help the same with that command alone
   */
  static CommandLine commandLine(String only) {
    CommandSpec root = CommandSpec.create().name(NAME);
    root.usageMessage()
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " [GLOBAL OPTIONS] COMMAND [ACCOUNT] [ARGS]")
        .width(100)
        .descriptionHeading("%n")
        .description(
            "The ses-helper commands, against the deployed API (SES_OPS_API_URL, requests signed with SigV4",
            "from the default AWS credentials: --profile, AWS_PROFILE, SSO profiles after aws sso login) or,",
            "with --local, straight to SES with SES_OPS_CONFIG_FILE, as ses-helper.sh did.",
            "",
            "Output: a table when stdout is a terminal, JSON when it is not (--output to choose).",
            "Data on stdout, messages on stderr. NO_COLOR turns colour off.",
            "Exit codes: 0 ok, 1 error, 2 usage or config problem, 3 a problem found (monitor, audit).")
        .commandListHeading("%nCommands:%n")
        .optionListHeading("%nGlobal options (anywhere on the line):%n")
        .footerHeading("%nExamples:%n")
        .footer(
            "  ses-ops --local quota production",
            "  ses-ops --profile ops --output yaml reputation production",
            "  ses-ops accounts --query 'accounts[].name' --output text",
            "  ses-ops help send-test",
            "  source <(ses-ops completion bash)");
    global(
        root,
        OptionSpec.builder("--json")
            .arity("0")
            .type(boolean.class)
            .description("the API's JSON (same as --output json)"));
    global(
        root,
        OptionSpec.builder("-o", "--output")
            .paramLabel("FORMAT")
            .type(String.class)
            .completionCandidates(List.of("table", "json", "yaml", "text"))
            .description(
                "table, json, yaml or text (default: table on a terminal, json otherwise)"));
    global(
        root,
        OptionSpec.builder("--query")
            .paramLabel("JMESPATH")
            .type(String.class)
            .description(
                "a JMESPath expression applied to the JSON before printing, e.g. 'accounts[].name'"));
    global(
        root,
        OptionSpec.builder("--local")
            .arity("0")
            .type(boolean.class)
            .description(
                "no API: run the command in-process against SES with SES_OPS_CONFIG_FILE (or SES_OPS_SECRET_ID)"));
    global(
        root,
        OptionSpec.builder("--profile")
            .paramLabel("NAME")
            .type(String.class)
            .description(
                "the AWS profile to sign with (default: AWS_PROFILE, then the default chain)"));
    global(
        root,
        OptionSpec.builder("--verbose")
            .arity("0")
            .type(boolean.class)
            .description("log lines on stderr too (plain text)"));
    root.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    root.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("print the version of this build and exit")
            .build());

    CommandLine cl = new CommandLine(root);
    for (String name : only != null ? List.of(only) : allCommands()) {
      addSubcommand(cl, name);
    }
    cl.setOverwrittenOptionsAllowed(false);
    return cl;
  }

  private static List<String> allCommands() {
    List<String> all = new ArrayList<>(Commands.DEFS.keySet());
    all.addAll(OWN.keySet());
    return all;
  }

  private static void addSubcommand(CommandLine cl, String name) {
    Commands.Def def = Commands.DEFS.get(name);
    if (def != null) {
      cl.addSubcommand(def.name(), new CommandLine(Commands.spec(def)));
      return;
    }
    java.util.function.Supplier<CommandSpec> spec = OWN.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no command " + name);
    }
    cl.addSubcommand(name, new CommandLine(spec.get()));
  }

  private static CommandSpec helpSpec() {
    CommandSpec help = CommandSpec.create().name("help");
    help.usageMessage()
        .width(100)
        .description("show the commands, or one command's arguments and an example")
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " help [COMMAND]");
    help.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("0..1")
            .paramLabel("COMMAND")
            .type(String.class)
            .completionCandidates(Commands.DEFS.keySet())
            .description("the command")
            .build());
    return help;
  }

  private static CommandSpec completionSpec() {
    CommandSpec completion = CommandSpec.create().name("completion");
    completion
        .usageMessage()
        .width(100)
        .description(
            "print the shell completion script for bash or zsh.",
            "Load it with source <(ses-ops completion bash), or in ~/.zshrc: source <(ses-ops completion zsh)")
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " completion bash|zsh");
    completion.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .paramLabel("SHELL")
            .type(String.class)
            .completionCandidates(List.of("bash", "zsh"))
            .description("bash or zsh")
            .build());
    return completion;
  }

  private static CommandSpec doctorSpec() {
    CommandSpec doctor = CommandSpec.create().name("doctor");
    doctor
        .usageMessage()
        .width(100)
        .description(
            "check this setup in order and print the fix for each problem.",
            "Each check is ok, WARN, FAIL or skip: Java, the jar, credentials (and whose), the API (a signed call),",
            "the config, each account (a read-only SES call; WARN without aws_account_id), the state table, topic",
            "and bucket, and whether SES events arrived per account (WARN when none in 15 days).",
            "Exit 0 when nothing failed (warnings do not fail).")
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " doctor")
        .footerHeading("%nExample:%n")
        .footer("  ses-ops doctor --profile ops");
    doctor.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    return doctor;
  }

  private static CommandSpec permissionsSpec() {
    CommandSpec permissions = CommandSpec.create().name("permissions");
    permissions
        .usageMessage()
        .width(100)
        .description(
            "print the IAM policy each function and the member role need.",
            "The same lists the CDK stack builds its roles from; resources are placeholders for the stack's own.")
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " permissions [--function NAME] [--json]")
        .footerHeading("%nExample:%n")
        .footer("  ses-ops permissions --function monitor --json");
    permissions.addOption(
        OptionSpec.builder("--function")
            .paramLabel("NAME")
            .type(String.class)
            .completionCandidates(SesPermissions.FUNCTIONS)
            .description("one of: " + String.join(", ", SesPermissions.FUNCTIONS))
            .build());
    permissions.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    return permissions;
  }

  private static CommandSpec serveSpec() {
    CommandSpec serve = CommandSpec.create().name("serve");
    serve
        .usageMessage()
        .width(100)
        .description(
            "run the API on this machine over HTTP, the same handler the deployed API runs (docs/api.md).",
            "Safe by default: a bearer token printed at start, no browser origins, JSON bodies only, loopback only unless --verify-sigv4.")
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " serve [--port N] [--host H] [--verify-sigv4 | --insecure-no-auth]")
        .footerHeading("%nExample:%n")
        .footer("  SES_OPS_CONFIG_FILE=configs/local-example.json ses-ops serve --port 3000");
    serve.addOption(
        OptionSpec.builder("--port")
            .paramLabel("N")
            .type(String.class)
            .description("the port (default 3000; 0: any free port)")
            .build());
    serve.addOption(
        OptionSpec.builder("--host")
            .paramLabel("H")
            .type(String.class)
            .description("the address to listen on (default 127.0.0.1)")
            .build());
    serve.addOption(
        OptionSpec.builder("--verify-sigv4")
            .description(
                "require SigV4 signatures by SES_OPS_API_ACCESS_KEY_ID / SES_OPS_API_SECRET_ACCESS_KEY")
            .build());
    serve.addOption(
        OptionSpec.builder("--insecure-no-auth")
            .description("no token, no signature (the other checks still hold)")
            .build());
    serve.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    return serve;
  }

  private static CommandSpec ingestReportsSpec() {
    CommandSpec ingest = CommandSpec.create().name("ingest-reports");
    ingest
        .usageMessage()
        .width(100)
        .description(
            "read DMARC aggregate and TLS-RPT report files on this machine as the reports function does.",
            "Files are .xml, .xml.gz, .zip, .eml, .json or .json.gz, or folders of them; the results go into the configured bucket and state table.")
        .synopsisHeading("usage: ")
        .customSynopsis(NAME + " ingest-reports PATH...")
        .footerHeading("%nExample:%n")
        .footer(
            "  ses-ops ingest-reports ~/Downloads/google.com!example.com!1796428800!1796515199.zip");
    ingest.addPositional(
        PositionalParamSpec.builder()
            .index("0..*")
            .arity("1..*")
            .paramLabel("PATH")
            .type(String.class)
            .description("report files or folders")
            .build());
    ingest.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    return ingest;
  }

  private static CommandSpec fleetSpec() {
    CommandSpec fleet = CommandSpec.create().name("fleet");
    fleet
        .usageMessage()
        .width(100)
        .description(
            "run one scheduled job over the whole fleet on this machine (needs --local).",
            "The same item list (config and AWS Organizations), per-account invocation and one summary as the",
            "Step Functions fan-out (docs/fleet.md).")
        .synopsisHeading("usage: ")
        .customSynopsis(
            NAME + " fleet monitor|audit|cleanup --local [--concurrency N] [--batch-size N]")
        .footerHeading("%nExample:%n")
        .footer("  ses-ops fleet monitor --local --concurrency 20");
    fleet.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .paramLabel("JOB")
            .type(String.class)
            .completionCandidates(List.of("monitor", "audit", "cleanup"))
            .description("monitor, audit or cleanup")
            .build());
    fleet.addOption(
        OptionSpec.builder("--concurrency")
            .paramLabel("N")
            .type(String.class)
            .description("items run at once (default 10)")
            .build());
    fleet.addOption(
        OptionSpec.builder("--batch-size")
            .paramLabel("N")
            .type(String.class)
            .description("accounts per monitor invocation (default 10)")
            .build());
    fleet.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    return fleet;
  }

  private static void global(CommandSpec root, OptionSpec.Builder b) {
    root.addOption(b.scopeType(ScopeType.INHERIT).build());
  }

  /** Runs one command; {@code terminal}: stdout is a terminal (tables and colour by default). */
  static int run(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Function<Boolean, Transport> transport,
      boolean terminal) {
    CommandLine cl = commandLine(onlyCommand(args));
    if (args.length == 0) {
      usage(cl, err);
      return USAGE;
    }
    ParseResult parsed;
    try {
      parsed = cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return usageError(e, err);
    }
    if (parsed.isVersionHelpRequested()) {
      out.println(NAME + " " + Version.current());
      return OK;
    }
    ParseResult sub = parsed.subcommand();
    if (parsed.isUsageHelpRequested() || sub == null) {
      usage(commandLine(), out); // the root's help lists every command
      return OK;
    }
    String name = sub.commandSpec().name();
    if (sub.isUsageHelpRequested()) {
      usage(sub.commandSpec().commandLine(), out);
      return OK;
    }
    Globals g = Globals.of(parsed);
    switch (name) {
      case "help" -> {
        String which = sub.matchedPositionalValue(0, (String) null);
        if (which == null) {
          usage(cl, out);
          return OK;
        }
        CommandLine c = cl.getSubcommands().get(which);
        if (c == null) {
          err.println("ses-ops: unknown command '" + Commands.printable(which) + "'");
          err.println("run 'ses-ops help' for the commands");
          return USAGE;
        }
        usage(c, out);
        return OK;
      }
      case "completion" -> {
        return completion(cl, sub.matchedPositionalValue(0, ""), out, err);
      }
      case "doctor" -> {
        Output o;
        try {
          o = Output.of(g.output(), g.json(), g.query(), terminal, env);
        } catch (UsageException e) {
          return printUsage(e, err);
        }
        if (g.profile() != null) {
          System.setProperty("aws.profile", g.profile());
        }
        List<Doctor.Check> checks = new Doctor(env, g.profile()).run();
        if (o.format() == Output.Format.TABLE) {
          Doctor.print(checks, out);
        } else {
          o.print(Doctor.json(checks), out);
        }
        boolean ok = Doctor.allPassed(checks);
        long warnings = checks.stream().filter(c -> c.status() == Doctor.Status.WARN).count();
        err.println(
            (ok
                    ? "ses-ops: doctor: no problem found"
                    : "ses-ops: doctor: "
                        + checks.stream().filter(c -> c.status() == Doctor.Status.FAIL).count()
                        + " check(s) failed")
                + (warnings > 0 ? ", " + warnings + " warning(s)" : ""));
        return ok ? OK : ERROR;
      }
      case "permissions" -> {
        try {
          return Permissions.run(
              sub.matchedOptionValue("--function", (String) null),
              Output.of(g.output(), g.json(), g.query(), terminal, env),
              out,
              err);
        } catch (UsageException e) {
          return printUsage(e, err);
        }
      }
      case "serve" -> {
        // the local server is the CLI's, not the Lambda jar's
        List<String> serveArgs = new ArrayList<>();
        for (String opt : List.of("--port", "--host")) {
          String value = sub.matchedOptionValue(opt, (String) null);
          if (value != null) {
            serveArgs.add(opt);
            serveArgs.add(value);
          }
        }
        for (String flag : List.of("--verify-sigv4", "--insecure-no-auth")) {
          if (sub.matchedOption(flag) != null) {
            serveArgs.add(flag);
          }
        }
        return LocalApiServer.run(serveArgs.toArray(String[]::new), env, err);
      }
      case "ingest-reports" -> {
        List<String> paths = new ArrayList<>();
        sub.matchedPositionals().forEach(p -> paths.addAll(p.stringValues()));
        return IngestReportsCommand.run(paths.toArray(String[]::new), env, out, err);
      }
      case "fleet" -> {
        // the fleet runs the functions' own handlers here; --local is the CLI's global option
        List<String> fleetArgs = new ArrayList<>(List.of(sub.matchedPositionalValue(0, "")));
        if (g.local()) {
          fleetArgs.add("--local");
        }
        for (String opt : List.of("--concurrency", "--batch-size")) {
          String value = sub.matchedOptionValue(opt, (String) null);
          if (value != null) {
            fleetArgs.add(opt);
            fleetArgs.add(value);
          }
        }
        return FleetLocalCommand.run(fleetArgs.toArray(String[]::new), env, out, err);
      }
      default -> {
        return helperCommand(Commands.DEFS.get(name), sub, g, env, out, err, transport, terminal);
      }
    }
  }

  private static int helperCommand(
      Commands.Def d,
      ParseResult sub,
      Globals g,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Function<Boolean, Transport> transport,
      boolean terminal) {
    Invocation inv;
    Output output;
    try {
      inv = Commands.invocation(d, sub);
      output = Output.of(g.output(), g.json(), g.query(), terminal, env);
    } catch (UsageException e) {
      return printUsage(e, err);
    }
    if (g.local() && transport == null) {
      try {
        if (!ConfigCheck.usable(Settings.fromEnv(env), true, ConfigCheck.WhenAbsent.FAIL, err)) {
          return USAGE;
        }
      } catch (BadInputException e) {
        err.println("ses-ops: " + e.getMessage());
        return USAGE;
      }
    }
    Transport t;
    try {
      t = transport != null ? transport.apply(g.local()) : transport(g, env);
    } catch (UsageException e) {
      err.println("ses-ops: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      err.println("ses-ops: cannot start: " + e.getMessage());
      return ERROR;
    }
    // audit --html FILE: the same answer also as the audit's HTML page (issue 15)
    String html =
        d.name().equals("audit") && sub.hasMatchedOption("--html")
            ? sub.matchedOptionValue("--html", (String) null)
            : null;
    try {
      return execute(
          inv,
          t,
          output,
          g.local(),
          out,
          err,
          html == null
              ? null
              : body -> {
                AuditHtml.write(body, Path.of(html));
                err.println("ses-ops: wrote " + html);
              });
    } catch (CliException e) {
      err.println("ses-ops: " + e.getMessage());
      return ERROR;
    }
  }

  private static int completion(CommandLine cl, String shell, PrintStream out, PrintStream err) {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      err.println("ses-ops: completion: SHELL must be bash or zsh");
      err.println("usage: ses-ops completion bash|zsh");
      return USAGE;
    }
    // picocli's script is bash; it sets up zsh's bashcompinit itself when sourced from zsh
    String script = picocli.AutoComplete.bash(NAME, cl);
    if (shell.equals("zsh")) {
      out.println("# ses-ops completion for zsh: source <(ses-ops completion zsh)");
    }
    out.print(script);
    return OK;
  }

  private static int usageError(CommandLine.ParameterException e, PrintStream err) {
    CommandLine where = e.getCommandLine();
    String command = where == null || where.getParent() == null ? null : where.getCommandName();
    if (command == null
        && e instanceof CommandLine.UnmatchedArgumentException u
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      return printUsage(
          new UsageException(
              null, "unknown command '" + Commands.printable(u.getUnmatched().get(0)) + "'"),
          err);
    }
    return printUsage(Commands.usage(command, e), err);
  }

  private static int printUsage(UsageException e, PrintStream err) {
    err.println("ses-ops: " + e.getMessage());
    if (e.command() != null && Commands.HELP.containsKey(e.command())) {
      err.println("usage: ses-ops " + Commands.HELP.get(e.command()).usage());
      err.println("run 'ses-ops help " + e.command() + "' for the arguments and an example");
    } else if (e.command() != null) {
      err.println("run 'ses-ops help " + e.command() + "'");
    } else {
      err.println("run 'ses-ops help' for the commands");
    }
    return USAGE;
  }

  private static void usage(CommandLine cl, PrintStream out) {
    PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
    cl.usage(w, CommandLine.Help.Ansi.OFF);
    w.flush();
  }

  private static Transport transport(Globals g, Map<String, String> env) {
    if (g.local()) {
      if (g.profile() != null) {
        // the SDK's default chain everywhere in-process (config source, per-account clients) reads
        // this
        System.setProperty("aws.profile", g.profile());
      }
      // no API Gateway in the way: a run may take as long as a Lambda invocation would
      return new LocalTransport(
          ApiFunction.api(
              Settings.fromEnv(env), Clock.systemUTC(), java.time.Duration.ofMinutes(14)),
          Lazy.of(() -> LocalTransport.stsCaller(env)));
    }
    String url = env.get("SES_OPS_API_URL");
    if (url == null || url.isBlank()) {
      throw new UsageException(
          null,
          "set SES_OPS_API_URL to the deployed API's URL, or use --local with SES_OPS_CONFIG_FILE");
    }
    URI base;
    try {
      base = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new UsageException(null, "SES_OPS_API_URL is not a URL");
    }
    if (base.getScheme() == null
        || !(base.getScheme().equals("https") || base.getScheme().equals("http"))
        || base.getHost() == null) {
      throw new UsageException(null, "SES_OPS_API_URL must be an http(s) URL");
    }
    String profile = Credentials.profileName(g.profile(), env);
    return new HttpTransport(
        base,
        Credentials.provider(g.profile()),
        profile,
        HttpTransport.region(base, env),
        Clock.systemUTC());
  }

  static int execute(
      Invocation inv, Transport t, Output output, boolean local, PrintStream out, PrintStream err) {
    return execute(inv, t, output, local, out, err, null);
  }

  /** As above; {@code onAnswer} (may be null) also gets a successful answer's body. */
  static int execute(
      Invocation inv,
      Transport t,
      Output output,
      boolean local,
      PrintStream out,
      PrintStream err,
      java.util.function.Consumer<JsonNode> onAnswer) {
    String path = encodePath(inv.segments());
    String body = inv.body() == null ? null : Json.write(inv.body());
    Progress progress =
        inv.slow()
            ? Progress.start(
                err, inv.command() + " " + (inv.segments().size() > 1 ? inv.segments().get(1) : ""))
            : null;
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
      if (output.explicit() && output.format() == Output.Format.JSON) {
        out.println(Json.pretty(r.body()));
      }
      JsonNode e = r.body().path("error");
      // in-process there is no HTTP and the request id names nothing a person can look up
      err.println(
          "ses-ops: "
              + inv.command()
              + " failed: "
              + (local ? "" : "HTTP " + r.status() + " ")
              + e.path("code").asText("error")
              + ": "
              + e.path("message").asText("(no message)")
              + (!local && e.hasNonNull("request_id")
                  ? " (request id " + e.path("request_id").asText() + ")"
                  : ""));
      return ERROR;
    }
    output.print(r.body(), out);
    if (onAnswer != null) {
      try {
        onAnswer.accept(r.body());
      } catch (RuntimeException e) {
        err.println("ses-ops: " + inv.command() + ": " + e.getMessage());
        return ERROR;
      }
    }
    String level = r.body().path("level").asText("");
    if ((inv.command().equals("monitor") || inv.command().equals("audit"))
        && PROBLEM_LEVELS.contains(level)) {
      err.println("ses-ops: " + inv.command() + " found a problem: " + level);
      return PROBLEM;
    }
    return OK;
  }

  /** Follows {@code next} and merges the pages' lists into the first answer. */
  private static Transport.Response allPages(
      Invocation inv, Transport t, String path, Transport.Response first, PrintStream err) {
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

  /**
   * Percent-encodes each segment once (RFC 3986 unreserved characters and '@' stay as they are).
   */
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
    query.forEach(
        (k, vs) ->
            vs.forEach(
                v ->
                    sb.append(sb.length() == 0 ? '?' : '&')
                        .append(encode(k, ""))
                        .append('=')
                        .append(encode(v, ""))));
    return sb.toString();
  }

  private static String encode(String s, String keep) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || keep.indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
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
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Thread.sleep(2000);
                    err.println(
                        "ses-ops: "
                            + what.trim()
                            + " still running ("
                            + (System.nanoTime() - start) / 1_000_000_000
                            + " s)");
                  }
                } catch (InterruptedException e) {
                  err.println(
                      "ses-ops: "
                          + what.trim()
                          + " finished in "
                          + String.format("%.1f", (System.nanoTime() - start) / 1e9)
                          + " s");
                }
              },
              "ses-ops-progress");
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
