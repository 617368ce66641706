package dev.sesops.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class LocalGuardTest {
  private static final String TOKEN = "tok-3f9a1c";
  private static final byte[] JSON_BODY =
      "{\"email\":\"noreply@example.com\"}".getBytes(StandardCharsets.UTF_8);

  private static Map<String, List<String>> headers(String... kv) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      h.put(kv[i], List.of(kv[i + 1]));
    }
    return h;
  }

  private final LocalGuard tokenGuard =
      LocalGuard.forBind("127.0.0.1", 3000, LocalGuard.Auth.bearer(TOKEN), Clock.systemUTC());
  private final LocalGuard open =
      LocalGuard.forBind("127.0.0.1", 3000, LocalGuard.Auth.none(), Clock.systemUTC());

  @Test
  void browserStyleCrossOriginPost_isRefused_evenWithoutAuthentication() {
    Map<String, List<String>> browser =
        headers(
            "Host",
            "127.0.0.1:3000",
            "Origin",
            "https://evil.example",
            "Content-Type",
            "text/plain");

    LocalGuard.Refusal r =
        open.check(
            "POST", "/accounts/production/suppression-cleanup?dry_run=false", browser, JSON_BODY);

    assertThat(r).isNotNull();
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("cross_origin_refused");
  }

  @Test
  void originHeader_isRefused_whateverItsCaseAndEvenWithTheToken() {
    LocalGuard.Refusal r =
        tokenGuard.check(
            "GET",
            "/accounts",
            headers("host", "127.0.0.1:3000", "origin", "null", "Authorization", "Bearer " + TOKEN),
            new byte[0]);

    assertThat(r.code()).isEqualTo("cross_origin_refused");
  }

  @Test
  void bodyThatIsNotJson_isRefusedWith415_andJsonWithCharsetIsAccepted() {
    LocalGuard.Refusal plain =
        open.check(
            "POST",
            "/accounts/production/identities",
            headers("Host", "127.0.0.1:3000", "Content-Type", "text/plain"),
            JSON_BODY);
    LocalGuard.Refusal none =
        open.check(
            "POST",
            "/accounts/production/identities",
            headers("Host", "127.0.0.1:3000"),
            JSON_BODY);
    LocalGuard.Refusal form =
        open.check(
            "POST",
            "/accounts/production/resume",
            headers("Host", "127.0.0.1:3000", "Content-Type", "application/x-www-form-urlencoded"),
            new byte[0]);
    LocalGuard.Refusal json =
        open.check(
            "POST",
            "/accounts/production/identities",
            headers("Host", "127.0.0.1:3000", "Content-Type", "Application/JSON; charset=utf-8"),
            JSON_BODY);

    assertThat(plain.status()).isEqualTo(415);
    assertThat(plain.code()).isEqualTo("unsupported_media_type");
    assertThat(none.status()).isEqualTo(415);
    assertThat(form.status()).isEqualTo(415);
    assertThat(json).isNull();
  }

  @Test
  void hostHeaderNamingAnotherName_isRefused_soDnsRebindingCannotReachTheServer() {
    LocalGuard.Refusal rebound =
        open.check("GET", "/accounts", headers("Host", "attacker.example:3000"), new byte[0]);
    LocalGuard.Refusal otherPort =
        open.check("GET", "/accounts", headers("Host", "127.0.0.1:3001"), new byte[0]);
    LocalGuard.Refusal missing = open.check("GET", "/accounts", headers(), new byte[0]);

    assertThat(rebound.code()).isEqualTo("host_refused");
    assertThat(rebound.message()).contains("127.0.0.1:3000", "localhost:3000");
    assertThat(otherPort.code()).isEqualTo("host_refused");
    assertThat(missing.code()).isEqualTo("host_refused");
    assertThat(open.check("GET", "/accounts", headers("Host", "LOCALHOST:3000"), new byte[0]))
        .isNull();
    assertThat(open.check("GET", "/accounts", headers("Host", "[::1]:3000"), new byte[0])).isNull();
  }

  @Test
  void bearerToken_isRequired_andAWrongOneIsRefusedWithoutEchoingIt() {
    LocalGuard.Refusal missing =
        tokenGuard.check("GET", "/accounts", headers("Host", "127.0.0.1:3000"), new byte[0]);
    LocalGuard.Refusal wrong =
        tokenGuard.check(
            "GET",
            "/accounts",
            headers("Host", "127.0.0.1:3000", "Authorization", "Bearer " + TOKEN + "x"),
            new byte[0]);
    LocalGuard.Refusal right =
        tokenGuard.check(
            "GET",
            "/accounts",
            headers("Host", "127.0.0.1:3000", "Authorization", "Bearer " + TOKEN),
            new byte[0]);

    assertThat(missing.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.message()).doesNotContain(TOKEN);
    assertThat(right).isNull();
  }

  @Test
  void sigV4Guard_refusesAnUnsignedRequest() {
    LocalGuard sig =
        LocalGuard.forBind(
            "127.0.0.1",
            3000,
            LocalGuard.Auth.sigV4(AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret")),
            Clock.systemUTC());

    LocalGuard.Refusal r =
        sig.check("GET", "/accounts", headers("Host", "127.0.0.1:3000"), new byte[0]);

    assertThat(r.code()).isEqualTo("invalid_signature");
    assertThat(r.message()).contains("missing Authorization header");
  }

  @Test
  void nonLoopbackBind_isRefusedWithoutSigV4_andAllowedWithIt() {
    assertThatThrownBy(
            () ->
                LocalGuard.forBind(
                    "0.0.0.0", 3000, LocalGuard.Auth.bearer(TOKEN), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--verify-sigv4");
    assertThatThrownBy(
            () -> LocalGuard.forBind("192.0.2.10", 3000, LocalGuard.Auth.none(), Clock.systemUTC()))
        .hasMessageContaining("not a loopback address");
    LocalGuard lan =
        LocalGuard.forBind(
            "192.0.2.10",
            3000,
            LocalGuard.Auth.sigV4(AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret")),
            Clock.systemUTC());

    assertThat(
            lan.check("GET", "/accounts", headers("Host", "192.0.2.10:3000"), new byte[0]).code())
        .isEqualTo("invalid_signature");
    assertThat(LocalGuard.isLoopback("127.0.0.2")).isTrue();
    assertThat(LocalGuard.isLoopback("::1")).isTrue();
    assertThat(LocalGuard.isLoopback("10.0.0.1")).isFalse();
  }
}
