package dev.sesops.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (publicsuffix.org), ICANN and private sections, as shipped in
 * crawler-commons' {@code effective_tld_names.dat} (a maintained Maven Central artifact: upgrading
 * it updates the list), copied without its comments into our classes by the build. The matching is
 * the list's own algorithm: the longest matching rule wins, an exception rule ({@code !}) beats a
 * wildcard ({@code *.}), and an unlisted TLD is a public suffix ("*"). Only the data file goes into
 * the jar; crawler-commons' own finder needs commons-io (0.56 MB), which the jar budget cannot
 * spare.
 */
final class PublicSuffixList {
  /**
   * Written by the build (src/build/PslStrip.java) from crawler-commons' list, without comments.
   */
  static final String RESOURCE = "/dev/sesops/audit/public_suffix_list.dat";

  /** crawler-commons' own file, for runs from an IDE that skipped the build step. */
  static final String FALLBACK = "/effective_tld_names.dat";

  private static final PublicSuffixList DEFAULT = load();

  private final Set<String> rules;
  private final Set<String> wildcards;
  private final Set<String> exceptions;

  private PublicSuffixList(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
    this.rules = rules;
    this.wildcards = wildcards;
    this.exceptions = exceptions;
  }

  static PublicSuffixList get() {
    return DEFAULT;
  }

  static PublicSuffixList parse(InputStream in) throws IOException {
    Set<String> rules = new HashSet<>();
    Set<String> wildcards = new HashSet<>();
    Set<String> exceptions = new HashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("//")) {
          continue;
        }
        line = line.split("\\s", 2)[0];
        if (line.startsWith("!")) {
          exceptions.add(ascii(line.substring(1)));
        } else if (line.startsWith("*.")) {
          wildcards.add(ascii(line.substring(2)));
        } else {
          rules.add(ascii(line));
        }
      }
    }
    return new PublicSuffixList(rules, wildcards, exceptions);
  }

  private static PublicSuffixList load() {
    InputStream found = PublicSuffixList.class.getResourceAsStream(RESOURCE);
    if (found == null) {
      found = PublicSuffixList.class.getResourceAsStream(FALLBACK);
    }
    try (InputStream in = found) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is not on the classpath (the build's PslStrip step did not run)");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the Public Suffix List could not be read", e);
    }
  }

  private static String ascii(String s) {
    try {
      return IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return s.toLowerCase(Locale.ROOT);
    }
  }

  /** The public suffix of an ASCII domain ({@code co.uk} for {@code www.example.co.uk}). */
  String publicSuffix(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    String[] labels = d.split("\\.");
    // walk from the longest candidate to the shortest; the first match is the longest rule
    for (int i = 0; i < labels.length; i++) {
      String candidate = join(labels, i);
      if (exceptions.contains(candidate)) {
        return join(labels, i + 1); // an exception: its parent is the suffix
      }
      if (rules.contains(candidate)) {
        return candidate;
      }
      if (i + 1 < labels.length && wildcards.contains(join(labels, i + 1))) {
        return candidate; // *.parent matches this label under parent
      }
    }
    return labels[labels.length - 1]; // the default rule "*"
  }

  /**
   * The organisational domain (RFC 7489 section 3.2): the public suffix plus one label; the domain
   * itself when it is a public suffix or just one label more.
   */
  String organizationalDomain(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    String suffix = publicSuffix(d);
    if (d.equals(suffix)) {
      return d;
    }
    String rest = d.substring(0, d.length() - suffix.length() - 1);
    int dot = rest.lastIndexOf('.');
    return (dot < 0 ? rest : rest.substring(dot + 1)) + "." + suffix;
  }

  private static String join(String[] labels, int from) {
    return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
  }
}
