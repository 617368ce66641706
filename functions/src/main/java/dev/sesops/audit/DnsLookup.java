package dev.sesops.audit;

/** Asks DNS one question. Implementations tell a timeout apart from a name that does not exist. */
interface DnsLookup {
  /** The record types the audit asks about. */
  enum Type { CNAME, TXT, MX, A, AAAA, DS }

  DnsAnswer lookup(String name, Type type);
}
