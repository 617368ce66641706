package dev.sesops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The helper's commands with its names and argument order ({@code send-test ACCOUNT FROM TO [SUBJECT]}),
 * each turned into one API call.
 */
final class Commands {
  /** A command's usage line and summary. */
  record Help(String usage, String summary) {}

  static final Map<String, Help> HELP = new LinkedHashMap<>();

  static {
    help("accounts", "accounts", "list the configured accounts (name, region, description)");
    help("quota", "quota ACCOUNT", "24-hour sending quota, rate and use");
    help("stats", "stats ACCOUNT", "send statistics: 15-minute data points, 24 h and 14 day totals and rates");
    help("reputation", "reputation ACCOUNT", "enforcement status, sending enabled, sandbox, bounce and complaint rates");
    help("monitor", "monitor ACCOUNT [--no-notify]", "run the monitor for one account now (exit 3 at WARNING or worse)");
    help("audit", "audit ACCOUNT", "run the audit for one account now and print its report (exit 3 at WARNING or worse)");
    help("verified-emails", "verified-emails ACCOUNT [--limit N] [--next TOKEN] [--all]", "email identities and their status");
    help("verified-domains", "verified-domains ACCOUNT [--limit N] [--next TOKEN] [--all]", "domain identities and their status");
    help("verify-identity", "verify-identity ACCOUNT IDENTITY", "verification, DKIM, MAIL FROM and notifications of one identity");
    help("verify-email", "verify-email ACCOUNT EMAIL", "start verifying an email address (SES mails it a link)");
    help("verify-domain", "verify-domain ACCOUNT DOMAIN", "start verifying a domain; prints the TXT and DKIM CNAME records to publish");
    help("dkim", "dkim ACCOUNT IDENTITY", "DKIM status and tokens of an identity");
    help("enable-dkim", "enable-dkim ACCOUNT IDENTITY [--disable]", "switch DKIM signing on (or off) for an identity");
    help("notifications", "notifications ACCOUNT IDENTITY", "bounce, complaint and delivery notification topics of an identity");
    help("config-sets", "config-sets ACCOUNT [--limit N] [--next TOKEN] [--all]", "configuration sets");
    help("suppressed", "suppressed ACCOUNT [--reason bounce|complaint] [--from DATE] [--to DATE] [--limit N] [--next TOKEN] [--all] [--reveal]",
        "the account-level suppression list, every page reachable (addresses masked unless --reveal)");
    help("suppression-details", "suppression-details ACCOUNT EMAIL", "why and since when an address is suppressed");
    help("remove-suppression", "remove-suppression ACCOUNT EMAIL", "take an address off the suppression list");
    help("send-test", "send-test ACCOUNT FROM TO [SUBJECT] [BODY]", "send a test email to the mailbox simulator or a configured test recipient");
    help("debug", "debug ACCOUNT EMAIL [--from SENDER]", "why mail to an address may not arrive, and what to do");
    help("cleanup", "cleanup ACCOUNT [--apply]", "run the suppression cleanup now (a dry run unless --apply)");
    help("top", "top ACCOUNT [--by configuration-set|tenant|from-domain|recipient-domain] [--window 1h|24h] [--limit N]",
        "the worst scopes from SES events: sends, hard bounces, complaints and rates");
    help("connect-events", "connect-events ACCOUNT CONFIG_SET [--apply] [--remove] [--event-bus ARN]",
        "send a configuration set's events to EventBridge for ses-ops (a dry run unless --apply; --remove undoes it)");
  }

  private Commands() {}

  private static void help(String name, String usage, String summary) {
    HELP.put(name, new Help(usage, summary));
  }

