package dev.sesops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The helper's commands with its names and argument order ({@code send-test ACCOUNT FROM TO
 * [SUBJECT]}), each a picocli command (positionals, options, help with examples, completion) that
 * turns into one API call. To add a command: one {@link #command} entry below, and an example in
 * docs/cli.md.
 */
final class Commands {
  /** A command's usage line and summary. */
  record Help(String usage, String summary) {}

  /** A positional parameter: its label and whether it may be left out. */
  record Param(String label, boolean optional, String description) {}

  /** An option: its name, the label of its value (null for a flag), and what it does. */
  record Opt(String name, String valueLabel, String description) {}

  /** One command: its parameters and options, examples, and the API call its values make. */
  record Def(
      String name,
      String summary,
      List<Param> params,
      List<Opt> options,
      List<String> examples,
      Function<Values, Invocation> call) {

    String usage() {
      StringBuilder sb = new StringBuilder(name);
      params.forEach(p -> sb.append(' ').append(p.optional() ? "[" + p.label() + "]" : p.label()));
      options.forEach(
          o ->
              sb.append(" [")
                  .append(o.name())
                  .append(o.valueLabel() == null ? "" : " " + o.valueLabel())
                  .append(']'));
      return sb.toString();
    }
  }

  static final Map<String, Def> DEFS = new LinkedHashMap<>();
  static final Map<String, Help> HELP = new LinkedHashMap<>();

  private static final Param ACCOUNT =
      new Param("ACCOUNT", false, "the account's name in the config (ses-ops accounts lists them)");
  private static final List<Opt> PAGING =
      List.of(
          new Opt("--limit", "N", "at most N items on this page"),
          new Opt("--next", "TOKEN", "the page after the one that answered this token"),
          new Opt("--all", null, "follow every page and print one merged list"));

  static {
    command(
        "accounts",
        "list the configured accounts (name, region, description)",
        List.of(),
        List.of(),
        List.of("ses-ops accounts"),
        v -> get(v, List.of("accounts")));
    for (String c : List.of("quota", "stats", "reputation")) {
      String summary =
          switch (c) {
            case "quota" -> "24-hour sending quota, rate and use";
            case "stats" ->
                "send statistics: 15-minute data points, 24 h and 14 day totals and rates";
            default -> "enforcement status, sending enabled, sandbox, bounce and complaint rates";
          };
      command(
          c,
          summary,
          List.of(ACCOUNT),
          List.of(),
          List.of("ses-ops " + c + " production"),
          v -> get(v, account(v, c)));
    }
    command(
        "monitor",
        "run the monitor for one account now (exit 3 at WARNING or worse)",
        List.of(ACCOUNT),
        List.of(new Opt("--no-notify", null, "do not send alerts for what this run finds")),
        List.of("ses-ops monitor production --no-notify"),
        v ->
            call(
                v,
                "POST",
                account(v, "monitor"),
                v.flag("--no-notify") ? Map.of("notify", List.of("false")) : Map.of(),
                null,
                false,
                null,
                false));
    command(
        "audit",
        "run the audit for one account now and print its report (exit 3 at WARNING or worse)",
        List.of(ACCOUNT),
        List.of(
            new Opt(
                "--html", "FILE", "also write the report as one self-contained HTML page to FILE")),
        List.of("ses-ops audit production", "ses-ops audit production --html audit.html"),
        v -> call(v, "POST", account(v, "audit"), Map.of(), null, false, null, true));
    for (String c : List.of("verified-emails", "verified-domains")) {
      command(
          c,
          (c.equals("verified-emails") ? "email" : "domain") + " identities and their status",
          List.of(ACCOUNT),
          PAGING,
          List.of("ses-ops " + c + " production --all"),
          v -> {
            Map<String, List<String>> q = paging(v);
            q.put("type", List.of(c.equals("verified-emails") ? "email" : "domain"));
            return call(
                v, "GET", account(v, "identities"), q, null, v.flag("--all"), "identities", false);
          });
    }
    Param identity = new Param("IDENTITY", false, "an email address or a domain");
    command(
        "verify-identity",
        "verification, DKIM, MAIL FROM and notifications of one identity",
        List.of(ACCOUNT, identity),
        List.of(),
        List.of("ses-ops verify-identity production example.com"),
        v -> get(v, target(v, "IDENTITY", "identities", null)));
    command(
        "verify-email",
        "start verifying an email address (SES mails it a link)",
        List.of(ACCOUNT, new Param("EMAIL", false, "the address")),
        List.of(),
        List.of("ses-ops verify-email production noreply@example.com"),
        v ->
            call(
                v,
                "POST",
                List.of("accounts", v.positional("ACCOUNT"), "identities"),
                Map.of(),
                Json.object().put("email", v.positional("EMAIL")),
                false,
                null,
                false));
    command(
        "verify-domain",
        "start verifying a domain; prints the TXT and DKIM CNAME records to publish",
        List.of(ACCOUNT, new Param("DOMAIN", false, "the domain")),
        List.of(),
        List.of("ses-ops verify-domain production example.com"),
        v ->
            call(
                v,
                "POST",
                List.of("accounts", v.positional("ACCOUNT"), "identities"),
                Map.of(),
                Json.object().put("domain", v.positional("DOMAIN")),
                false,
                null,
                false));
    command(
        "dkim",
        "DKIM status and tokens of an identity",
        List.of(ACCOUNT, identity),
        List.of(),
        List.of("ses-ops dkim production example.com"),
        v -> get(v, target(v, "IDENTITY", "identities", "dkim")));
    command(
        "enable-dkim",
        "switch DKIM signing on (or off) for an identity",
        List.of(ACCOUNT, identity),
        List.of(new Opt("--disable", null, "switch DKIM signing off instead")),
        List.of("ses-ops enable-dkim production example.com"),
        v ->
            call(
                v,
                "PUT",
                target(v, "IDENTITY", "identities", "dkim"),
                Map.of(),
                Json.object().put("enabled", !v.flag("--disable")),
                false,
                null,
                false));
    command(
        "notifications",
        "bounce, complaint and delivery notification topics of an identity",
        List.of(ACCOUNT, identity),
        List.of(),
        List.of("ses-ops notifications production example.com"),
        v -> get(v, target(v, "IDENTITY", "identities", "notifications")));
    command(
        "config-sets",
        "configuration sets",
        List.of(ACCOUNT),
        PAGING,
        List.of("ses-ops config-sets production"),
        v ->
            call(
                v,
                "GET",
                account(v, "configuration-sets"),
                paging(v),
                null,
                v.flag("--all"),
                "configuration_sets",
                false));
    List<Opt> suppressedOpts =
        new ArrayList<>(
            List.of(
                new Opt("--reason", "bounce|complaint", "only entries suppressed for this reason"),
                new Opt(
                    "--from", "DATE", "only entries suppressed on or after this date (YYYY-MM-DD)"),
                new Opt("--to", "DATE", "only entries suppressed before this date (YYYY-MM-DD)")));
    suppressedOpts.addAll(PAGING);
    suppressedOpts.add(new Opt("--reveal", null, "show full addresses (masked by default)"));
    command(
        "suppressed",
        "the account-level suppression list, every page reachable (addresses masked unless --reveal)",
        List.of(ACCOUNT),
        suppressedOpts,
        List.of("ses-ops suppressed production --reason bounce --all"),
        v -> {
          Map<String, List<String>> q = paging(v);
          v.option("--reason").ifPresent(x -> q.put("reason", List.of(x)));
          v.option("--from").ifPresent(x -> q.put("from", List.of(x)));
          v.option("--to").ifPresent(x -> q.put("to", List.of(x)));
          if (v.flag("--reveal")) {
            q.put("reveal", List.of("true"));
          }
          return call(
              v, "GET", account(v, "suppressed"), q, null, v.flag("--all"), "entries", false);
        });
    Param email = new Param("EMAIL", false, "the recipient address");
    command(
        "suppression-details",
        "why and since when an address is suppressed",
        List.of(ACCOUNT, email),
        List.of(),
        List.of("ses-ops suppression-details production jane@example.com"),
        v -> get(v, target(v, "EMAIL", "suppressed", null)));
    command(
        "remove-suppression",
        "take an address off the suppression list",
        List.of(ACCOUNT, email),
        List.of(),
        List.of("ses-ops remove-suppression production jane@example.com"),
        v ->
            call(
                v,
                "DELETE",
                target(v, "EMAIL", "suppressed", null),
                Map.of(),
                null,
                false,
                null,
                false));
    command(
        "send-test",
        "send a test email to the mailbox simulator or a configured test recipient",
        List.of(
            ACCOUNT,
            new Param("FROM", false, "a verified sender"),
            new Param("TO", false, "the simulator or a test recipient"),
            new Param("SUBJECT", true, "the subject (quote it)"),
            new Param("BODY", true, "the text body (quote it)")),
        List.of(),
        List.of(
            "ses-ops send-test production noreply@example.com success@simulator.amazonses.com \"Hello\""),
        v -> {
          ObjectNode body =
              Json.object().put("from", v.positional("FROM")).put("to", v.positional("TO"));
          v.optionalPositional("SUBJECT").ifPresent(s -> body.put("subject", s));
          v.optionalPositional("BODY").ifPresent(s -> body.put("body", s));
          return call(
              v,
              "POST",
              List.of("accounts", v.positional("ACCOUNT"), "test-emails"),
              Map.of(),
              body,
              false,
              null,
              false);
        });
    command(
        "debug",
        "why mail to an address may not arrive, and what to do",
        List.of(ACCOUNT, email),
        List.of(new Opt("--from", "SENDER", "the sender to check as well")),
        List.of("ses-ops debug production jane@example.com --from noreply@example.com"),
        v -> {
          Map<String, List<String>> q = new LinkedHashMap<>();
          v.option("--from").ifPresent(x -> q.put("from", List.of(x)));
          return call(v, "GET", target(v, "EMAIL", "debug", null), q, null, false, null, false);
        });
    command(
        "tenants",
        "tenants: sending status, who paused them and why, reputation policy",
        List.of(ACCOUNT),
        List.of(),
        List.of("ses-ops tenants production"),
        v -> get(v, account(v, "tenants")));
    command(
        "tenant",
        "one tenant: sending status, customer- and AWS-managed statuses with their causes, policy",
        List.of(ACCOUNT, new Param("NAME", false, "the tenant's name")),
        List.of(),
        List.of("ses-ops tenant production acme"),
        v -> get(v, target(v, "NAME", "tenants", null)));
    command(
        "cleanup",
        "run the suppression cleanup now (a dry run unless --apply)",
        List.of(ACCOUNT),
        List.of(new Opt("--apply", null, "remove for real (the trail can put every entry back)")),
        List.of("ses-ops cleanup production"),
        v ->
            call(
                v,
                "POST",
                account(v, "suppression-cleanup"),
                Map.of("dry_run", List.of(v.flag("--apply") ? "false" : "true")),
                null,
                false,
                null,
                true));
    command(
        "resume",
        "undo a pause ses-ops made: restore the scope's sending exactly as it was before",
        List.of(ACCOUNT),
        List.of(
            new Opt("--configuration-set", "NAME", "the configuration set to resume"),
            new Opt("--tenant", "NAME", "the tenant to resume"),
            new Opt("--account", null, "resume the whole account")),
        List.of("ses-ops resume shop --configuration-set marketing"),
        v -> {
          ObjectNode body = Json.object();
          v.option("--configuration-set").ifPresent(x -> body.put("configuration_set", x));
          v.option("--tenant").ifPresent(x -> body.put("tenant", x));
          if (v.flag("--account")) {
            body.put("account", true);
          }
          if (body.size() != 1) {
            throw new UsageException(
                v.command(),
                "name exactly one of --configuration-set NAME, --tenant NAME, --account");
          }
          return call(v, "POST", account(v, "resume"), Map.of(), body, false, null, false);
        });
    command(
        "actions",
        "the action log: pauses, would-pauses, refusals, resumes and every change made through the API or CLI, newest first",
        List.of(ACCOUNT),
        List.of(new Opt("--limit", "N", "at most N lines (default 50)")),
        List.of("ses-ops actions shop"),
        v -> {
          Map<String, List<String>> q = new LinkedHashMap<>();
          v.option("--limit").ifPresent(x -> q.put("limit", List.of(x)));
          return call(v, "GET", account(v, "actions"), q, null, false, null, false);
        });
    // issue 11: the events function's read side and setup
    command(
        "top",
        "the worst scopes from SES events: sends, hard bounces, complaints and rates",
        List.of(ACCOUNT),
        List.of(
            new Opt(
                "--by",
                "KIND",
                "configuration-set (default), tenant, from-domain or recipient-domain"),
            new Opt("--window", "WINDOW", "1h (default) or 24h"),
            new Opt("--limit", "N", "at most N scopes (default 20)")),
        List.of("ses-ops top production --by configuration-set --window 1h"),
        v -> {
          Map<String, List<String>> q = new LinkedHashMap<>();
          v.option("--by").ifPresent(x -> q.put("by", List.of(x)));
          v.option("--window").ifPresent(x -> q.put("window", List.of(x)));
          v.option("--limit").ifPresent(x -> q.put("limit", List.of(x)));
          return call(v, "GET", account(v, "sources"), q, null, false, null, false);
        });
    // issue 24: DMARC aggregate reports
    command(
        "dmarc",
        "DMARC reports for a domain: sources (SES, known senders, unknown), pass and alignment rates, the readiness verdict",
        List.of(new Param("DOMAIN", false, "the domain the reports are about")),
        List.of(new Opt("--days", "N", "days back from today (default 30)")),
        List.of("ses-ops dmarc example.com --days 30"),
        v -> {
          Map<String, List<String>> q = new LinkedHashMap<>();
          v.option("--days").ifPresent(x -> q.put("days", List.of(x)));
          return call(
              v,
              "GET",
              List.of("domains", v.positional("DOMAIN"), "dmarc"),
              q,
              null,
              false,
              null,
              false);
        });
    command(
        "connect-events",
        "send a configuration set's events to EventBridge for ses-ops (a dry run unless --apply)",
        List.of(ACCOUNT, new Param("CONFIG_SET", false, "the configuration set")),
        List.of(
            new Opt("--apply", null, "create (or remove) the event destination for real"),
            new Opt("--remove", null, "remove the ses-ops-events destination instead (the undo)"),
            new Opt(
                "--event-bus",
                "ARN",
                "the account's default bus, when the config has no aws_account_id")),
        List.of("ses-ops connect-events production newsletter --apply"),
        v -> {
          Map<String, List<String>> q = new LinkedHashMap<>();
          q.put("apply", List.of(v.flag("--apply") ? "true" : "false"));
          if (v.flag("--remove")) {
            q.put("remove", List.of("true"));
          }
          v.option("--event-bus").ifPresent(x -> q.put("event_bus", List.of(x)));
          return call(
              v,
              "POST",
              target(v, "CONFIG_SET", "config-sets", "event-destination"),
              q,
              null,
              false,
              null,
              false);
        });
    command(
        "connect-notifications",
        "send an identity's bounce, complaint and delivery notifications to SNS for ses-ops (a dry run unless --apply)",
        List.of(ACCOUNT, new Param("IDENTITY", false, "an email address or a domain")),
        List.of(
            new Opt(
                "--apply",
                null,
                "set the notification topics for real (the answer lists the topics before)"),
            new Opt(
                "--topic",
                "ARN",
                "the SNS topic (default: ses-ops-notifications in the account's Region, from aws_account_id)")),
        List.of("ses-ops connect-notifications production example.com --apply"),
        v -> {
          Map<String, List<String>> q = new LinkedHashMap<>();
          q.put("apply", List.of(v.flag("--apply") ? "true" : "false"));
          v.option("--topic").ifPresent(x -> q.put("topic", List.of(x)));
          return call(
              v,
              "POST",
              target(v, "IDENTITY", "identities", "notification-topic"),
              q,
              null,
              false,
              null,
              false);
        });
  }

  private Commands() {}

  private static void command(
      String name,
      String summary,
      List<Param> params,
      List<Opt> options,
      List<String> examples,
      Function<Values, Invocation> call) {
    Def d =
        new Def(
            name, summary, List.copyOf(params), List.copyOf(options), List.copyOf(examples), call);
    DEFS.put(name, d);
    HELP.put(name, new Help(d.usage(), summary));
  }

  /** The picocli spec of one command: what help, completion and parsing use. */
  static CommandSpec spec(Def d) {
    CommandSpec s = CommandSpec.create().name(d.name());
    s.usageMessage()
        .width(100)
        .description(d.summary())
        .synopsisHeading("usage: ")
        .descriptionHeading("%n")
        .parameterListHeading("%nArguments:%n")
        .optionListHeading("%nOptions (and the global ones, see ses-ops help):%n")
        .customSynopsis("ses-ops [GLOBAL OPTIONS] " + d.usage())
        .footerHeading("%nExample:%n")
        .footer(d.examples().stream().map(e -> "  " + e.replace("%", "%%")).toArray(String[]::new));
    for (int i = 0; i < d.params().size(); i++) {
      Param p = d.params().get(i);
      s.addPositional(
          PositionalParamSpec.builder()
              .index(String.valueOf(i))
              .paramLabel(p.label())
              .arity(p.optional() ? "0..1" : "1")
              .required(!p.optional())
              .description(p.description())
              .type(String.class)
              .build());
    }
    for (Opt o : d.options()) {
      OptionSpec.Builder b = OptionSpec.builder(o.name()).description(o.description());
      if (o.valueLabel() == null) {
        b.arity("0").type(boolean.class);
      } else {
        b.paramLabel(o.valueLabel()).arity("1").type(String.class);
      }
      s.addOption(b.build());
    }
    s.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("show this help and exit")
            .build());
    return s;
  }

  /**
   * Parses one command's words (after the global options), as the CLI does: for tests and for
   * {@link Cli}.
   */
  static Invocation parse(List<String> words) {
    if (words.isEmpty()) {
      throw new UsageException(null, "no command given");
    }
    Def d = DEFS.get(words.get(0));
    if (d == null) {
      throw new UsageException(null, "unknown command '" + printable(words.get(0)) + "'");
    }
    CommandLine cl = new CommandLine(spec(d));
    cl.setOverwrittenOptionsAllowed(false);
    try {
      return invocation(d, cl.parseArgs(words.subList(1, words.size()).toArray(String[]::new)));
    } catch (CommandLine.ParameterException e) {
      throw usage(d.name(), e);
    }
  }

  /** The call a parsed command stands for. */
  static Invocation invocation(Def d, ParseResult parsed) {
    return d.call().apply(new Values(d.name(), parsed));
  }

  /**
   * picocli's complaint in the helper's words: "missing ACCOUNT", "unknown option --fast", "--limit
   * needs a value".
   */
  static UsageException usage(String command, CommandLine.ParameterException e) {
    if (e instanceof CommandLine.MissingParameterException m) {
      ArgSpec missing = m.getMissing().get(0);
      if (missing.isOption()) {
        return new UsageException(command, ((OptionSpec) missing).longestName() + " needs a value");
      }
      return new UsageException(command, "missing " + missing.paramLabel());
    }
    if (e instanceof CommandLine.OverwrittenOptionException o) {
      return new UsageException(
          command,
          o.getOverwritten().isOption()
              ? ((OptionSpec) o.getOverwritten()).longestName() + " given more than once"
              : "an argument is given more than once");
    }
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String w = u.getUnmatched().get(0);
      return new UsageException(
          command, (w.startsWith("-") ? "unknown option " : "unexpected argument ") + printable(w));
    }
    String msg = e.getMessage() == null ? "cannot parse the arguments" : e.getMessage();
    if (msg.startsWith("Expected parameter for option '")) {
      return new UsageException(
          command,
          msg.replaceFirst("Expected parameter for option '([^']+)'.*", "$1") + " needs a value");
    }
    return new UsageException(command, printable(msg.length() > 200 ? msg.substring(0, 200) : msg));
  }

  /** {@code accounts/ACCOUNT/rest...}. */
  private static List<String> account(Values v, String... rest) {
    List<String> p = new ArrayList<>(List.of("accounts", v.positional("ACCOUNT")));
    p.addAll(List.of(rest));
    return p;
  }

  /** {@code accounts/ACCOUNT/collection/TARGET[/leaf]}. */
  private static List<String> target(Values v, String targetName, String collection, String leaf) {
    List<String> p =
        new ArrayList<>(
            List.of("accounts", v.positional("ACCOUNT"), collection, v.positional(targetName)));
    if (leaf != null) {
      p.add(leaf);
    }
    return p;
  }

  private static Map<String, List<String>> paging(Values v) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    v.option("--limit").ifPresent(x -> q.put("limit", List.of(x)));
    v.option("--next").ifPresent(x -> q.put("next", List.of(x)));
    return q;
  }

  private static Invocation get(Values v, List<String> path) {
    return call(v, "GET", path, Map.of(), null, false, null, false);
  }

  private static Invocation call(
      Values v,
      String method,
      List<String> path,
      Map<String, List<String>> query,
      JsonNode body,
      boolean all,
      String listField,
      boolean slow) {
    return new Invocation(
        v.command(), method, List.copyOf(path), Map.copyOf(query), body, all, listField, slow);
  }

  static String printable(String s) {
    return s.length() <= 40 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : "(unprintable)";
  }

  /** The values picocli matched for one command, by label and option name. */
  record Values(String command, ParseResult parsed) {
    String positional(String label) {
      return optionalPositional(label)
          .orElseThrow(() -> new UsageException(command, "missing " + label));
    }

    Optional<String> optionalPositional(String label) {
      for (PositionalParamSpec p : parsed.matchedPositionals()) {
        if (p.paramLabel().equals(label)) {
          Object v = p.getValue();
          return Optional.ofNullable(v == null ? null : v.toString());
        }
      }
      return Optional.empty();
    }

    Optional<String> option(String name) {
      return parsed.hasMatchedOption(name)
          ? Optional.ofNullable(parsed.matchedOptionValue(name, (String) null))
          : Optional.empty();
    }

    boolean flag(String name) {
      return parsed.hasMatchedOption(name);
    }
  }
}
