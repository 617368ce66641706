package dev.sesops.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTPS GET for the MTA-STS policy and the BIMI logo: the host is resolved through the
 * audit's own {@link DnsLookup} (so SES_OPS_DNS_SERVERS applies, and tests point names at
 * loopback), the certificate is checked against the injected {@link SSLContext} with host name
 * verification, the whole exchange is bounded in time and size, and a redirect is followed only to
 * HTTPS on the same domain (or a subdomain), at most {@code maxRedirects} times. One HTTP/1.1
 * request per URL, {@code Connection: close}.
 */
final class HttpsFetcher {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The outcome of one fetch: a status and body, or an error saying why there is none. */
  record Response(int status, String contentType, byte[] body, String error) {
    boolean ok() {
      return error == null && status == 200;
    }

    String text() {
      return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    static Response failed(String why) {
      return new Response(0, null, null, why);
    }
  }

  private final SSLContext tls;
  private final DnsLookup dns;
  private final int port;
  private final Duration timeout;
  private final boolean publicOnly;

  private HttpsFetcher(
      SSLContext tls, DnsLookup dns, int port, Duration timeout, boolean publicOnly) {
    this.tls = tls;
    this.dns = dns;
    this.port = port;
    this.timeout = timeout;
    this.publicOnly = publicOnly;
  }

