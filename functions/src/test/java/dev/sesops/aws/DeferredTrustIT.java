package dev.sesops.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.ses.SesGateway;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.SesV2Stubs;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-account clients' trust manager is built at the first handshake, and it is the JDK's
 * default one: a server whose certificate the trust store lacks is refused; one the trust store
 * holds is used.
 */
class DeferredTrustIT {
  private static final AccountConfig ACCOUNT =
      ConfigParser.parse(
              """
      {"accounts": {"production": {"region": "us-east-1", "aws_access_key_id": "AKIAPRODUCTION000001",
        "aws_secret_access_key": "production-secret"}}}""")
          .account("production");

  private WireMockServer https;
  private AccountClients clients;
  private String savedStore;
  private String savedType;
  private String savedPassword;

  @TempDir static Path keys;
  private static Path keystore;

  /**
   * A self-signed certificate for the name localhost only (keytool, from the JDK running the
   * tests).
   */
  @org.junit.jupiter.api.BeforeAll
  static void certificate() throws Exception {
    keystore = keys.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
  }

  @BeforeEach
  void setUp() {
    https =
        new WireMockServer(
            options()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword("changeit")
                .keyManagerPassword("changeit"));
    https.start();
    https.stubFor(SesV2Stubs.getAccount("us-east-1", "HEALTHY", true, true));
    Emulator.pointServiceAt("SesV2", URI.create("https://localhost:" + https.httpsPort()));
    savedStore = System.getProperty("javax.net.ssl.trustStore");
    savedType = System.getProperty("javax.net.ssl.trustStoreType");
    savedPassword = System.getProperty("javax.net.ssl.trustStorePassword");
  }

  @AfterEach
  void tearDown() {
    if (clients != null) {
      clients.close();
    }
    https.stop();
    restore("javax.net.ssl.trustStore", savedStore);
    restore("javax.net.ssl.trustStoreType", savedType);
    restore("javax.net.ssl.trustStorePassword", savedPassword);
    Emulator.clearSdkProperties();
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void serverWithACertificateTheTrustStoreLacks_isRefused() {
    clients = new AccountClients("us-east-1", 50);

    assertThatThrownBy(() -> SesGateway.of(clients, ACCOUNT).account())
        .satisfies(
            e ->
                assertThat(causes(e))
                    .anyMatch(
                        c ->
                            c instanceof SSLHandshakeException
                                && String.valueOf(c.getMessage())
                                    .contains("PKIX path building failed")));
    assertThat(https.getAllServeEvents()).isEmpty();
  }

  @Test
  void trustedCertificate_forAnotherName_isRefused() throws Exception {
    trustTheServer();
    Emulator.pointServiceAt("SesV2", URI.create("https://127.0.0.1:" + https.httpsPort()));
    clients = new AccountClients("us-east-1", 50);

    assertThatThrownBy(() -> SesGateway.of(clients, ACCOUNT).account())
        .satisfies(
            e ->
                assertThat(causes(e))
                    .anyMatch(
                        c ->
                            c instanceof SSLHandshakeException
                                && String.valueOf(c.getMessage()).contains("127.0.0.1")));
    assertThat(https.getAllServeEvents()).isEmpty();
  }

  @Test
  void serverWhoseCertificateTheTrustStoreHolds_isCalled() throws Exception {
    trustTheServer();
    clients = new AccountClients("us-east-1", 50);

    assertThat(SesGateway.of(clients, ACCOUNT).account().enforcementStatus()).isEqualTo("HEALTHY");
  }

  /**
   * A trust store holding only the server's certificate, named by the JDK's trust store properties.
   */
  private static void trustTheServer() throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(keystore)) {
      server.load(in, "changeit".toCharArray());
    }
    Path store = keys.resolve("trust-" + System.nanoTime() + ".p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("server", server.getCertificate("server"));
    try (OutputStream out = Files.newOutputStream(store)) {
      ks.store(out, "changeit".toCharArray());
    }
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
  }

  private static java.util.List<Throwable> causes(Throwable e) {
    java.util.List<Throwable> out = new java.util.ArrayList<>();
    for (Throwable c = e; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }
}
