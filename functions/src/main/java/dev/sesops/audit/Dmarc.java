package dev.sesops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DMARC record ({@code _dmarc.DOMAIN} TXT, RFC 7489 section 6.3), parsed leniently: the tags are
 * kept, and every syntax problem is listed so the audit can report it instead of failing.
 *
 * @param policy p: none, quarantine or reject (null when missing or invalid)
 * @param adkim r or s (default r)
 * @param aspf r or s (default r)
 * @param problems syntax errors found, empty for a clean record
 */
record Dmarc(
    String policy, String adkim, String aspf, Map<String, String> tags, List<String> problems) {

  /** sp: the policy for subdomains (null when absent or invalid: p applies). */
  String subdomainPolicy() {
    String sp = tags.get("sp");
    if (sp == null) {
      return null;
    }
    String v = sp.toLowerCase(Locale.ROOT);
    return POLICIES.contains(v) ? v : null;
  }

  /** pct as a number (null when absent or not a number 0-100). */
  Integer pct() {
    try {
      int v = Integer.parseInt(tags.getOrDefault("pct", "").strip());
      return v >= 0 && v <= 100 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The rua URIs (aggregate reports), size limits ({@code !10m}) cut off. */
  List<String> aggregateReports() {
    return uris("rua");
  }

  /** rua and ruf URIs together. */
  List<String> reportUris() {
    List<String> all = new ArrayList<>(uris("rua"));
    all.addAll(uris("ruf"));
    return all;
  }

  private List<String> uris(String tag) {
    String v = tags.get(tag);
    if (v == null || v.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String u : v.split(",")) {
      String uri = u.strip();
      int bang = uri.indexOf('!');
      out.add(bang >= 0 ? uri.substring(0, bang) : uri);
    }
    return out;
  }

  /** The domain of a {@code mailto:} report URI, lower-cased; null for anything else. */
  static String mailtoDomain(String uri) {
    if (!uri.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
      return null;
    }
    int at = uri.lastIndexOf('@');
    if (at < 0 || at == uri.length() - 1) {
      return null;
    }
    String host = uri.substring(at + 1).toLowerCase(Locale.ROOT);
    return host.matches("[a-z0-9.-]+") && host.contains(".") ? host : null;
  }

  private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");
  private static final Set<String> KNOWN =
      Set.of(
          "v", "p", "sp", "adkim", "aspf", "pct", "rua", "ruf", "fo", "rf", "ri", "np", "psd", "t");

  /**
   * A TXT string is meant as DMARC when it starts with {@code v=DMARC1} (case-insensitive, spaces
   * allowed).
   */
  static boolean looksLikeDmarc(String txt) {
    return txt.strip().replace(" ", "").toUpperCase(Locale.ROOT).startsWith("V=DMARC1");
  }

  static Dmarc parse(String txt) {
    List<String> problems = new ArrayList<>();
    Map<String, String> tags = new LinkedHashMap<>();
    String[] parts = txt.split(";");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        continue; // a trailing ';' is allowed
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        problems.add("tag " + (i + 1) + " is not name=value");
        continue;
      }
      String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).strip();
      if (i == 0 && !name.equals("v")) {
        problems.add("the first tag must be v=DMARC1");
      }
      if (tags.containsKey(name)) {
        problems.add("tag " + name + " appears twice");
        continue;
      }
      if (!KNOWN.contains(name)) {
        problems.add("unknown tag " + clip(name));
      }
      tags.put(name, value);
    }
    if (!"DMARC1".equals(tags.get("v"))) {
      problems.add(tags.containsKey("v") ? "v must be DMARC1" : "v=DMARC1 missing");
    }
    String p = Optional.ofNullable(tags.get("p")).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    if (p == null) {
      problems.add("p (policy) missing");
    } else if (!POLICIES.contains(p)) {
      problems.add("p must be none, quarantine or reject");
      p = null;
    }
    String sp = tags.get("sp");
    if (sp != null && !POLICIES.contains(sp.toLowerCase(Locale.ROOT))) {
      problems.add("sp must be none, quarantine or reject");
    }
    String ri = tags.get("ri");
    if (ri != null && !ri.matches("\\d{1,10}")) {
      problems.add("ri must be a number of seconds");
    }
    String fo = tags.get("fo");
    if (fo != null && !fo.matches("[01ds](:[01ds])*")) {
      problems.add("fo must be 0, 1, d or s, separated by ':'");
    }
    String adkim = alignment(tags, "adkim", problems);
    String aspf = alignment(tags, "aspf", problems);
    String pct = tags.get("pct");
    if (pct != null) {
      try {
        int v = Integer.parseInt(pct);
        if (v < 0 || v > 100) {
          problems.add("pct must be 0-100");
        }
      } catch (NumberFormatException e) {
        problems.add("pct must be a whole number 0-100");
      }
    }
    for (String uriTag : List.of("rua", "ruf")) {
      String v = tags.get(uriTag);
      if (v != null) {
        for (String uri : v.split(",")) {
          String u = uri.strip();
          if (!u.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            problems.add(uriTag + " entries must be mailto: URIs");
            break;
          }
          if (mailtoDomain(u.contains("!") ? u.substring(0, u.indexOf('!')) : u) == null) {
            problems.add(uriTag + " has a mailto: URI without a valid address");
            break;
          }
        }
      }
    }
    return new Dmarc(p, adkim, aspf, Map.copyOf(tags), List.copyOf(problems));
  }

  private static String alignment(Map<String, String> tags, String tag, List<String> problems) {
    String v = tags.get(tag);
    if (v == null) {
      return "r";
    }
    String s = v.toLowerCase(Locale.ROOT);
    if (!s.equals("r") && !s.equals("s")) {
      problems.add(tag + " must be r or s");
      return "r";
    }
    return s;
  }

  private static String clip(String s) {
    String clean = s.replaceAll("[^a-z0-9_-]", "?");
    return clean.length() > 16 ? clean.substring(0, 16) + "..." : clean;
  }
}
