package dev.sesops.events;

import java.util.Locale;

/**
 * What a counter counts by: the whole account, or one configuration set, tenant, sending or
 * recipient domain.
 */
public enum ScopeKind {
  ACCOUNT("account"),
  CONFIGURATION_SET("configuration-set"),
  TENANT("tenant"),
  FROM_DOMAIN("from-domain"),
  RECIPIENT_DOMAIN("recipient-domain");

  private final String label;

  ScopeKind(String label) {
    this.label = label;
  }

  /** The prefix of scope keys and alert attributes, e.g. {@code configuration-set}. */
  public String label() {
    return label;
  }

  /** By label ({@code configuration-set}); null when unknown. */
  public static ScopeKind of(String label) {
    if (label == null) {
      return null;
    }
    String l = label.toLowerCase(Locale.ROOT);
    for (ScopeKind k : values()) {
      if (k.label.equals(l)) {
        return k;
      }
    }
    return null;
  }
}
