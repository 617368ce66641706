package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.testing.Emulator;
import dev.sesops.testing.Sdk;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secret on moto: a refresh picks up a change; a change that does not parse keeps the last good
 * config.
 */
class SecretsManagerConfigSourceIT {
  private static final String GOOD =
      """
      {"accounts": {"production": {"region": "us-east-1"}}, "suppression_cleanup": {"dry_run": %s}}""";
  private static final String BAD =
      """
      {"accounts": {"production": {"aws_access_key_id": "AKIAXXXXXXXXXXXXXXXX", "aws_secret_access_key": "topsecret-value"}}}""";

  private SecretsManagerClient sm;
  private String secretId;
  private final List<ConfigException> invalid = new CopyOnWriteArrayList<>();
  private SecretsManagerConfigSource source;

  @BeforeEach
  void setUp() {
    Emulator.pointSdkAt(Emulator.moto());
    sm = Sdk.secretsManager();
    secretId = "ses-ops-config-" + UUID.randomUUID().toString().substring(0, 8);
    sm.createSecret(r -> r.name(secretId).secretString(GOOD.formatted("false")));
    // a 1 ms cache lifetime stands in for the deployed 5 minutes
    // (SecretsManagerConfigSource.REFRESH)
    source =
        new SecretsManagerConfigSource(sm, secretId, java.time.Duration.ofMillis(1), invalid::add);
  }

  @AfterEach
  void tearDown() {
    sm.close();
    Emulator.clearSdkProperties();
  }

  private void put(String text) throws InterruptedException {
    sm.putSecretValue(r -> r.secretId(secretId).secretString(text));
    Thread.sleep(20); // past the cache lifetime
  }

  @Test
  void changedSecret_reachesAWarmSource_afterTheCacheLifetime() throws Exception {
    assertThat(source.load().suppressionCleanup().dryRun()).isFalse();

    put(GOOD.formatted("true"));

    assertThat(source.load().suppressionCleanup().dryRun()).isTrue();
    assertThat(SecretsManagerConfigSource.REFRESH)
        .isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
  }

  @Test
  void secretThatStopsParsing_keepsTheLastGoodConfig_andIsReportedOnce_byPathNeverValue()
      throws Exception {
    SesOpsConfig good = source.load();

    put(BAD);
    SesOpsConfig first = source.load();
    SesOpsConfig second = source.load();

    assertThat(first).isSameAs(good);
    assertThat(second).isSameAs(good);
    assertThat(invalid)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.problems())
                  .anySatisfy(p -> assertThat(p).startsWith("accounts.production.region"));
              assertThat(e.getMessage())
                  .doesNotContain("topsecret-value")
                  .doesNotContain("AKIAXXXXXXXXXXXXXXXX");
            });

    // fixed: the new document is used, and a later breakage is reported again
    put(GOOD.formatted("true"));
    assertThat(source.load().suppressionCleanup().dryRun()).isTrue();
    put(BAD);
    source.load();
    assertThat(invalid).hasSize(2);
  }

  @Test
  void coldSourceWithABadSecret_fails_namingThePath() throws Exception {
    put(BAD);

    assertThatThrownBy(source::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("accounts.production.region")
        .hasMessageNotContaining("topsecret-value");
    assertThat(invalid).isEmpty();
  }
}
