package dev.sesops.aws;

import dev.sesops.common.Lazy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The SDK's URL-connection client, with its TLS half built at the first HTTPS request. The SDK's
 * client sets up an {@code SSLContext} (the JSSE provider, its cipher suites, key managers) when it
 * is built, 40-70 ms of every cold start, even when every endpoint is plain HTTP (the emulator, a
 * local run). Requests over HTTPS go to that client, built on first use and unchanged (certificate
 * and host-name checks are the SDK's and the JDK's); requests over HTTP go to the same SDK client
 * class over connections opened here with the same timeouts, and never touch TLS.
 */
final class TlsOnDemandHttpClient implements SdkHttpClient {
  private final SdkHttpClient plain;
  private final Lazy<SdkHttpClient> tls;

  TlsOnDemandHttpClient(
      Duration connectTimeout, Duration socketTimeout, Supplier<SdkHttpClient> tls) {
    int connect = Math.toIntExact(connectTimeout.toMillis());
    int read = Math.toIntExact(socketTimeout.toMillis());
    this.plain = UrlConnectionHttpClient.create(uri -> open(uri, connect, read));
    this.tls = Lazy.of(tls);
  }

  /** The production client: HTTPS with the JDK's default trust, deferred to the first handshake. */
  static TlsOnDemandHttpClient standard(Duration connectTimeout, Duration socketTimeout) {
    return new TlsOnDemandHttpClient(
        connectTimeout,
        socketTimeout,
        () ->
            UrlConnectionHttpClient.builder()
                .tlsTrustManagersProvider(DeferredTrust.provider())
                .connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout)
                .build());
  }

  private static HttpURLConnection open(URI uri, int connectMillis, int readMillis) {
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(
          "the plain-HTTP client was asked for " + uri.getScheme() + "://" + uri.getHost());
    }
    try {
      URLConnection c = uri.toURL().openConnection();
      c.setConnectTimeout(connectMillis);
      c.setReadTimeout(readMillis);
      return (HttpURLConnection) c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an HTTPS request has built the TLS client yet (tests). */
  boolean tlsBuilt() {
    return tls.built();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    if ("http".equalsIgnoreCase(request.httpRequest().protocol())) {
      return plain.prepareRequest(request);
    }
    return tls.get().prepareRequest(request);
  }

  @Override
  public String clientName() {
    return plain.clientName();
  }

  @Override
  public void close() {
    plain.close();
    if (tls.built()) {
      tls.get().close();
    }
  }
}
