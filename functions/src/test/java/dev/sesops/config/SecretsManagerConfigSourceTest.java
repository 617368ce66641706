package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The config source over the caching client, with an in-memory Secrets Manager (no network): what a
 * failing refresh and a missing secret do. The emulator test (SecretsManagerConfigSourceIT) covers
 * changes and unparsable documents.
 */
class SecretsManagerConfigSourceTest {
  private static final String GOOD =
      """
      {"accounts": {"production": {"region": "us-east-1"}}, "suppression_cleanup": {"dry_run": false}}""";

  /** One secret; each version is a new text; calls after {@link #fail} throw. */
  private static final class FakeSecretsManager implements SecretsManagerClient {
    String text;
    int version;
    RuntimeException fail;
    final List<String> calls = new ArrayList<>();

    @Override
    public DescribeSecretResponse describeSecret(DescribeSecretRequest r) {
      calls.add("DescribeSecret");
      if (fail != null) {
        throw fail;
      }
      return DescribeSecretResponse.builder()
          .name(r.secretId())
          .versionIdsToStages(java.util.Map.of("v" + version, List.of("AWSCURRENT")))
          .build();
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest r) {
      calls.add("GetSecretValue");
      if (fail != null) {
        throw fail;
      }
      return GetSecretValueResponse.builder()
          .name(r.secretId())
          .versionId("v" + version)
          .secretString(text)
          .build();
    }

    @Override
    public String serviceName() {
      return "secretsmanager";
    }

    @Override
    public void close() {}
  }

  private static SecretsManagerConfigSource source(
      FakeSecretsManager sm, Duration refresh, Consumer<ConfigException> invalid) {
    return new SecretsManagerConfigSource(sm, "ses-ops-config", refresh, invalid);
  }

  @Test
  void aWarmSource_asksSecretsManagerOnce_withinTheRefreshInterval() {
    FakeSecretsManager sm = new FakeSecretsManager();
    sm.text = GOOD;
    SecretsManagerConfigSource source = source(sm, SecretsManagerConfigSource.REFRESH, e -> {});

    SesOpsConfig first = source.load();
    int callsAfterFirst = sm.calls.size();
    SesOpsConfig second = source.load();

    assertThat(second).isSameAs(first);
    assertThat(sm.calls).hasSize(callsAfterFirst).contains("GetSecretValue");
    assertThat(SecretsManagerConfigSource.REFRESH).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aRefreshThatFails_keepsTheConfigReadBefore() throws Exception {
    FakeSecretsManager sm = new FakeSecretsManager();
    sm.text = GOOD;
    SecretsManagerConfigSource source = source(sm, Duration.ofMillis(1), e -> {});
    SesOpsConfig good = source.load();

    sm.fail =
        SecretsManagerException.builder().message("service unavailable").statusCode(503).build();
    Thread.sleep(10); // past the 1 ms refresh interval
    int before = sm.calls.size();
    SesOpsConfig afterFailure = source.load();

    assertThat(sm.calls.size()).isGreaterThan(before); // it did ask, and failed
    assertThat(afterFailure).isSameAs(good);
  }

  @Test
  void aMissingSecret_onAColdSource_namesTheSecretAndTheVariable() {
    FakeSecretsManager sm = new FakeSecretsManager();
    sm.fail = ResourceNotFoundException.builder().message("not found").statusCode(400).build();
    SecretsManagerConfigSource source = source(sm, SecretsManagerConfigSource.REFRESH, e -> {});

    assertThatThrownBy(source::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secret ses-ops-config does not exist (SES_OPS_SECRET_ID)");
  }

  @Test
  void aZeroRefreshInterval_isRefused() {
    assertThatThrownBy(() -> source(new FakeSecretsManager(), Duration.ZERO, e -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
