package dev.sesops.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thing the audit found. {@code id} names the check ({@code dns.dkim_cname_missing}); the
 * resource is what it is about (a domain, a DNS name, a masked address, a configuration set).
 * Addresses are always masked; evidence holds the observed values that led to the finding.
 */
public record Finding(
    String id,
    Severity severity,
    String account,
    String resource,
    String message,
    String remediation,
    Map<String, String> evidence) {

  public Finding {
    evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(evidence));
  }

  /** What makes two findings "the same" across runs. */
  @JsonIgnore
  public String key() {
    return key(id, resource);
  }

  static String key(String id, String resource) {
    return id + "|" + resource;
  }
}
