package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTemplateTest {

  @TempDir Path dir;

  @Test
  void load_returnsTheFileContent_whenTheTemplateFileExists() throws IOException {
    Path file =
        Files.writeString(dir.resolve("ses-config.json.txt"), "{\"accounts\":{\"production\":{}}}");

    assertThat(SecretTemplate.load(file)).isEqualTo("{\"accounts\":{\"production\":{}}}");
  }

  @Test
  void load_returnsTheBuiltInTemplate_whenTheFileIsMissing() {
    assertThat(SecretTemplate.load(dir.resolve("missing.json.txt")))
        .isEqualTo(SecretTemplate.BUILT_IN);
  }

  @Test
  void builtInTemplate_keepsTheConfigShape_withCleanupInDryRunAndNoCredentials() {
    assertThat(SecretTemplate.BUILT_IN)
        .contains("\"accounts\"", "\"monitoring\"", "\"suppression_cleanup\"", "\"dry_run\": true")
        .doesNotContain("aws_access_key_id", "aws_secret_access_key", "role_arn");
  }
}
