package dev.sesops.protection;

import java.util.Objects;

/**
 * One scope of an account: a configuration set, a tenant, a domain, or the account itself (name
 * null).
 */
public record Scope(ScopeType type, String name) {
  public Scope {
    Objects.requireNonNull(type, "type");
    if (type == ScopeType.ACCOUNT) {
      name = null;
    } else if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(type.id() + " needs a name");
    }
  }

  public static Scope account() {
    return new Scope(ScopeType.ACCOUNT, null);
  }

  public static Scope configurationSet(String name) {
    return new Scope(ScopeType.CONFIGURATION_SET, name);
  }

  public static Scope tenant(String name) {
    return new Scope(ScopeType.TENANT, name);
  }

  /**
   * {@code configuration-set:marketing}, or {@code account}: the alert's {@code scope} attribute
   * and the state key.
   */
  public String key() {
    return name == null ? type.id() : type.id() + ":" + name;
  }

  /** {@code configuration set marketing}, or {@code the account}. */
  public String describe() {
    return name == null ? "the account" : type.label() + " " + name;
  }

  /** The CLI flag that names it ({@code --configuration-set marketing}, {@code --account}). */
  String cliFlag() {
    return name == null ? "--account" : "--" + type.id() + " " + name;
  }
}
