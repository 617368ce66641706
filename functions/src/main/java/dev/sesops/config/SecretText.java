package dev.sesops.config;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One secret's text, read with one {@code GetSecretValue} (the current version) and kept for a
 * lifetime, so a warm container asks Secrets Manager at most once per lifetime. A refresh that fails
 * while a text is held keeps that text and tries again after {@link #RETRY} (or the lifetime, if
 * shorter), logging the error's class only; with no text yet, the failure is thrown. Thread-safe.
 *
 * <p>Replaces the Secrets Manager caching library, which asks {@code DescribeSecret} before each
 * {@code GetSecretValue}: one call fewer on every cold start and every refresh.
 */
final class SecretText {
  private static final Logger LOG = LoggerFactory.getLogger(SecretText.class);
  static final Duration RETRY = Duration.ofSeconds(30);

  private final SecretsManagerClient client;
  private final String secretId;
  private final long lifetimeNanos;
  private final LongSupplier nanos;
  private String text;
  private long nextReadNanos;

  SecretText(SecretsManagerClient client, String secretId, Duration lifetime) {
    this(client, secretId, lifetime, System::nanoTime);
  }

  SecretText(SecretsManagerClient client, String secretId, Duration lifetime, LongSupplier nanos) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must not be negative");
    }
    this.client = client;
    this.secretId = secretId;
    this.lifetimeNanos = lifetime.toNanos();
    this.nanos = nanos;
  }

  /** The secret's {@code SecretString} (null for a binary secret). */
  synchronized String get() {
    long now = nanos.getAsLong();
    if (text != null && now - nextReadNanos < 0) {
      return text;
    }
    try {
      GetSecretValueResponse r = client.getSecretValue(b -> b.secretId(secretId));
      text = r.secretString();
      nextReadNanos = now + lifetimeNanos;
      return text;
    } catch (SdkException e) {
      if (text == null) {
        throw e;
      }
      LOG.warn("secret {} not refreshed, keeping the text read before: {}", secretId, e.getClass().getSimpleName());
      nextReadNanos = now + Math.min(lifetimeNanos, RETRY.toNanos());
      return text;
    }
  }
}
