package dev.sesops.aws;

import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigException;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.FileConfigSource;
import dev.sesops.config.SecretsManagerConfigSource;
import dev.sesops.config.StaticKeys;
import dev.sesops.permissions.SesPermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The only place SDK clients are built. Per-account clients (SES v1, SES v2, CloudWatch) use the
 * account's Region and credentials and are cached per account, the least recently used dropped past
 * {@link #MAX_ACCOUNT_ENTRIES}; the stack's own clients (SNS, DynamoDB, S3, Secrets Manager) use
 * the home Region and the function's role. Endpoints come from the SDK's own AWS_ENDPOINT_URL
 * settings; there is no endpoint code here. One URLConnection HTTP client is shared by all; retries
 * use the SDK's standard mode, which backs off on throttling: the only retry and back-off in the
 * code. The SES v1 and v2 clients of one account and Region share one {@link AccountPacer} (each
 * operation at SES's documented rate, all under one ceiling; {@link Pacing}), applied to every HTTP
 * attempt by a {@link PacingInterceptor}, so the monitor, the audit, the cleanup and the API in one
 * container share one rate per (account, Region, operation).
 */
public final class AccountClients implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(20);

  static final int SES_MAX_ATTEMPTS = 4;

  private final SdkHttpClient http;
  private final Region homeRegion;
  private final AwsCredentialsProvider homeCredentials;
  private final Pacing pacing;

  /**
   * The session of member-account calls made outside any {@link MemberSession#within}; null: the
   * session {@code ses-ops} with the member role's whole policy (local tools, tests).
   */
  private final MemberSession defaultSession;

  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  /**
   * Per-account clients, STS clients and pacers, least recently used first out: memory stays flat
   * in the number of accounts a container has seen (fleet mode sends one account, or one monitor
   * batch, per invocation). Evicted clients are dropped, not closed: they share the HTTP client,
   * and a call may still be using one. About 1,000 per-account entries (250 accounts);
   * docs/fleet.md gives the bytes.
   */
  static final int MAX_ACCOUNT_ENTRIES = 1000;

  private final Map<String, Object> accountCache =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
              if (size() > MAX_ACCOUNT_ENTRIES) {
                retire(eldest.getValue());
                return true;
              }
              return false;
            }
          });

  /**
   * How long a client dropped from the cache (an old config version's, or the least recently used)
   * stays open before it is closed: longer than any run that may still hold it (Lambda stops at 15
   * minutes).
   */
  static final Duration RETIRED_GRACE = Duration.ofMinutes(16);

  private final java.util.ArrayDeque<Retired> retired = new java.util.ArrayDeque<>();

  /**
   * Per service, account and Region, the key of its newest client (guarded by {@link
   * #accountCache}'s lock).
   */
  private final Map<String, String> currentKeys = new java.util.HashMap<>();

  private record Retired(AutoCloseable client, long atNanos) {}

  /** The clock of {@link #RETIRED_GRACE}; tests set a fake one. */
  java.util.function.LongSupplier nanos = System::nanoTime;

  /** The deployed pace: SES's documented rates, 1 call per second per operation elsewhere. */
  public AccountClients(String homeRegion) {
    this(homeRegion, Pacing.defaults());
  }

  /**
   * The environment's Region and pace (SES_OPS_SES_CALLS_PER_SECOND,
   * SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND).
   */
  public AccountClients(Settings settings) {
    this(
        settings.homeRegion(),
        new Pacing(settings.sesCallsPerSecond(), settings.sesAccountCallsPerSecond()));
  }

  /**
   * {@code sesCallsPerSecond}: the pace of each undocumented SES operation
   * (SES_OPS_SES_CALLS_PER_SECOND), the default ceiling.
   */
  public AccountClients(String homeRegion, double sesCallsPerSecond) {
    this(homeRegion, Pacing.perOperation(sesCallsPerSecond));
  }

  public AccountClients(String homeRegion, Pacing pacing) {
    this(
        TlsOnDemandHttpClient.standard(CONNECT_TIMEOUT, SOCKET_TIMEOUT),
        Region.of(homeRegion),
        DefaultCredentialsProvider.builder().build(),
        pacing);
  }

  AccountClients(SdkHttpClient http, Region homeRegion, AwsCredentialsProvider homeCredentials) {
    this(http, homeRegion, homeCredentials, Pacing.defaults());
  }

  AccountClients(
      SdkHttpClient http,
      Region homeRegion,
      AwsCredentialsProvider homeCredentials,
      Pacing pacing) {
    this(http, homeRegion, homeCredentials, pacing, null);
  }

  /**
   * For one function: it assumes member roles as {@code ses-ops-FUNCTION} with the session policy
   * of {@link SesPermissions#sessionPolicy}, so in a member account it may do what its own role
   * may, no more, and CloudTrail there names it. A thread inside {@link MemberSession#within} uses
   * that session instead (the API: {@code api-read} or {@code api-write} with the caller's
   * identity).
   */
  public AccountClients(Settings settings, String function) {
    this(
        settings.homeRegion(),
        new Pacing(settings.sesCallsPerSecond(), settings.sesAccountCallsPerSecond()),
        function);
  }

  /** {@link #AccountClients(Settings, String)} with an explicit Region and pace. */
  public AccountClients(String homeRegion, Pacing pacing, String function) {
    this(
        TlsOnDemandHttpClient.standard(CONNECT_TIMEOUT, SOCKET_TIMEOUT),
        Region.of(homeRegion),
        DefaultCredentialsProvider.builder().build(),
        pacing,
        function);
  }

  AccountClients(
      SdkHttpClient http,
      Region homeRegion,
      AwsCredentialsProvider homeCredentials,
      Pacing pacing,
      String function) {
    this.http = http;
    this.homeRegion = homeRegion;
    this.homeCredentials = homeCredentials;
    this.pacing = Objects.requireNonNull(pacing, "pacing");
    this.defaultSession = function == null ? null : new MemberSession(function, null);
  }

  /**
   * The one pacer of this account and Region in this container; its {@link AccountPacer#calls()}
   * counts every SES HTTP attempt made for the account, retries included.
   */
  public AccountPacer pacer(AccountConfig account) {
    return cachedForAccount(
        "pacer|" + account.name() + "|" + account.region(), () -> new AccountPacer(pacing));
  }

  public SesV2Client sesV2(AccountConfig account) {
    return perAccount(
        "sesv2",
        account,
        a -> configure(SesV2Client.builder(), a).overrideConfiguration(paced(a)).build());
  }

  public SesClient ses(AccountConfig account) {
    return perAccount(
        "ses",
        account,
        a -> configure(SesClient.builder(), a).overrideConfiguration(paced(a)).build());
  }

  public CloudWatchClient cloudWatch(AccountConfig account) {
    return perAccount("cloudwatch", account, a -> configure(CloudWatchClient.builder(), a).build());
  }

  public SnsClient sns() {
    return home("sns", () -> home(SnsClient.builder()).build());
  }

  public DynamoDbClient dynamoDb() {
    return home("dynamodb", () -> home(DynamoDbClient.builder()).build());
  }

  /**
   * S3 with checksums only when required: emulators store aws-chunked trailers verbatim otherwise.
   */
  public S3Client s3() {
    return home(
        "s3",
        () ->
            home(S3Client.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .forcePathStyle(
                    Settings.s3PathStyle()
                        || System.getProperty("aws.endpointUrlS3") != null
                        || System.getProperty("aws.endpointUrl") != null)
                .build());
  }

  public SecretsManagerClient secretsManager() {
    return home("secretsmanager", () -> home(SecretsManagerClient.builder()).build());
  }

  /**
   * The config source the environment names: the secret when SES_OPS_SECRET_ID is set, else the
   * file. One per container, so services sharing these clients share one secret cache and one
   * parse.
   *
   * @param onInvalid told when a refreshed secret no longer parses (the last good config is kept);
   *     the composition root passes the alert that says so
   */
  public ConfigSource configSource(Settings settings, Consumer<ConfigException> onInvalid) {
    if (settings.secretId() != null) {
      return cached(
          "config|secret|" + settings.secretId(),
          () -> new SecretsManagerConfigSource(secretsManager(), settings.secretId(), onInvalid));
    }
    if (settings.configFile() != null) {
      return cached(
          "config|file|" + settings.configFile(),
          () -> new FileConfigSource(settings.configFile()));
    }
    throw new Settings.MissingSettingException(
        "SES_OPS_SECRET_ID (or SES_OPS_CONFIG_FILE for local runs)");
  }

  @SuppressWarnings("unchecked")
  private <T> T perAccount(
      String service, AccountConfig account, Function<AccountConfig, T> build) {
    // the key covers what the client depends on, so a changed secret gets fresh clients
    String key =
        service
            + "|"
            + account.name()
            + "|"
            + account.region()
            + "|"
            + account.roleArn()
            + "|"
            + account.externalId()
            + "|"
            + (account.staticKeys() == null
                ? ""
                : account.staticKeys().accessKeyId()
                    + Integer.toHexString(account.staticKeys().secretAccessKey().hashCode()));
    // an account's client for an older version of its entry (another role, keys or external id) is
    // retired;
    // the build runs under the cache's lock (cachedForAccount), which guards currentKeys too
    String version = service + "|" + account.name() + "|" + account.region();
    return cachedForAccount(
        key,
        () -> {
          T client = build.apply(account);
          String previous = currentKeys.put(version, key);
          if (previous != null && !previous.equals(key)) {
            Object old = accountCache.remove(previous);
            if (old != null) {
              retire(old);
            }
          }
          return client;
        });
  }

  /**
   * Queues an SDK client dropped from the cache for closing after {@link #RETIRED_GRACE}, and
   * closes the ones queued longer ago. Credential providers are left open: other accounts' clients
   * may share them.
   */
  private void retire(Object client) {
    synchronized (retired) {
      long now = nanos.getAsLong();
      if (client instanceof software.amazon.awssdk.core.SdkClient c) {
        retired.add(new Retired(c, now));
      }
      while (!retired.isEmpty() && now - retired.peek().atNanos() >= RETIRED_GRACE.toNanos()) {
        closeQuietly(retired.poll().client());
      }
    }
  }

  /** Clients dropped from the cache and not closed yet. */
  int retiredOpen() {
    synchronized (retired) {
      return retired.size();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }

  /**
   * As {@link #cached}, in the bounded per-account cache; its lock is re-entrant too (STS inside a
   * client build).
   */
  @SuppressWarnings("unchecked")
  private <T> T cachedForAccount(String key, java.util.function.Supplier<T> build) {
    synchronized (accountCache) {
      Object client = accountCache.get(key);
      if (client == null) {
        client = build.get();
        accountCache.put(key, client);
      }
      return (T) client;
    }
  }

  /** How many per-account entries are held now (at most {@link #MAX_ACCOUNT_ENTRIES}). */
  int accountEntries() {
    return accountCache.size();
  }

  @SuppressWarnings("unchecked")
  private <T> T home(String service, java.util.function.Supplier<T> build) {
    return cached("home|" + service, build);
  }

  /**
   * Builds a client once. Not {@code computeIfAbsent}: building a role account's client builds its
   * STS client, a nested update that ConcurrentHashMap refuses; the lock here is re-entrant.
   */
  @SuppressWarnings("unchecked")
  private <T> T cached(String key, java.util.function.Supplier<T> build) {
    Object client = cache.get(key);
    if (client == null) {
      synchronized (cache) {
        client = cache.get(key);
        if (client == null) {
          client = build.get();
          cache.put(key, client);
        }
      }
    }
    return (T) client;
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B home(B builder) {
    return builder
        .region(homeRegion)
        .credentialsProvider(homeCredentials)
        .httpClient(http)
        .overrideConfiguration(overrides());
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AccountConfig a) {
    return builder
        .region(Region.of(a.region()))
        .credentialsProvider(credentials(a))
        .httpClient(http)
        .overrideConfiguration(overrides());
  }

  /**
   * SES clients: paced per account, Region and operation, and a throttled call gets up to four
   * attempts with the standard strategy's jittered back-off (1 s base for throttling, 20 s cap),
   * each attempt paced.
   */
  private ClientOverrideConfiguration paced(AccountConfig a) {
    return overrides().toBuilder()
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(SES_MAX_ATTEMPTS)
                .build())
        .addExecutionInterceptor(new PacingInterceptor(pacer(a)))
        .build();
  }

  /**
   * Every client: the SDK's standard retries, and each call bounded by the thread's {@link
   * CallDeadline}.
   */
  private static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallTimeout(CallDeadline.MAX_CALL)
        .addExecutionInterceptor(DeadlineInterceptor.INSTANCE)
        .build();
  }

  /**
   * Role (preferred), static keys (the helper's way), or the function's own role. One provider per
   * credential identity (role, external id, Region and the source keys), shared by that identity's
   * SES, SES v2 and CloudWatch clients, so they assume the role once, not once per client; rotated
   * source keys are another identity and get a fresh provider.
   */
  AwsCredentialsProvider credentials(AccountConfig a) {
    if (a.roleArn() == null) {
      return a.staticKeys() != null ? staticProvider(a.staticKeys()) : homeCredentials;
    }
    String identity =
        "creds|"
            + a.roleArn()
            + "|"
            + a.externalId()
            + "|"
            + a.region()
            + "|"
            + sourceIdentity(a.staticKeys());
    // resolved on the calling thread for each request: the thread's session, else this function's
    return cachedForAccount(
        identity,
        () -> {
          StsClient sts =
              StsClient.builder()
                  .region(Region.of(a.region()))
                  .credentialsProvider(
                      a.staticKeys() != null ? staticProvider(a.staticKeys()) : homeCredentials)
                  .httpClient(http)
                  .overrideConfiguration(overrides())
                  .build();
          return (AwsCredentialsProvider)
              () -> {
                MemberSession current = MemberSession.current();
                MemberSession session = current != null ? current : defaultSession;
                return assumed(identity, sts, a, session).resolveCredentials();
              };
        });
  }

  /**
   * One provider per credential identity and session (name, policy and caller), shared by that
   * identity's SES, SES v2 and CloudWatch clients, so they assume the role once per session, not
   * once per client; held in the bounded per-account cache, so callers' sessions do not pile up.
   */
  private AwsCredentialsProvider assumed(
      String identity, StsClient sts, AccountConfig a, MemberSession session) {
    String key =
        identity
            + "|"
            + (session == null ? "" : session.function() + "|" + session.sourceIdentity());
    return cachedForAccount(
        key,
        () ->
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(
                    r -> {
                      r.roleArn(a.roleArn()).durationSeconds(3600);
                      if (session == null) {
                        r.roleSessionName("ses-ops");
                      } else {
                        r.roleSessionName(session.sessionName()).policy(session.policy());
                        if (session.sourceIdentity() != null) {
                          r.sourceIdentity(session.sourceIdentity());
                        }
                      }
                      if (a.externalId() != null) {
                        r.externalId(a.externalId());
                      }
                    })
                // refresh five minutes before expiry, so a long audit never runs on stale
                // credentials
                .prefetchTime(Duration.ofMinutes(5))
                .staleTime(Duration.ofMinutes(2))
                .asyncCredentialUpdateEnabled(false)
                .build());
  }

  /**
   * The source keys as a cache key: the key id and a hash of the secret parts, never the secret.
   */
  private static String sourceIdentity(StaticKeys keys) {
    if (keys == null) {
      return "home";
    }
    int h =
        java.util.Objects.hash(
            keys.secretAccessKey().reveal(),
            keys.sessionToken() == null ? null : keys.sessionToken().reveal());
    return keys.accessKeyId() + "#" + Integer.toHexString(h);
  }

  private static AwsCredentialsProvider staticProvider(StaticKeys keys) {
    Objects.requireNonNull(keys.secretAccessKey(), "secretAccessKey");
    if (keys.sessionToken() != null) {
      return StaticCredentialsProvider.create(
          AwsSessionCredentials.create(
              keys.accessKeyId(), keys.secretAccessKey().reveal(), keys.sessionToken().reveal()));
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal()));
  }

  @Override
  public void close() {
    cache
        .values()
        .forEach(
            c -> {
              if (c instanceof AutoCloseable ac) {
                try {
                  ac.close();
                } catch (Exception ignored) {
                  // closing is best effort
                }
              }
            });
    cache.clear();
    synchronized (accountCache) {
      accountCache
          .values()
          .forEach(
              c -> {
                if (c instanceof AutoCloseable ac) {
                  try {
                    ac.close();
                  } catch (Exception ignored) {
                    // closing is best effort
                  }
                }
              });
      accountCache.clear();
    }
    synchronized (retired) {
      retired.forEach(r -> closeQuietly(r.client()));
      retired.clear();
    }
    http.close();
  }
}
