package dev.sesops.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local HTTPS server on 127.0.0.1 (a free port) with a certificate for the given host names,
 * signed by a test CA generated with the JDK's keytool for this run. {@link #clientContext()}
 * trusts only that CA: inject it into the client under test; nothing is trusted globally. Answers
 * are set per {@code host + path} with {@link #answer}; anything else is 404.
 */
public final class TestHttps implements AutoCloseable {
  private static final String PASS = "changeit";

  /** One canned answer. {@code delayMillis} holds the answer back (for timeouts). */
  public record Answer(int status, Map<String, String> headers, byte[] body, long delayMillis) {
    public static Answer text(String contentType, String body) {
      return new Answer(
          200, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static Answer redirect(String location) {
      return new Answer(301, Map.of("Location", location), new byte[0], 0);
    }

    public static Answer slow(long delayMillis) {
      return new Answer(
          200,
          Map.of("Content-Type", "text/plain"),
          "late".getBytes(StandardCharsets.UTF_8),
          delayMillis);
    }
  }

  private final HttpsServer server;
  private final SSLContext clientContext;
  private final Path dir;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  private TestHttps(HttpsServer server, SSLContext clientContext, Path dir) {
    this.server = server;
    this.clientContext = clientContext;
    this.dir = dir;
  }

  /** Generates the CA and a server certificate for {@code hosts}, and starts the server. */
  public static TestHttps start(String... hosts) {
    try {
      Path dir = Files.createTempDirectory("ses-ops-https");
      String san = String.join(",", java.util.Arrays.stream(hosts).map(h -> "dns:" + h).toList());
      keytool(
          dir,
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=ses-ops test CA",
          "-ext",
          "bc:c",
          "-validity",
          "2",
          "-keystore",
          "ca.p12",
          "-storetype",
          "PKCS12",
          "-storepass",
          PASS);
      keytool(
          dir,
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=" + hosts[0],
          "-validity",
          "2",
          "-keystore",
          "server.p12",
          "-storetype",
          "PKCS12",
          "-storepass",
          PASS);
      keytool(
          dir,
          "-certreq",
          "-alias",
          "server",
          "-keystore",
          "server.p12",
          "-storepass",
          PASS,
          "-file",
          "server.csr");
      keytool(
          dir,
          "-gencert",
          "-alias",
          "ca",
          "-keystore",
          "ca.p12",
          "-storepass",
          PASS,
          "-infile",
          "server.csr",
          "-outfile",
          "server.crt",
          "-ext",
          "SAN=" + san,
          "-ext",
          "EKU=serverAuth",
          "-validity",
          "2",
          "-rfc");
      keytool(
          dir,
          "-exportcert",
          "-alias",
          "ca",
          "-keystore",
          "ca.p12",
          "-storepass",
          PASS,
          "-rfc",
          "-file",
          "ca.crt");
      keytool(
          dir,
          "-importcert",
          "-alias",
          "ca",
          "-file",
          "ca.crt",
          "-keystore",
          "server.p12",
          "-storepass",
          PASS,
          "-noprompt");
      keytool(
          dir,
          "-importcert",
          "-alias",
          "server",
          "-file",
          "server.crt",
          "-keystore",
          "server.p12",
          "-storepass",
          PASS,
          "-noprompt");

      KeyStore serverStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
        serverStore.load(in, PASS.toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(serverStore, PASS.toCharArray());
      SSLContext serverContext = SSLContext.getInstance("TLS");
      serverContext.init(kmf.getKeyManagers(), null, null);

      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = new FileInputStream(dir.resolve("ca.crt").toFile())) {
        trust.setCertificateEntry(
            "ses-ops-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext clientContext = SSLContext.getInstance("TLS");
      clientContext.init(null, tmf.getTrustManagers(), null);

      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
      server.setExecutor(
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "test-https");
                t.setDaemon(true);
                return t;
              }));
      TestHttps https = new TestHttps(server, clientContext, dir);
      server.createContext("/", https::handle);
      server.start();
      return https;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("test TLS set-up failed", e);
    }
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String host = ex.getRequestHeaders().getFirst("Host");
    host = host == null ? "" : host.replaceFirst(":\\d+$", "");
    String key = host + ex.getRequestURI().getPath();
    requests.add(key);
    Answer a = answers.get(key);
    try (ex) {
      if (a == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (a.delayMillis() > 0) {
        try {
          Thread.sleep(a.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        ex.getResponseBody().write(a.body());
      }
    }
  }

  /** Sets the answer for {@code https://HOST/PATH}. */
  public TestHttps answer(String host, String path, Answer answer) {
    answers.put(host + path, answer);
    return this;
  }

  /** A client TLS context that trusts this run's test CA and nothing else. */
  public SSLContext clientContext() {
    return clientContext;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code host + path} of every request served so far. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
