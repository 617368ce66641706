package dev.sesops.audit;

/**
 * Asks DNS one question. Implementations tell a timeout apart from a name that does not exist
 * (public: the reports function asks too).
 */
public interface DnsLookup {
  /** The record types the audit asks about. */
  enum Type {
    CNAME,
    TXT,
    MX,
    A,
    AAAA,
    DS,
    PTR
  }

  DnsAnswer lookup(String name, Type type);
}
