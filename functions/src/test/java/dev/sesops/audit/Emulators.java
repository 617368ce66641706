package dev.sesops.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Test plumbing for the emulator ITs: where moto is, SDK system properties, unique names. */
final class Emulators {
  static final String MOTO = System.getenv().getOrDefault("SES_OPS_MOTO_ENDPOINT", "http://127.0.0.1:5055");

  private Emulators() {}

  /** Fails (never skips) when moto does not answer: the IT needs the real emulator. */
  static void requireMoto() {
    try {
      HttpResponse<Void> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(MOTO + "/moto-api/")).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("moto at " + MOTO + " answered HTTP " + r.statusCode());
      }
    } catch (Exception e) {
      throw new IllegalStateException("moto is not running at " + MOTO
          + " (start it: scripts/emulator.sh start, or see DESIGN.md section 6)", e);
    }
  }

  /** Sets the SDK's own endpoint and credential system properties; returns the previous values to restore. */
  static Map<String, String> sdkProperties(Map<String, String> props) {
    Map<String, String> previous = new java.util.HashMap<>();
    props.forEach((k, v) -> {
      previous.put(k, System.getProperty(k));
      System.setProperty(k, v);
    });
    return previous;
  }

  static void restore(Map<String, String> previous) {
    previous.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
