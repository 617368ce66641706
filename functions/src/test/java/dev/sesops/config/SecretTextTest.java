package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** The secret's text: one GetSecretValue per lifetime; a failed refresh keeps the text read before. */
class SecretTextTest {
  /** Answers GetSecretValue from a queue of texts or failures; counts calls. Pure logic, no network. */
  static final class ScriptedSecrets implements SecretsManagerClient {
    final Deque<Object> answers = new ArrayDeque<>();
    int calls;
    String lastSecretId;

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest r) {
      calls++;
      lastSecretId = r.secretId();
      Object a = answers.isEmpty() ? "unscripted" : answers.poll();
      if (a instanceof RuntimeException e) {
        throw e;
      }
      return GetSecretValueResponse.builder().secretString((String) a).build();
    }

    @Override
    public String serviceName() {
      return "secretsmanager";
    }

    @Override
    public void close() {
    }
  }

  private final ScriptedSecrets sm = new ScriptedSecrets();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final SecretText secret = new SecretText(sm, "ses-ops-config", Duration.ofMinutes(5), nanos::get);

  @Test
  void readsOnce_thenServesTheTextUntilTheLifetimeEnds_thenReadsAgain() {
    sm.answers.add("v1");
    sm.answers.add("v2");

    assertThat(secret.get()).isEqualTo("v1");
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(secret.get()).isEqualTo("v1");
    assertThat(sm.calls).isEqualTo(1);
    assertThat(sm.lastSecretId).isEqualTo("ses-ops-config");

    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(secret.get()).isEqualTo("v2");
    assertThat(sm.calls).isEqualTo(2);
  }

  @Test
  void failedRefresh_keepsTheTextReadBefore_andTriesAgainAfterThirtySeconds() {
    sm.answers.add("v1");
    sm.answers.add(SdkClientException.create("connection refused"));
    sm.answers.add("v2");
    secret.get();
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());

    assertThat(secret.get()).isEqualTo("v1");
    nanos.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(secret.get()).isEqualTo("v1");
    assertThat(sm.calls).isEqualTo(2);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(secret.get()).isEqualTo("v2");
    assertThat(sm.calls).isEqualTo(3);
  }

  @Test
  void failedFirstRead_isThrown_andTheNextCallAsksAgain() {
    sm.answers.add(SdkClientException.create("connection refused"));
    sm.answers.add("v1");

    assertThatThrownBy(secret::get).isInstanceOf(SdkClientException.class);
    assertThat(secret.get()).isEqualTo("v1");
  }
}
