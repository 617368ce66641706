package dev.sesops.events;

/** One scope: a kind and a name, keyed as {@code configuration-set:NAME}. */
public record Scope(ScopeKind kind, String name) {
  public String key() {
    return kind.label() + ":" + name;
  }

  /** Parses {@code kind:name}; null when the kind is unknown or the name empty. */
  static Scope parse(String key) {
    int i = key.indexOf(':');
    if (i <= 0 || i == key.length() - 1) {
      return null;
    }
    ScopeKind k = ScopeKind.of(key.substring(0, i));
    return k == null ? null : new Scope(k, key.substring(i + 1));
  }

  /** The alert's {@code scope} attribute: none for the account itself. */
  String alertAttribute() {
    return kind == ScopeKind.ACCOUNT ? null : key();
  }
}
