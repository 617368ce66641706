package dev.sesops.config;

import com.amazonaws.secretsmanager.caching.SecretCache;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the config document from one Secrets Manager secret through the caching client, so warm
 * invocations do not call Secrets Manager each time. The parsed document is kept until the secret's
 * text changes.
 */
public final class SecretsManagerConfigSource implements ConfigSource {
  private final SecretCache cache;
  private final String secretId;
  private String lastText;
  private SesOpsConfig lastConfig;

  public SecretsManagerConfigSource(SecretCache cache, String secretId) {
    this.cache = cache;
    this.secretId = secretId;
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
      lastConfig = ConfigParser.parse(text);
      lastText = text;
    }
    return lastConfig;
  }

  @Override
  public String describe() {
    return "secret " + secretId;
  }
}
