package dev.sesops.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Lambda jar holds what Lambda runs and the local entry points, not the CLI (its own jar since
 * issue 16).
 */
class LambdaJarContentsIT {
  @Test
  void lambdaJar_hasNoCliPicocliJmesPathOrYaml_butKeepsTheLocalEntryPoints() throws Exception {
    Path jar = Path.of("target", "functions.jar");
    assertThat(jar).as("mvn verify builds the jar before the ITs").exists();
    try (JarFile f = new JarFile(jar.toFile())) {
      List<String> names = f.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .noneMatch(
              n ->
                  n.startsWith("dev/sesops/cli/")
                      || n.startsWith("picocli/")
                      || n.startsWith("io/burt/")
                      || n.startsWith("com/fasterxml/jackson/dataformat/yaml/")
                      || n.startsWith("software/amazon/awssdk/services/sso/")
                      || n.startsWith("software/amazon/awssdk/services/ssooidc/"));
      assertThat(names)
          .contains(
              "dev/sesops/local/Main.class",
              "dev/sesops/api/LocalApiServer.class",
              "dev/sesops/suppression/RestoreCommand.class",
              "dev/sesops/monitor/MonitorHandler.class");
    }
  }
}
