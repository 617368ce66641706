package dev.sesops.audit;

import java.util.List;

/**
 * The answer to one DNS question. Records are in presentation form: a CNAME target or MX exchange
 * without the trailing dot and lower-cased, an MX as {@code PRIORITY HOST}, a TXT as its strings
 * joined.
 */
public record DnsAnswer(Status status, List<String> records, String detail) {

  /**
   * FOUND: records of the type exist. NO_DATA: the name exists without them. NX_DOMAIN: no such
   * name.
   */
  public enum Status {
    FOUND,
    NO_DATA,
    NX_DOMAIN,
    TIMEOUT,
    ERROR
  }

  public static DnsAnswer found(List<String> records) {
    return new DnsAnswer(Status.FOUND, List.copyOf(records), null);
  }

  public static DnsAnswer empty(Status status) {
    return new DnsAnswer(status, List.of(), null);
  }

  public static DnsAnswer failed(Status status, String detail) {
    return new DnsAnswer(status, List.of(), detail);
  }

  /**
   * The check could not run: no answer in time, or a server failure. Never a pass, never "missing".
   */
  public boolean failed() {
    return status == Status.TIMEOUT || status == Status.ERROR;
  }
}
