package dev.sesops.cli.serve;

import dev.sesops.api.ApiEmulator;
import dev.sesops.testing.Emulator;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The local API server (JDK HTTP server, the real handler) on a free port, over {@link ApiEmulator}
 * (the functions module's test fixture).
 */
public final class LocalServerFixture implements AutoCloseable {
  private final ApiEmulator emu;
  private final LocalApiServer server;
  private final boolean ownsEmulator;

  private LocalServerFixture(ApiEmulator emu, LocalApiServer server, boolean ownsEmulator) {
    this.emu = emu;
    this.server = server;
    this.ownsEmulator = ownsEmulator;
  }

  /**
   * Requires SigV4 signed with the emulator's test keys (what the SDK's default chain finds in
   * tests).
   */
  public static LocalServerFixture start() throws IOException {
    ApiEmulator emu = new ApiEmulator();
    AwsCredentialsIdentity key =
        AwsCredentialsIdentity.create(Emulator.ACCESS_KEY_ID, Emulator.SECRET_ACCESS_KEY);
    return new LocalServerFixture(
        emu,
        LocalApiServer.start(
            "127.0.0.1", 0, emu.handler, LocalGuard.Auth.sigV4(key), Clock.systemUTC()),
        true);
  }

  /**
   * A second server on the same emulators with no authentication ({@code --insecure-no-auth}): the
   * other checks still hold.
   */
  public static LocalServerFixture startWithoutSigV4(LocalServerFixture other) throws IOException {
    return new LocalServerFixture(
        other.emu,
        LocalApiServer.start(
            "127.0.0.1", 0, other.emu.handler, LocalGuard.Auth.none(), Clock.systemUTC()),
        false);
  }

  /**
   * A second server on the same emulators that wants {@code Authorization: Bearer token} (serve's
   * default).
   */
  public static LocalServerFixture startWithToken(LocalServerFixture other, String token)
      throws IOException {
    return new LocalServerFixture(
        other.emu,
        LocalApiServer.start(
            "127.0.0.1", 0, other.emu.handler, LocalGuard.Auth.bearer(token), Clock.systemUTC()),
        false);
  }

  /**
   * A second server on the same emulators that accepts only {@code caller} (a session identity: its
   * token too).
   */
  public static LocalServerFixture startFor(LocalServerFixture other, AwsCredentialsIdentity caller)
      throws IOException {
    return new LocalServerFixture(
        other.emu,
        LocalApiServer.start(
            "127.0.0.1", 0, other.emu.handler, LocalGuard.Auth.sigV4(caller), Clock.systemUTC()),
        false);
  }

  public int port() {
    return server.port();
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public String accessKeyId() {
    return Emulator.ACCESS_KEY_ID;
  }

  public String secretAccessKey() {
    return Emulator.SECRET_ACCESS_KEY;
  }

  /** The environment a --local run needs: config file, bucket, topic, DNS. */
  public Map<String, String> emulatorEnv() {
    return emu.env;
  }

  @Override
  public void close() throws IOException {
    server.stop();
    if (ownsEmulator) {
      emu.close();
    }
  }
}
