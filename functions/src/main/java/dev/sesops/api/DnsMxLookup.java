package dev.sesops.api;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Lazy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * MX lookups with dnsjava, against SES_OPS_DNS_SERVERS ({@code host[:port],...}) or the system's
 * resolvers.
 */
public final class DnsMxLookup implements MxLookup {
  /**
   * Built on the first lookup (dnsjava reads the system's resolver setup): most API calls never
   * look up MX.
   */
  private final java.util.function.Supplier<Resolver> resolver;

  public DnsMxLookup(String dnsServers) {
    List<InetSocketAddress> servers = new ArrayList<>();
    if (dnsServers != null && !dnsServers.isBlank()) {
      try {
        for (String s : dnsServers.split(",")) {
          String hp = s.trim();
          int colon = hp.lastIndexOf(':');
          String host = colon > 0 ? hp.substring(0, colon) : hp;
          int port = colon > 0 ? Integer.parseInt(hp.substring(colon + 1)) : 53;
          servers.add(new InetSocketAddress(host, port));
        }
      } catch (NumberFormatException e) {
        throw new BadInputException("SES_OPS_DNS_SERVERS", "expected host[:port],...");
      }
    }
    this.resolver = Lazy.of(() -> resolver(servers));
  }

  private static Resolver resolver(List<InetSocketAddress> servers) {
    Resolver r;
    if (servers.isEmpty()) {
      r = new ExtendedResolver();
    } else {
      List<Resolver> rs = new ArrayList<>();
      servers.forEach(a -> rs.add(new SimpleResolver(a)));
      r = new ExtendedResolver(rs);
    }
    r.setTimeout(Duration.ofSeconds(3));
    return r;
  }

  @Override
  public Result mx(String domain) {
    Lookup lookup;
    try {
      lookup = new Lookup(domain.endsWith(".") ? domain : domain + ".", Type.MX);
    } catch (TextParseException e) {
      return new Result("ERROR", List.of());
    }
    lookup.setResolver(resolver.get());
    lookup.setCache(null);
    Record[] records = lookup.run();
    return switch (lookup.getResult()) {
      case Lookup.SUCCESSFUL -> {
        List<MXRecord> mx = new ArrayList<>();
        for (Record r : records) {
          if (r instanceof MXRecord m) {
            mx.add(m);
          }
        }
        mx.sort(Comparator.comparingInt(MXRecord::getPriority));
        List<String> hosts = new ArrayList<>();
        mx.forEach(m -> hosts.add(m.getTarget().toString(true)));
        yield hosts.isEmpty() ? new Result("NONE", List.of()) : new Result("FOUND", hosts);
      }
      case Lookup.TYPE_NOT_FOUND -> new Result("NONE", List.of());
      case Lookup.HOST_NOT_FOUND -> new Result("NXDOMAIN", List.of());
      default -> new Result("ERROR", List.of());
    };
  }
}
