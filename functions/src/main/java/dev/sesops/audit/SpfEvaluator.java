package dev.sesops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a domain's SPF record the way a receiver would before it knows the sender's address:
 * exactly one {@code v=spf1} record (RFC 7208 section 4.5), its syntax (section 12), every
 * DNS-querying term counted through {@code include} and {@code redirect} against the limit of 10
 * and void lookups against 2 (section 4.6.4), {@code +all} anywhere in the chain and {@code ?all}
 * at the top (section 5.1), {@code ptr} (section 5.5: SHOULD NOT be used). Each problem is a
 * finding with the record and the chain of includes that led to it as evidence.
 *
 * <p>DNS questions per evaluation: one TXT per record in the chain, one per {@code a} (two when the
 * name has no IPv4 address), one per {@code mx}, {@code exists} without macros: never more than
 * {@link #MAX_QUERIES}, since evaluation stops once the lookup limit is passed.
 */
final class SpfEvaluator {
  static final int LOOKUP_LIMIT = 10;
  static final int VOID_LIMIT = 2;

  /**
   * A hard stop for broken chains: the limit of 10 plus the TXT and address questions they need.
   */
  static final int MAX_QUERIES = 30;

  private static final Pattern MECHANISM =
      Pattern.compile("(all|include|a|mx|ptr|ip4|ip6|exists)(?:[:/].*)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern MODIFIER =
      Pattern.compile("([a-z][a-z0-9_.-]*)=(.*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern IP4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern DOMAIN =
      Pattern.compile("[A-Za-z0-9_%{}.+-]+(?:\\.[A-Za-z0-9_%{}+-]+)*\\.?");

  /** What the evaluation saw, for the per-domain table and the readiness matrix. */
  enum Outcome {
    PASS,
    WARN,
    FAIL,
    MISSING,
    UNKNOWN
  }

  /** The result: findings, and the summary the report shows. */
  record Result(
      Outcome outcome, String record, int lookups, int voidLookups, List<Finding> findings) {}

  private final DnsLookup dns;

  SpfEvaluator(DnsLookup dns) {
    this.dns = dns;
  }

  /**
   * @param domain the domain whose SPF is evaluated (ASCII)
   * @param missingLevel how much a missing record matters here (a MAIL FROM domain's own checks
   *     report it already: null = say nothing)
   */
  Result evaluate(String account, String domain, Severity missingLevel) {
    return evaluate(account, domain, missingLevel, null);
  }

  /**
   * As {@link #evaluate(String, String, Severity)}, with the domain's TXT answer already at hand
   * (null: ask).
   */
  Result evaluate(String account, String domain, Severity missingLevel, DnsAnswer txt) {
    Walk w = new Walk(account, domain);
    DnsAnswer ans = txt != null ? txt : w.ask(domain, DnsLookup.Type.TXT);
    if (ans.failed()) {
      w.out.add(DnsChecks.lookupFailed(account, domain, DnsLookup.Type.TXT, ans));
      return new Result(Outcome.UNKNOWN, null, 0, 0, w.out);
    }
    List<String> records = Spf.records(ans.records());
    if (records.isEmpty()) {
      if (missingLevel != null) {
        w.out.add(
            new Finding(
                "dns.spf_missing",
                missingLevel,
                account,
                domain,
                "No SPF record at " + domain,
                "Publish one TXT record \"v=spf1 ... -all\" naming every service that sends as "
                    + domain
                    + " (SES with a custom MAIL FROM: include:amazonses.com at the MAIL FROM domain).",
                Map.of("answer", ans.status().name())));
      }
      return new Result(Outcome.MISSING, null, 0, 0, w.out);
    }
    if (records.size() > 1) {
      w.out.add(
          new Finding(
              "dns.spf_multiple",
              Severity.HIGH,
              account,
              domain,
              domain
                  + " has "
                  + records.size()
                  + " SPF records: receivers treat that as a permanent error",
              "Merge them into exactly one v=spf1 TXT record (RFC 7208 section 4.5).",
              Map.of(
                  "records",
                  String.valueOf(records.size()),
                  "record",
                  DnsChecks.clip(String.join(" | ", records)))));
      return new Result(Outcome.FAIL, records.get(0), 0, 0, w.out);
    }
    String record = records.get(0);
    w.walk(domain, record, List.of(domain), true);
    if (w.lookups > LOOKUP_LIMIT) {
      w.add(
          "dns.spf_too_many_lookups",
          Severity.HIGH,
          "SPF of "
              + domain
              + " needs more than "
              + LOOKUP_LIMIT
              + " DNS lookups: receivers fail it (permerror)",
          "Flatten or drop includes until include, a, mx, ptr, exists and redirect terms count at most 10 through the whole chain (RFC 7208 section 4.6.4).",
          record,
          w.longest,
          Map.of("lookups", w.lookups + (w.stopped ? "+" : "")));
    }
    if (w.voids > VOID_LIMIT) {
      w.add(
          "dns.spf_too_many_void_lookups",
          Severity.HIGH,
          "SPF of "
              + domain
              + " has "
              + w.voids
              + " lookups that find nothing: receivers fail it past "
              + VOID_LIMIT,
          "Remove the terms naming domains that do not exist or have no records (RFC 7208 section 4.6.4).",
          record,
          List.of(domain),
          Map.of(
              "void_lookups",
              String.valueOf(w.voids),
              "void_names",
              String.join(",", w.voidNames)));
    }
    Outcome outcome = Outcome.PASS;
    for (Finding f : w.out) {
      if (f.severity().compareTo(Severity.HIGH) <= 0) {
        outcome = Outcome.FAIL;
      } else if (outcome == Outcome.PASS && f.severity().compareTo(Severity.LOW) <= 0) {
        outcome = Outcome.WARN;
      }
      if (f.id().equals(DnsChecks.LOOKUP_FAILED) && outcome != Outcome.FAIL) {
        outcome = Outcome.UNKNOWN;
      }
    }
    return new Result(outcome, record, Math.min(w.lookups, LOOKUP_LIMIT + 1), w.voids, w.out);
  }

  /** One evaluation's state: counters shared through the chain. */
  private final class Walk {
    final String account;
    final String top;
    final List<Finding> out = new ArrayList<>();
    final List<String> voidNames = new ArrayList<>();
    int lookups;
    int voids;
    int queries;
    boolean stopped;
    List<String> longest;

    Walk(String account, String top) {
      this.account = account;
      this.top = top;
      this.longest = List.of(top);
    }

    DnsAnswer ask(String name, DnsLookup.Type type) {
      queries++;
      return dns.lookup(name, type);
    }

    void add(
        String id,
        Severity s,
        String message,
        String remediation,
        String record,
        List<String> chain,
        Map<String, String> extra) {
      Map<String, String> ev = new LinkedHashMap<>(extra);
      ev.put("record", DnsChecks.clip(record));
      ev.put("chain", String.join(" -> ", chain));
      ev.put(
          "lookups",
          ev.getOrDefault("lookups", String.valueOf(Math.min(lookups, LOOKUP_LIMIT + 1))));
      out.add(new Finding(id, s, account, top, message, remediation, ev));
    }

    /** Walks one record; {@code chain} names the records from the top to this one. */
    void walk(String domain, String record, List<String> chain, boolean isTop) {
      String[] terms = record.strip().split("\\s+");
      String redirect = null;
      boolean hasAll = false;
      for (int i = 1; i < terms.length; i++) { // terms[0] is v=spf1
        String term = terms[i];
        if (stopped) {
          return;
        }
        char q = term.charAt(0);
        String body = "+-~?".indexOf(q) >= 0 ? term.substring(1) : term;
        char qualifier = "+-~?".indexOf(q) >= 0 ? q : '+';
        java.util.regex.Matcher mod = MODIFIER.matcher(body);
        if (mod.matches() && !MECHANISM.matcher(body).matches()) {
          String name = mod.group(1).toLowerCase(Locale.ROOT);
          if (qualifier != '+' || body.length() != term.length()) {
            syntax(record, chain, "a modifier takes no qualifier: " + term);
          } else if (name.equals("redirect")) {
            if (redirect != null) {
              syntax(record, chain, "redirect appears twice");
            }
            redirect = mod.group(2);
          } else if (name.equals("exp") && mod.group(2).isEmpty()) {
            syntax(record, chain, "exp= needs a domain");
          }
          continue; // exp= and unknown modifiers are not evaluated (section 6)
        }
        String[] parts = body.split("[:/]", 2);
        String mech = parts[0].toLowerCase(Locale.ROOT);
        String arg = body.length() > mech.length() ? body.substring(mech.length()) : "";
        String target = arg.startsWith(":") ? arg.substring(1).split("/", 2)[0] : null;
        switch (mech) {
          case "all" -> {
            hasAll = true;
            if (!arg.isEmpty()) {
              syntax(record, chain, "all takes no argument: " + term);
            } else if (qualifier == '+') {
              add(
                  "dns.spf_plus_all",
                  Severity.HIGH,
                  (isTop ? "SPF of " + top : "An SPF record included by " + top)
                      + " ends in +all: it authorises every server on the Internet",
                  "End the record with -all (or ~all while testing); +all (and a bare 'all') lets anyone send as the domain (RFC 7208 section 5.1).",
                  record,
                  chain,
                  Map.of("term", term));
            } else if (qualifier == '?' && isTop) {
              add(
                  "dns.spf_neutral_all",
                  Severity.MEDIUM,
                  "SPF of " + top + " ends in ?all: mail from any server is neutral, not failed",
                  "End the record with ~all or -all once every sending service is listed.",
                  record,
                  chain,
                  Map.of("term", term));
            }
          }
          case "ip4" -> {
            if (target == null || !ip4(arg.substring(1))) {
              syntax(record, chain, "ip4 needs an IPv4 address or network: " + term);
            }
          }
          case "ip6" -> {
            if (target == null || !ip6(arg.substring(1))) {
              syntax(record, chain, "ip6 needs an IPv6 address or network: " + term);
            }
          }
          case "include" -> {
            if (target == null || target.isEmpty()) {
              syntax(record, chain, "include needs a domain: " + term);
            } else if (count(record, chain)) {
              include(domain, target, chain, "include:");
            }
          }
          case "a", "mx", "exists", "ptr" -> {
            if (mech.equals("exists") && (target == null || target.isEmpty())) {
              syntax(record, chain, "exists needs a domain: " + term);
              break;
            }
            if (!arg.isEmpty() && !arg.startsWith(":") && !arg.startsWith("/")) {
              syntax(record, chain, "unknown mechanism: " + term);
              break;
            }
            if (target != null && !DOMAIN.matcher(target).matches()) {
              syntax(record, chain, "not a domain: " + term);
              break;
            }
            if (!cidr(arg)) {
              syntax(record, chain, "bad prefix length: " + term);
              break;
            }
            if (!count(record, chain)) {
              break;
            }
            if (mech.equals("ptr")) {
              add(
                  "dns.spf_ptr",
                  Severity.MEDIUM,
                  "SPF of " + top + " uses ptr: slow, unreliable, and some receivers skip it",
                  "Replace ptr with ip4/ip6 or a mechanisms (RFC 7208 section 5.5: ptr SHOULD NOT be used).",
                  record,
                  chain,
                  Map.of("term", term));
            } else {
              address(mech, target == null ? domain : target);
            }
          }
          default -> syntax(record, chain, "unknown term: " + term);
        }
      }
      if (redirect != null && !hasAll && !stopped) {
        if (redirect.isEmpty()) {
          syntax(record, chain, "redirect= needs a domain");
        } else if (count(record, chain)) {
          include(domain, redirect, chain, "redirect=");
        }
      }
    }

    /**
     * Counts one DNS-querying term; false once past the limit (evaluation stops: the result is a
     * permerror already).
     */
    boolean count(String record, List<String> chain) {
      lookups++;
      if (lookups > LOOKUP_LIMIT || queries >= MAX_QUERIES) {
        if (!stopped) {
          longest = chain; // the chain where the limit was passed
        }
        stopped = true;
        return false;
      }
      return true;
    }

    void include(String from, String target, List<String> chain, String how) {
      List<String> next = new ArrayList<>(chain);
      next.add(how + target);
      if (target.contains("%")) {
        return; // a macro: it depends on the sender, so it cannot be followed here (counted all the
        // same)
      }
      DnsAnswer ans = ask(target, DnsLookup.Type.TXT);
      if (ans.failed()) {
        // against the domain being evaluated: its SPF result is unknown now
        out.add(DnsChecks.lookupFailed(account, top, target, DnsLookup.Type.TXT, ans));
        return;
      }
      List<String> recs = Spf.records(ans.records());
      if (recs.isEmpty()) {
        voided(target);
        add(
            how.startsWith("include") ? "dns.spf_include_missing" : "dns.spf_redirect_missing",
            Severity.HIGH,
            "SPF of "
                + top
                + " "
                + (how.startsWith("include") ? "includes " : "redirects to ")
                + target
                + ", which has no SPF record (permerror)",
            "Fix or remove the " + how + target + " term.",
            "(none at " + target + ")",
            next,
            Map.of("answer", ans.status().name()));
        return;
      }
      if (recs.size() > 1) {
        add(
            "dns.spf_multiple",
            Severity.HIGH,
            target
                + ", reached from the SPF of "
                + top
                + ", has "
                + recs.size()
                + " SPF records (permerror)",
            "Ask the owner of " + target + " to keep one record, or stop including it.",
            String.join(" | ", recs),
            next,
            Map.of());
        return;
      }
      walk(target, recs.get(0), next, false);
    }

    void address(String mech, String name) {
      if (name.contains("%")) {
        return;
      }
      DnsLookup.Type type = mech.equals("mx") ? DnsLookup.Type.MX : DnsLookup.Type.A;
      DnsAnswer ans = ask(name, type);
      if (ans.failed()) {
        out.add(DnsChecks.lookupFailed(account, top, name, type, ans));
        return;
      }
      if (ans.status() != DnsAnswer.Status.FOUND && mech.equals("a") && queries < MAX_QUERIES) {
        DnsAnswer v6 = ask(name, DnsLookup.Type.AAAA);
        if (v6.status() == DnsAnswer.Status.FOUND) {
          return;
        }
      }
      if (ans.status() != DnsAnswer.Status.FOUND) {
        voided(name);
      } else if (mech.equals("mx") && ans.records().size() > LOOKUP_LIMIT) {
        add(
            "dns.spf_too_many_lookups",
            Severity.HIGH,
            "The mx term for "
                + name
                + " in the SPF of "
                + top
                + " has "
                + ans.records().size()
                + " MX hosts, over the limit of 10",
            "Use ip4/ip6 terms instead of mx for a domain with this many MX hosts (RFC 7208 section 4.6.4).",
            "mx:" + name,
            List.of(top, "mx:" + name),
            Map.of("mx_hosts", String.valueOf(ans.records().size())));
      }
    }

    void voided(String name) {
      voids++;
      voidNames.add(name);
    }

    void syntax(String record, List<String> chain, String problem) {
      add(
          "dns.spf_syntax",
          Severity.HIGH,
          "The SPF record "
              + (chain.size() == 1 ? "of " + top : "reached through " + String.join(" -> ", chain))
              + " has a syntax error",
          "Fix the record (RFC 7208 section 12): " + clip(problem),
          record,
          chain,
          Map.of("problem", clip(problem)));
    }
  }

  private static boolean ip4(String s) {
    String[] p = s.split("/", 2);
    java.util.regex.Matcher m = IP4.matcher(p[0]);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return p.length == 1 || prefix(p[1], 32);
  }

  private static boolean ip6(String s) {
    String[] p = s.split("/", 2);
    if (!p[0].contains(":") || !p[0].matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      java.net.InetAddress.getByName(p[0]); // a literal: parsed locally, never resolved
    } catch (java.net.UnknownHostException e) {
      return false;
    }
    return p.length == 1 || prefix(p[1], 128);
  }

  /** {@code /N} for IPv4 and {@code //N} for IPv6, after an optional domain. */
  private static boolean cidr(String arg) {
    int slash = arg.indexOf('/');
    if (slash < 0) {
      return true;
    }
    String c = arg.substring(slash + 1);
    String[] dual = c.split("/", -1);
    if (dual.length == 1) {
      return prefix(dual[0], 32);
    }
    return dual.length == 2 && (dual[0].isEmpty() || prefix(dual[0], 32)) && prefix(dual[1], 128);
  }

  private static boolean prefix(String s, int max) {
    if (!s.matches("\\d{1,3}")) {
      return false;
    }
    int v = Integer.parseInt(s);
    return v <= max;
  }

  private static String clip(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
  }
}
