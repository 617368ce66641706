package dev.sesops.config;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the config document from one Secrets Manager secret through the AWS Secrets Manager caching
 * client ({@link SecretCache}), so warm invocations do not call Secrets Manager each time; it asks
 * again after {@link #REFRESH} (5 minutes), so a changed secret, {@code dry_run} switched back on
 * included, reaches a warm container within that. A refresh that fails keeps the text read before
 * (the cache's own behaviour, with its back-off); with no text yet the failure is thrown. The
 * parsed document is kept until the secret's text changes. A new text that does not parse keeps the
 * last good document for this container and is reported once to {@code onInvalid} (the problems
 * name JSON paths, never values); with no good document yet it fails.
 */
public final class SecretsManagerConfigSource implements ConfigSource {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerConfigSource.class);

  /** How long a warm container uses the cached secret text before asking Secrets Manager again. */
  public static final Duration REFRESH = Duration.ofMinutes(5);

  private final SecretCache secret;
  private final String secretId;
  private final Consumer<ConfigException> onInvalid;
  private String lastText;
  private SesOpsConfig lastConfig;
  private String lastBadText;

  /** As deployed: the secret read again every {@link #REFRESH}. */
  public SecretsManagerConfigSource(
      SecretsManagerClient client, String secretId, Consumer<ConfigException> onInvalid) {
    this(client, secretId, REFRESH, onInvalid);
  }

  /**
   * @param client the caller's client (AccountClients builds it on the URL-connection HTTP client,
   *     so the cache never builds its own, CRT-based one)
   * @param refresh how long the text read is used before asking again (tests pass a short one)
   */
  public SecretsManagerConfigSource(
      SecretsManagerClient client,
      String secretId,
      Duration refresh,
      Consumer<ConfigException> onInvalid) {
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("refresh must be positive");
    }
    this.secret =
        new SecretCache(
            new SecretCacheConfiguration().withClient(client).withCacheItemTTL(refresh.toMillis()));
    this.secretId = secretId;
    this.onInvalid = onInvalid;
  }

  @Override
  public synchronized SesOpsConfig load() {
    String text;
    try {
      text = secret.getSecretString(secretId);
    } catch (ResourceNotFoundException e) {
      throw new ConfigException("secret " + secretId + " does not exist (SES_OPS_SECRET_ID)", e);
    } catch (SecretsManagerException e) {
      String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
      throw new ConfigException("secret " + secretId + " cannot be read: " + code, e);
    } catch (SdkException e) {
      throw new ConfigException(
          "secret " + secretId + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    if (text == null) {
      throw new ConfigException(
          java.util.List.of(
              "secret " + secretId + ": no SecretString (binary secrets are not supported)"));
    }
    if (!text.equals(lastText)) {
      SesOpsConfig parsed;
      try {
        parsed = ConfigParser.parse(text);
      } catch (ConfigException e) {
        if (lastConfig == null) {
          throw e;
        }
        if (!text.equals(lastBadText)) {
          lastBadText = text;
          LOG.error(
              "secret {}: the new config document cannot be used, keeping the last good one: {}",
              secretId,
              e.getMessage());
          try {
            onInvalid.accept(e);
          } catch (RuntimeException alertFailed) {
            LOG.error(
                "secret {}: config_invalid alert not sent: {}",
                secretId,
                alertFailed.getClass().getSimpleName());
          }
        }
        return lastConfig;
      }
      lastConfig = parsed;
      lastText = text;
      lastBadText = null;
    }
    return lastConfig;
  }

  @Override
  public String describe() {
    return "secret " + secretId;
  }
}
