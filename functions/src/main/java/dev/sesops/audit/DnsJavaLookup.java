package dev.sesops.audit;

import dev.sesops.common.BadInputException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * dnsjava adapter: one query message per question straight to the resolvers (no cache, so every run
 * sees the DNS as it is now), 2 s per try and one retry per resolver. The resolvers come from
 * SES_OPS_DNS_SERVERS ({@code host[:port],...}), else the system's.
 */
public final class DnsJavaLookup implements DnsLookup {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final Resolver resolver;

  DnsJavaLookup(Resolver resolver) {
    this.resolver = resolver;
  }

  /** Resolvers from a {@code host[:port],...} list; null or blank means the system's resolvers. */
  public static DnsJavaLookup fromServers(String servers) {
    try {
      ExtendedResolver r;
      if (servers == null || servers.isBlank()) {
        r = new ExtendedResolver();
      } else {
        List<Resolver> list = new ArrayList<>();
        for (String s : servers.split(",")) {
          list.add(simple(s.trim()));
        }
        r = new ExtendedResolver(list);
      }
      r.setTimeout(TIMEOUT);
      r.setRetries(1);
      r.setLoadBalance(false);
      return new DnsJavaLookup(r);
    } catch (UnknownHostException e) {
      throw new BadInputException("SES_OPS_DNS_SERVERS", "a resolver host does not resolve");
    }
  }

  private static SimpleResolver simple(String hostPort) throws UnknownHostException {
    String host = hostPort;
    int port = 53;
    int colon = hostPort.lastIndexOf(':');
    // host:port, but a bare IPv6 address has colons too: [::1]:5353 or ::1
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      host = hostPort.substring(1, end);
      if (end + 1 < hostPort.length() && hostPort.charAt(end + 1) == ':') {
        port = port(hostPort.substring(end + 2));
      }
    } else if (colon > 0 && hostPort.indexOf(':') == colon) {
      host = hostPort.substring(0, colon);
      port = port(hostPort.substring(colon + 1));
    }
    if (host.isEmpty()) {
      throw new BadInputException(
          "SES_OPS_DNS_SERVERS", "empty resolver entry (expected host[:port],...)");
    }
    SimpleResolver r = new SimpleResolver(host);
    r.setPort(port);
    r.setTimeout(TIMEOUT);
    return r;
  }

  private static int port(String s) {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new BadInputException("SES_OPS_DNS_SERVERS", "port must be 1-65535");
    }
  }

  @Override
  public DnsAnswer lookup(String name, Type type) {
    int rrType =
        switch (type) {
          case CNAME -> org.xbill.DNS.Type.CNAME;
          case TXT -> org.xbill.DNS.Type.TXT;
          case MX -> org.xbill.DNS.Type.MX;
          case A -> org.xbill.DNS.Type.A;
          case AAAA -> org.xbill.DNS.Type.AAAA;
          case DS -> org.xbill.DNS.Type.DS;
          case PTR -> org.xbill.DNS.Type.PTR;
        };
    Message response;
    try {
      Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
      response = resolver.send(Message.newQuery(Record.newRecord(qname, rrType, DClass.IN)));
    } catch (TextParseException e) {
      return DnsAnswer.failed(DnsAnswer.Status.ERROR, "not a valid DNS name");
    } catch (SocketTimeoutException e) {
      return DnsAnswer.failed(
          DnsAnswer.Status.TIMEOUT, "no answer within " + TIMEOUT.toSeconds() + " s (1 retry)");
    } catch (IOException e) {
      // dnsjava reports an exhausted wait as a plain IOException on some paths
      boolean timeout =
          e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
      return DnsAnswer.failed(
          timeout ? DnsAnswer.Status.TIMEOUT : DnsAnswer.Status.ERROR,
          timeout
              ? "no answer within " + TIMEOUT.toSeconds() + " s (1 retry)"
              : "resolver error: " + e.getClass().getSimpleName());
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return DnsAnswer.empty(DnsAnswer.Status.NX_DOMAIN);
    }
    if (rcode != Rcode.NOERROR) {
      return DnsAnswer.failed(DnsAnswer.Status.ERROR, "resolver answered " + Rcode.string(rcode));
    }
    List<String> out = new ArrayList<>();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r.getType() != rrType) {
        continue; // e.g. the CNAME a TXT question went through
      }
      if (r instanceof CNAMERecord c) {
        out.add(host(c.getTarget()));
      } else if (r instanceof MXRecord m) {
        out.add(m.getPriority() + " " + host(m.getTarget()));
      } else if (r instanceof TXTRecord t) {
        out.add(String.join("", t.getStrings()));
      } else if (r instanceof ARecord ar) {
        out.add(ar.getAddress().getHostAddress());
      } else if (r instanceof AAAARecord ar) {
        out.add(ar.getAddress().getHostAddress());
      } else if (r instanceof PTRRecord ptr) {
        out.add(host(ptr.getTarget()));
      } else {
        out.add(r.rdataToString());
      }
    }
    return out.isEmpty() ? DnsAnswer.empty(DnsAnswer.Status.NO_DATA) : DnsAnswer.found(out);
  }

  private static String host(Name n) {
    String s = n.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }
}