  /** Parses the words after the global options. */
  static Invocation parse(List<String> words) {
    if (words.isEmpty()) {
      throw new UsageException(null, "no command given");
    }
    String cmd = words.get(0);
    if (!HELP.containsKey(cmd)) {
      throw new UsageException(null, "unknown command '" + printable(cmd) + "'");
    }
    Args a = new Args(cmd, words.subList(1, words.size()));
    Invocation inv = switch (cmd) {
      case "accounts" -> a.done(get(cmd, List.of("accounts")));
      case "quota", "stats", "reputation" -> a.done(get(cmd, account(a, cmd)));
      case "monitor" -> {
        List<String> p = account(a, "monitor");
        boolean noNotify = a.flag("--no-notify");
        Invocation i = call(cmd, "POST", p, noNotify ? Map.of("notify", List.of("false")) : Map.of(), null, false, null, false);
        yield a.done(i);
      }
      case "audit" -> a.done(call(cmd, "POST", account(a, "audit"), Map.of(), null, false, null, true));
      case "verified-emails", "verified-domains" -> {
        List<String> p = account(a, "identities");
        Map<String, List<String>> q = paging(a);
        q.put("type", List.of(cmd.equals("verified-emails") ? "email" : "domain"));
        yield a.done(call(cmd, "GET", p, q, null, a.flag("--all"), "identities", false));
      }
      case "verify-identity" -> a.done(get(cmd, withTarget(a, "IDENTITY", "identities", null)));
      case "verify-email", "verify-domain" -> {
        String acc = a.positional("ACCOUNT");
        String v = a.positional(cmd.equals("verify-email") ? "EMAIL" : "DOMAIN");
        ObjectNode body = Json.object().put(cmd.equals("verify-email") ? "email" : "domain", v);
        yield a.done(call(cmd, "POST", List.of("accounts", acc, "identities"), Map.of(), body, false, null, false));
      }
      case "dkim" -> a.done(get(cmd, withTarget(a, "IDENTITY", "identities", "dkim")));
      case "enable-dkim" -> {
        List<String> p = withTarget(a, "IDENTITY", "identities", "dkim");
        boolean disable = a.flag("--disable");
        yield a.done(call(cmd, "PUT", p, Map.of(), Json.object().put("enabled", !disable), false, null, false));
      }
      case "notifications" -> a.done(get(cmd, withTarget(a, "IDENTITY", "identities", "notifications")));
      case "config-sets" -> {
        List<String> p = account(a, "configuration-sets");
        yield a.done(call(cmd, "GET", p, paging(a), null, a.flag("--all"), "configuration_sets", false));
      }
      case "suppressed" -> {
        List<String> p = account(a, "suppressed");
        Map<String, List<String>> q = paging(a);
        a.option("--reason").ifPresent(v -> q.put("reason", List.of(v)));
        a.option("--from").ifPresent(v -> q.put("from", List.of(v)));
        a.option("--to").ifPresent(v -> q.put("to", List.of(v)));
        if (a.flag("--reveal")) {
          q.put("reveal", List.of("true"));
        }
        yield a.done(call(cmd, "GET", p, q, null, a.flag("--all"), "entries", false));
      }
      case "suppression-details" -> a.done(get(cmd, withTarget(a, "EMAIL", "suppressed", null)));
      case "remove-suppression" -> a.done(call(cmd, "DELETE", withTarget(a, "EMAIL", "suppressed", null), Map.of(), null, false, null, false));
      case "send-test" -> {
        String acc = a.positional("ACCOUNT");
        ObjectNode body = Json.object().put("from", a.positional("FROM")).put("to", a.positional("TO"));
        a.optionalPositional().ifPresent(s -> body.put("subject", s));
        a.optionalPositional().ifPresent(s -> body.put("body", s));
        yield a.done(call(cmd, "POST", List.of("accounts", acc, "test-emails"), Map.of(), body, false, null, false));
      }
      case "debug" -> {
        List<String> p = withTarget(a, "EMAIL", "debug", null);
        Map<String, List<String>> q = new LinkedHashMap<>();
        a.option("--from").ifPresent(v -> q.put("from", List.of(v)));
        yield a.done(call(cmd, "GET", p, q, null, false, null, false));
      }
      case "cleanup" -> {
        List<String> p = account(a, "suppression-cleanup");
        boolean apply = a.flag("--apply");
        yield a.done(call(cmd, "POST", p, Map.of("dry_run", List.of(apply ? "false" : "true")), null, false, null, true));
      }
      case "top" -> {
        List<String> p = account(a, "sources");
        Map<String, List<String>> q = new LinkedHashMap<>();
        a.option("--by").ifPresent(v -> q.put("by", List.of(v)));
        a.option("--window").ifPresent(v -> q.put("window", List.of(v)));
        a.option("--limit").ifPresent(v -> q.put("limit", List.of(v)));
        yield a.done(call(cmd, "GET", p, q, null, false, null, false));
      }
      case "connect-events" -> {
        List<String> p = withTarget(a, "CONFIG_SET", "config-sets", "event-destination");
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("apply", List.of(a.flag("--apply") ? "true" : "false"));
        if (a.flag("--remove")) {
          q.put("remove", List.of("true"));
        }
        a.option("--event-bus").ifPresent(v -> q.put("event_bus", List.of(v)));
        yield a.done(call(cmd, "POST", p, q, null, false, null, false));
      }
      default -> throw new UsageException(null, "unknown command '" + printable(cmd) + "'");
    };
    return inv;
  }

