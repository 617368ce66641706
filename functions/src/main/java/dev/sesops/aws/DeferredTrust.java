package dev.sesops.aws;

import dev.sesops.common.Lazy;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/**
 * The JDK's default trust manager (the {@code javax.net.ssl.trustStore} properties, else cacerts),
 * built at the first TLS handshake instead of when the HTTP client is: reading and parsing the CA
 * store costs 20-50 ms of every cold start, and a run against plain-HTTP endpoints (the emulator)
 * never needs it. Every check is the default manager's, unchanged: this only defers its creation.
 */
final class DeferredTrust extends X509ExtendedTrustManager {
  private final Lazy<X509ExtendedTrustManager> delegate = Lazy.of(DeferredTrust::systemDefault);

  /** For {@code UrlConnectionHttpClient.Builder#tlsTrustManagersProvider}. */
  static TlsTrustManagersProvider provider() {
    return () -> new TrustManager[] {new DeferredTrust()};
  }

  X509ExtendedTrustManager delegate() {
    return delegate.get();
  }

  static X509ExtendedTrustManager systemDefault() {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      for (TrustManager t : f.getTrustManagers()) {
        if (t instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the JDK's default trust store cannot be read: " + e.getClass().getSimpleName(), e);
    }
    throw new IllegalStateException("the JDK has no default X.509 trust manager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate().getAcceptedIssuers();
  }
}
