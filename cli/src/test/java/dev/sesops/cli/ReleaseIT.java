package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/release.sh puts both jars of this build with their SHA-256 sums into a dist folder, and
 * scripts/install-cli.sh --jar installs the CLI from that released jar without Maven: the installed
 * command prints the build's version; a jar that does not match SHA256SUMS is refused.
 */
class ReleaseIT {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(new File(".."));
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void
      release_buildsBothJarsWithChecksums_andTheReleasedCliInstallsWithoutMaven_printingItsVersion()
          throws Exception {
    String version = VersionTest.pomVersion();
    Path dist = tmp.resolve("dist");

    Run release = run(Map.of("SKIP_BUILD", "1", "DIST", dist.toString()), "scripts/release.sh");

    assertThat(release.exit()).as(release.err()).isZero();
    Path cliJar = dist.resolve("ses-ops-cli-" + version + ".jar");
    assertThat(dist.resolve("ses-ops-functions-" + version + ".jar")).isRegularFile();
    assertThat(cliJar).isRegularFile();
    List<String> sums = Files.readAllLines(dist.resolve("SHA256SUMS"));
    assertThat(sums).hasSize(2);
    assertThat(sums.get(0))
        .matches("[0-9a-f]{64}  ses-ops-functions-" + version.replace(".", "\\.") + "\\.jar");
    assertThat(run(Map.of(), "bash", "-c", "cd '" + dist + "' && sha256sum -c SHA256SUMS").exit())
        .isZero();

    // install from the released jar, with a PATH that has no Maven
    Path prefix = tmp.resolve("prefix");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PREFIX",
                prefix.toString(),
                "HOME",
                tmp.toString(),
                "PATH",
                "/usr/bin:/bin",
                "SES_OPS_CDS",
                "off"));
    Run install = run(env, "scripts/install-cli.sh", "--jar", cliJar.toString());

    assertThat(install.exit()).as(install.err()).isZero();
    assertThat(install.err())
        .contains("checksum ok (ses-ops-cli-" + version + ".jar)", "installed ses-ops " + version);
    Run installed = run(env, prefix.resolve("bin/ses-ops").toString(), "--version");
    assertThat(installed.exit()).as(installed.err()).isZero();
    assertThat(installed.out()).isEqualTo("ses-ops " + version + "\n");
    assertThat(prefix.resolve("lib/ses-ops/ses-ops.jar")).hasSameBinaryContentAs(cliJar);
    assertThat(tmp.resolve(".local/share/bash-completion/completions/ses-ops")).doesNotExist();
    assertThat(prefix.resolve("share/bash-completion/completions/ses-ops"))
        .content()
        .contains("ses-ops");
  }

  @Test
  void install_refusesAJarThatDoesNotMatchItsChecksum() throws Exception {
    Path dist = Files.createDirectories(tmp.resolve("dist"));
    Path jar = Files.copy(Path.of("target", "ses-ops.jar"), dist.resolve("ses-ops-cli-9.9.9.jar"));
    Files.writeString(dist.resolve("SHA256SUMS"), "0".repeat(64) + "  ses-ops-cli-9.9.9.jar\n");
    List<String> cmd = new ArrayList<>(List.of("scripts/install-cli.sh", "--jar", jar.toString()));

    Run install =
        run(
            Map.of("PREFIX", tmp.resolve("prefix").toString(), "HOME", tmp.toString()),
            cmd.toArray(String[]::new));

    assertThat(install.exit()).isEqualTo(1);
    assertThat(install.err())
        .contains("ses-ops-cli-9.9.9.jar does not match", "SHA256SUMS", "download it again");
    assertThat(tmp.resolve("prefix/bin/ses-ops")).doesNotExist();
  }
}
