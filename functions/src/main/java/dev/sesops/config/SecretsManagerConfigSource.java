package dev.sesops.config;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the config document from one Secrets Manager secret through the caching client, so warm
 * invocations do not call Secrets Manager each time; the cache asks again after {@link #REFRESH}
 * (5 minutes), so a changed secret, {@code dry_run} switched back on included, reaches a warm
 * container within that. The parsed document is kept until the secret's text changes. A new text
 * that does not parse keeps the last good document for this container and is reported once to
 * {@code onInvalid} (the problems name JSON paths, never values); with no good document yet it fails.
 */
public final class SecretsManagerConfigSource implements ConfigSource {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerConfigSource.class);
  /** How long a warm container uses the cached secret text before asking Secrets Manager again. */
  public static final Duration REFRESH = Duration.ofMinutes(5);

  private final SecretCache cache;
  private final String secretId;
  private final Consumer<ConfigException> onInvalid;
  private String lastText;
  private SesOpsConfig lastConfig;
  private String lastBadText;

  public SecretsManagerConfigSource(SecretCache cache, String secretId) {
    this(cache, secretId, e -> { });
  }

  public SecretsManagerConfigSource(SecretCache cache, String secretId, Consumer<ConfigException> onInvalid) {
    this.cache = cache;
    this.secretId = secretId;
    this.onInvalid = onInvalid;
  }

  /** The caching client as deployed: refreshed every {@link #REFRESH}. */
  public static SecretCache cache(SecretsManagerClient client) {
    return new SecretCache(new SecretCacheConfiguration().withClient(client).withCacheItemTTL(REFRESH.toMillis()));
  }

  @Override
  public synchronized SesOpsConfig load() {
    String text;
    try {
      text = cache.getSecretString(secretId);
    } catch (ResourceNotFoundException e) {
      throw new ConfigException("secret " + secretId + " does not exist (SES_OPS_SECRET_ID)", e);
    } catch (SecretsManagerException e) {
      String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
      throw new ConfigException("secret " + secretId + " cannot be read: " + code, e);
    } catch (SdkException e) {
      throw new ConfigException("secret " + secretId + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    if (text == null) {
      throw new ConfigException(java.util.List.of("secret " + secretId + ": no SecretString (binary secrets are not supported)"));
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
          LOG.error("secret {}: the new config document cannot be used, keeping the last good one: {}", secretId, e.getMessage());
          try {
            onInvalid.accept(e);
          } catch (RuntimeException alertFailed) {
            LOG.error("secret {}: config_invalid alert not sent: {}", secretId, alertFailed.getClass().getSimpleName());
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