  /** {@code accounts/ACCOUNT/rest...}. */
  private static List<String> account(Args a, String... rest) {
    String acc = a.positional("ACCOUNT");
    List<String> p = new ArrayList<>(List.of("accounts", acc));
    p.addAll(List.of(rest));
    return p;
  }

  /** {@code accounts/ACCOUNT/collection/TARGET[/leaf]}, reading ACCOUNT then TARGET in that order. */
  private static List<String> withTarget(Args a, String targetName, String collection, String leaf) {
    String acc = a.positional("ACCOUNT");
    String target = a.positional(targetName);
    List<String> p = new ArrayList<>(List.of("accounts", acc, collection, target));
    if (leaf != null) {
      p.add(leaf);
    }
    return p;
  }

  private static Map<String, List<String>> paging(Args a) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    a.option("--limit").ifPresent(v -> q.put("limit", List.of(v)));
    a.option("--next").ifPresent(v -> q.put("next", List.of(v)));
    return q;
  }

  private static Invocation get(String cmd, List<String> path) {
    return call(cmd, "GET", path, Map.of(), null, false, null, false);
  }

  private static Invocation call(String cmd, String method, List<String> path, Map<String, List<String>> query,
      com.fasterxml.jackson.databind.JsonNode body, boolean all, String listField, boolean slow) {
    return new Invocation(cmd, method, List.copyOf(path), Map.copyOf(query), body, all, listField, slow);
  }

  static String printable(String s) {
    return s.length() <= 40 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? s : "(unprintable)";
  }

  /** The words of one command: positionals in order, then known options; anything left over is a usage error. */
  private static final class Args {
    private final String command;
    private final List<String> words;
    private final boolean[] used;
    private int nextPositional;

    Args(String command, List<String> words) {
      this.command = command;
      this.words = words;
      this.used = new boolean[words.size()];
    }

    String positional(String name) {
      return optionalPositional().orElseThrow(() -> new UsageException(command, "missing " + name));
    }

    java.util.Optional<String> optionalPositional() {
      for (int i = nextPositional; i < words.size(); i++) {
        if (used[i]) {
          continue;
        }
        String w = words.get(i);
        if (w.startsWith("--")) {
          // an option and, for options with values, its value: skipped here, read by option()/flag()
          if (!w.contains("=") && i + 1 < words.size() && takesValue(w)) {
            i++;
          }
          continue;
        }
        used[i] = true;
        nextPositional = i + 1;
        return java.util.Optional.of(w);
      }
      return java.util.Optional.empty();
    }

    boolean flag(String name) {
      boolean found = false;
      for (int i = 0; i < words.size(); i++) {
        if (!used[i] && words.get(i).equals(name)) {
          used[i] = true;
          found = true;
        }
      }
      return found;
    }

    java.util.Optional<String> option(String name) {
      String value = null;
      for (int i = 0; i < words.size(); i++) {
        if (used[i]) {
          continue;
        }
        String w = words.get(i);
        if (w.equals(name)) {
          if (i + 1 >= words.size()) {
            throw new UsageException(command, name + " needs a value");
          }
          if (value != null) {
            throw new UsageException(command, name + " given more than once");
          }
          used[i] = true;
          used[i + 1] = true;
          value = words.get(i + 1);
        } else if (w.startsWith(name + "=")) {
          if (value != null) {
            throw new UsageException(command, name + " given more than once");
          }
          used[i] = true;
          value = w.substring(name.length() + 1);
        }
      }
      return java.util.Optional.ofNullable(value);
    }

    Invocation done(Invocation inv) {
      for (int i = 0; i < words.size(); i++) {
        if (!used[i]) {
          String w = words.get(i);
          throw new UsageException(command, (w.startsWith("-") ? "unknown option " : "unexpected argument ") + printable(w));
        }
      }
      return inv;
    }

    private static boolean takesValue(String option) {
      return switch (option) {
        case "--limit", "--next", "--reason", "--from", "--to", "--by", "--window", "--event-bus" -> true;
        default -> false;
      };
    }
  }
}
