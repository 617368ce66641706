package dev.sesops.audit;

import dev.sesops.common.AddressMask;
import dev.sesops.config.ConfigParser;

/**
 * How identities are named in findings: domains in ASCII form, addresses masked, odd names by
 * reference only.
 */
final class Resources {
  private Resources() {}

  /** The identity as a finding's resource; never a full address. */
  static String identity(String name) {
    if (name.contains("@")) {
      String a = ConfigParser.normalizeAddress(name);
      return a != null ? AddressMask.maskWithRef(a) : invalid(name);
    }
    String d = ConfigParser.asciiDomain(name);
    return d != null ? d : invalid(name);
  }

  /**
   * A name that is neither a domain nor an address: shown by reference, since it may hold anything.
   */
  static String invalid(String name) {
    return "invalid-identity#" + AddressMask.ref(name);
  }

  /** The domain of a valid identity in ASCII form (for an address: its domain), or null. */
  static String domainOf(String identity) {
    if (identity.contains("@")) {
      String a = ConfigParser.normalizeAddress(identity);
      return a == null ? null : a.substring(a.lastIndexOf('@') + 1);
    }
    return ConfigParser.asciiDomain(identity);
  }

  /** A valid identity's comparable form: lower-case ASCII domain, or address with its domain so. */
  static String normalized(String identity) {
    if (identity.contains("@")) {
      String a = ConfigParser.normalizeAddress(identity);
      return a == null ? null : a.toLowerCase(java.util.Locale.ROOT);
    }
    return ConfigParser.asciiDomain(identity);
  }
}
