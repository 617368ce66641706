package dev.sesops.core;

import java.util.Locale;

/**
 * What a scope is: the whole account, or one configuration set, tenant, sending (from) domain or
 * recipient domain. Counters count by every kind; only configuration sets, tenants and the account
 * can be paused, domains are reported, never paused.
 */
public enum ScopeKind {
  CONFIGURATION_SET("configuration-set", "configuration set", true),
  TENANT("tenant", "tenant", true),
  FROM_DOMAIN("from-domain", "from-domain", false),
  RECIPIENT_DOMAIN("recipient-domain", "recipient domain", false),
  ACCOUNT("account", "account", true);

  private final String id;
  private final String display;
  private final boolean pausable;

  ScopeKind(String id, String display, boolean pausable) {
    this.id = id;
    this.display = display;
    this.pausable = pausable;
  }

  /** The name in scope keys, alerts, the state tables and the API ({@code configuration-set}). */
  public String id() {
    return id;
  }

  /** How people read it ({@code configuration set}). */
  public String display() {
    return display;
  }

  public boolean pausable() {
    return pausable;
  }

  /** The config key of its levels ({@code configuration_set}). */
  public String configKey() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** By id, any case ({@code configuration-set}); null when unknown. */
  public static ScopeKind of(String id) {
    if (id == null) {
      return null;
    }
    String l = id.toLowerCase(Locale.ROOT);
    for (ScopeKind k : values()) {
      if (k.id.equals(l)) {
        return k;
      }
    }
    return null;
  }

  /** By exact id; throws for an unknown one. */
  public static ScopeKind fromId(String id) {
    for (ScopeKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown scope type " + id);
  }
}
