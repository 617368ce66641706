package dev.sesops.core;

import java.util.Objects;

/**
 * One scope of an account: a configuration set, a tenant, a from-domain, a recipient domain, or the
 * account itself. Keyed as {@code configuration-set:NAME}; the account is keyed {@code account}
 * when unnamed (protection's locks and alerts) and {@code account:NAME} when named (the event
 * counters' rows).
 */
public record Scope(ScopeKind kind, String name) {
  public Scope {
    Objects.requireNonNull(kind, "kind");
  }

  /** The account itself, unnamed. */
  public static Scope account() {
    return new Scope(ScopeKind.ACCOUNT, null);
  }

  /** A configuration set to pause or resume; its name must not be blank. */
  public static Scope configurationSet(String name) {
    return named(ScopeKind.CONFIGURATION_SET, name);
  }

  /** A tenant to pause or resume; its name must not be blank. */
  public static Scope tenant(String name) {
    return named(ScopeKind.TENANT, name);
  }

  private static Scope named(ScopeKind kind, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(kind.id() + " needs a name");
    }
    return new Scope(kind, name);
  }

  /** {@code configuration-set:marketing}, {@code account:NAME}, or {@code account}. */
  public String key() {
    return name == null ? kind.id() : kind.id() + ":" + name;
  }

  /** Parses {@code kind:name}; null when the kind is unknown or the name empty. */
  public static Scope parse(String key) {
    int i = key.indexOf(':');
    if (i <= 0 || i == key.length() - 1) {
      return null;
    }
    ScopeKind k = ScopeKind.of(key.substring(0, i));
    return k == null ? null : new Scope(k, key.substring(i + 1));
  }

  /** The same scope as protection judges it: the account unnamed, any other scope as it is. */
  public Scope unnamedAccount() {
    return kind == ScopeKind.ACCOUNT && name != null ? account() : this;
  }

  /** The alert's {@code scope} attribute: none for the account itself. */
  public String alertAttribute() {
    return kind == ScopeKind.ACCOUNT ? null : key();
  }

  /** {@code configuration set marketing}, or {@code the account}. */
  public String describe() {
    return kind == ScopeKind.ACCOUNT ? "the account" : kind.display() + " " + name;
  }

  /** The CLI flag that names it ({@code --configuration-set marketing}, {@code --account}). */
  public String cliFlag() {
    return kind == ScopeKind.ACCOUNT ? "--account" : "--" + kind.id() + " " + name;
  }
}
