package dev.sesops.protection;

import java.util.Locale;

/**
 * The kinds of scope a rate can be about, with the name alerts use ({@code
 * configuration-set:NAME}). Only configuration sets, tenants and the account can be paused; domains
 * are reported, never paused.
 */
public enum ScopeType {
  CONFIGURATION_SET("configuration-set", "configuration set", true),
  TENANT("tenant", "tenant", true),
  FROM_DOMAIN("from-domain", "from-domain", false),
  RECIPIENT_DOMAIN("recipient-domain", "recipient domain", false),
  ACCOUNT("account", "account", true);

  private final String id;
  private final String label;
  private final boolean pausable;

  ScopeType(String id, String label, boolean pausable) {
    this.id = id;
    this.label = label;
    this.pausable = pausable;
  }

  /** The name in alerts, the state table and the API ({@code configuration-set}). */
  public String id() {
    return id;
  }

  /** How people read it ({@code configuration set}). */
  public String label() {
    return label;
  }

  public boolean pausable() {
    return pausable;
  }

  /** The config key of its levels ({@code configuration_set}). */
  String configKey() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ScopeType fromId(String id) {
    for (ScopeType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown scope type " + id);
  }
}
