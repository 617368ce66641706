package dev.sesops.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Lambda jar holds what Lambda runs and the local entry points ({@code invoke}), not the CLI
 * (its own jar since issue 16) nor the local API server and its SigV4 verifier (the CLI's since
 * issue 23).
 */
class LambdaJarContentsIT {
  @Test
  void lambdaJar_hasNoCliPicocliJmesPathYamlOrLocalServer_butKeepsTheLocalEntryPoints()
      throws Exception {
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
                      || n.startsWith("software/amazon/awssdk/services/ssooidc/")
                      || n.matches("dev/sesops/.*/(LocalApiServer|SigV4|LocalGuard)[.$].*"));
      assertThat(names)
          .contains(
              "dev/sesops/local/Main.class",
              "com/amazonaws/services/lambda/runtime/events/ScheduledEvent.class",
              "com/amazonaws/services/lambda/runtime/events/SQSBatchResponse.class",
              "org/joda/time/DateTime.class",
              "dev/sesops/suppression/RestoreCommand.class",
              "dev/sesops/monitor/MonitorHandler.class");
    }
  }
}