  /**
   * The production fetcher: the JVM's trusted CAs, port 443 only, and only public addresses: a name
   * (a BIMI {@code l=}, an MTA-STS host) that resolves to loopback, a private, link-local (the
   * instance metadata service), shared or unique-local address is not connected to.
   */
  static HttpsFetcher standard(DnsLookup dns) {
    try {
      return new HttpsFetcher(SSLContext.getDefault(), dns, 443, TIMEOUT, true);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /** Test-only seam: a local HTTPS test server on {@code port}, loopback allowed. */
  static HttpsFetcher forLocalTestServer(
      SSLContext tls, DnsLookup dns, int port, Duration timeout) {
    return new HttpsFetcher(tls, dns, port, timeout, false);
  }

  /**
   * Whether {@code a} is a public unicast address (the only kind the audit's fetches connect to).
   */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // this network
          && !(first == 100 && second >= 64 && second < 128) // shared address space (carrier NAT)
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved, broadcast
    }
    // IPv6: unique local fc00::/7 (the instance metadata service's fd00:ec2::254 too), and
    // IPv4-mapped private ones
    if ((b[0] & 0xfe) == 0xfc) {
      return false;
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      try {
        return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * GETs {@code url}.
   *
   * @param domain redirects are followed only to hosts at or under it
   * @param maxBytes a body larger than this is an error
   * @param maxRedirects 0 for MTA-STS (RFC 8461 section 3.3: redirects MUST NOT be followed)
   */
  Response get(String url, String domain, int maxBytes, int maxRedirects) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String current = url;
    for (int hop = 0; ; hop++) {
      URI uri;
      try {
        uri = URI.create(current);
      } catch (IllegalArgumentException e) {
        return Response.failed("not a URL");
      }
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        return Response.failed("not an https URL");
      }
      Response r = once(uri, maxBytes, deadline);
      if (r.error() != null || r.status() < 300 || r.status() > 399) {
        return r;
      }
      String location = r.contentType(); // once() puts the Location header there for 3xx
      if (hop >= maxRedirects) {
        return Response.failed(
            "HTTP "
                + r.status()
                + " redirect not followed"
                + (maxRedirects == 0 ? " (not allowed here)" : " (too many)"));
      }
      URI next;
      try {
        next = location == null ? null : uri.resolve(location);
      } catch (IllegalArgumentException e) {
        next = null;
      }
      if (next == null || next.getHost() == null) {
        return Response.failed("HTTP " + r.status() + " without a usable Location");
      }
      String host = next.getHost().toLowerCase(Locale.ROOT);
      if (!"https".equalsIgnoreCase(next.getScheme())
          || !(host.equals(domain) || host.endsWith("." + domain))) {
        return Response.failed("redirect off " + domain + " not followed");
      }
      current = next.toString();
    }
  }

  private Response once(URI uri, int maxBytes, long deadline) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    DnsAnswer a = dns.lookup(host, DnsLookup.Type.A);
    if (a.failed()) {
      return Response.failed("address of " + host + " not found: " + a.status());
    }
    if (a.status() != DnsAnswer.Status.FOUND) {
      return Response.failed(host + " has no address (" + a.status() + ")");
    }
    if (uri.getPort() > 0 && uri.getPort() != 443) {
      return Response.failed("port " + uri.getPort() + " refused: only 443 is fetched");
    }
    int p = port;
    InetAddress address;
    try {
      address = InetAddress.getByName(a.records().get(0));
    } catch (IOException e) {
      return Response.failed("address of " + host + " not usable");
    }
    if (publicOnly && !isPublic(address)) {
      return Response.failed(
          host
              + " resolves to a non-public address ("
              + address.getHostAddress()
              + "): not fetched");
    }
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(address, p), remaining(deadline));
      // the address actually connected to: the check above holds for it, not for a name resolved
      // again
      if (publicOnly && !isPublic(raw.getInetAddress())) {
        return Response.failed(host + " connected to a non-public address: not fetched");
      }
      try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, p, false)) {
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(List.of(new SNIHostName(host)));
        s.setSSLParameters(params);
        s.setSoTimeout(remaining(deadline));
        s.startHandshake();
        String path =
            uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
          path += "?" + uri.getRawQuery();
        }
        OutputStream out = s.getOutputStream();
        out.write(
            ("GET "
                    + path
                    + " HTTP/1.1\r\nHost: "
                    + host
                    + "\r\nUser-Agent: ses-ops-audit\r\n"
                    + "Accept: */*\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read(s, s.getInputStream(), maxBytes, deadline);
      }
    } catch (SocketTimeoutException e) {
      return Response.failed("no answer within " + timeout.toSeconds() + " s");
    } catch (SSLException e) {
      return Response.failed(
          "TLS failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : clip(e.getMessage())));
    } catch (IOException | IllegalArgumentException e) {
      return Response.failed("connection failed: " + e.getClass().getSimpleName());
    }
  }

  private Response read(Socket s, InputStream in, int maxBytes, long deadline) throws IOException {
    String status = line(s, in, deadline);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      return Response.failed("not an HTTP answer");
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return Response.failed("not an HTTP answer");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      String h = line(s, in, deadline);
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
    }
    if (code >= 300 && code <= 399) {
      return new Response(code, headers.get("location"), null, null);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        String size = line(s, in, deadline).split(";", 2)[0].strip();
        int n;
        try {
          n = Integer.parseInt(size, 16);
        } catch (NumberFormatException e) {
          return Response.failed("bad chunked body");
        }
        if (n == 0) {
          break;
        }
        if (body.size() + n > maxBytes) {
          return Response.failed("body over " + maxBytes + " bytes");
        }
        copy(s, in, body, n, deadline);
        line(s, in, deadline);
      }
    } else if (headers.containsKey("content-length")) {
      long n;
      try {
        n = Long.parseLong(headers.get("content-length"));
      } catch (NumberFormatException e) {
        return Response.failed("bad Content-Length");
      }
      if (n > maxBytes) {
        return Response.failed("body over " + maxBytes + " bytes");
      }
      copy(s, in, body, (int) n, deadline);
    } else {
      byte[] buf = new byte[4096];
      int r;
      while ((r = readSome(s, in, buf, buf.length, deadline)) > 0) {
        if (body.size() + r > maxBytes) {
          return Response.failed("body over " + maxBytes + " bytes");
        }
        body.write(buf, 0, r);
      }
    }
    return new Response(code, headers.get("content-type"), body.toByteArray(), null);
  }

  private static void copy(
      Socket s, InputStream in, ByteArrayOutputStream out, int n, long deadline)
      throws IOException {
    byte[] buf = new byte[4096];
    int left = n;
    while (left > 0) {
      int r = readSome(s, in, buf, Math.min(buf.length, left), deadline);
      if (r < 0) {
        throw new IOException("body cut short");
      }
      out.write(buf, 0, r);
      left -= r;
    }
  }

  private static int readSome(Socket s, InputStream in, byte[] buf, int len, long deadline)
      throws IOException {
    s.setSoTimeout(remaining(deadline));
    return in.read(buf, 0, len);
  }

  private static String line(Socket s, InputStream in, long deadline) throws IOException {
    StringBuilder b = new StringBuilder();
    while (b.length() < 8192) {
      s.setSoTimeout(remaining(deadline));
      int c = in.read();
      if (c < 0 || c == '\n') {
        break;
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static int remaining(long deadline) throws SocketTimeoutException {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) {
      throw new SocketTimeoutException("deadline");
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  private static String clip(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
  }
}
