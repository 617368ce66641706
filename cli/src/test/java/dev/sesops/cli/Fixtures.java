package dev.sesops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The functions module's config fixtures (from its test jar), as files a process can be pointed at.
 */
final class Fixtures {
  private static final List<String> CONFIGS =
      List.of(
          "helper-template.json",
          "wrong-type.json",
          "broken.json",
          "no-accounts.json",
          "valid.json");
  private static Path dir;

  private Fixtures() {}

  static synchronized Path configFixtures() {
    if (dir == null) {
      try {
        Path d = Path.of("target", "config-fixtures");
        Files.createDirectories(d);
        for (String name : CONFIGS) {
          try (InputStream in = Fixtures.class.getResourceAsStream("/config-fixtures/" + name)) {
            if (in == null) {
              throw new IllegalStateException(
                  "config fixture " + name + " is not on the test classpath (functions test jar)");
            }
            Files.write(d.resolve(name), in.readAllBytes());
          }
        }
        dir = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
