package dev.sesops.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The verifier against signatures this project did not compute: the AWS Signature Version 4 test
 * suite (aws-sig-v4-test-suite, as carried in boto/botocore tests/unit/auth/aws4_testsuite, commit
 * 0e6e2404b85dc336dd2889814e089bde7d1a4c55; Copyright Amazon.com, Inc., Apache-2.0). Each case's
 * {@code .req} and {@code .authz} file are copied verbatim; the suite signs for service {@code
 * service} in us-east-1 with its example key pair at 2015-08-30T12:36:00Z.
 */
class SigV4Test {
  private static final String SUITE_SERVICE = "service";
  private static final AwsCredentialsIdentity SUITE_KEY =
      AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  private static final Clock SUITE_CLOCK =
      Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

  /** post-sts-token/readme.txt: the suite's example X-Amz-Security-Token. */
  private static final String SUITE_STS_TOKEN =
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

  /**
   * One suite case: its name, the .req file (request line, headers, blank line, body), the .authz
   * file.
   */
  record Suite(String name, String req, String authz) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Suite suite(String name, String req, String authz) {
    return new Suite(name, req, authz);
  }

  /**
   * The cases that apply to execute-api over HTTP/1.1 (not header line folding, nor S3-only path
   * rules).
   */
  static Stream<Suite> suiteCases() {
    return Stream.of(
        suite(
            "get-vanilla",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        suite(
            "get-vanilla-query",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        suite(
            "get-vanilla-query-order-key-case",
            "GET /?Param2=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        suite(
            "get-vanilla-query-order-key",
            "GET /?Param1=value2&Param1=Value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        suite(
            "get-vanilla-query-order-value",
            "GET /?Param1=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        suite(
            "get-vanilla-query-order-encoded",
            "GET /?Param-3=Value3&Param=Value2&%E1%88%B4=Value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
        suite(
            "get-vanilla-query-unreserved",
            "GET /?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        suite(
            "get-vanilla-utf8-query",
            "GET /?ሴ=bar HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        suite(
            "get-vanilla-empty-query-key",
            "GET /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        suite(
            "get-unreserved",
            "GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        suite(
            "get-utf8",
            "GET /ሴ HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        suite(
            "get-header-value-trim",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\nMy-Header2: \"a   b   c\"\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        suite(
            "get-header-key-duplicate",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value2\nMy-Header1:value2\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        suite(
            "get-header-value-order",
            "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value4\nMy-Header1:value1\nMy-Header1:value3\nMy-Header1:value2\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        suite(
            "post-vanilla",
            "POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        suite(
            "post-vanilla-query",
            "POST /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        suite(
            "post-vanilla-empty-query-value",
            "POST /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        suite(
            "post-header-key-case",
            "POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        suite(
            "post-header-key-sort",
            "POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        suite(
            "post-header-value-case",
            "POST / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:VALUE1\nX-Amz-Date:20150830T123600Z",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        suite(
            "post-x-www-form-urlencoded",
            "POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\nParam1=value1",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        suite(
            "post-x-www-form-urlencoded-parameters",
            "POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded; charset=utf8\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n\nParam1=value1",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"));
  }

  /** A parsed .req: what the server would see. */
  private record Parsed(String method, URI uri, Map<String, List<String>> headers, byte[] body) {}

  private static Parsed parse(String req, String authorization) {
    String[] lines = req.split("\n", -1);
    String[] requestLine = lines[0].split(" ");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int i = 1;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1));
    }
    String body =
        i + 1 < lines.length ? String.join("\n", List.of(lines).subList(i + 1, lines.length)) : "";
    if (authorization != null) {
      headers.put("Authorization", List.of(authorization));
    }
    return new Parsed(
        requestLine[0],
        URI.create("http://example.amazonaws.com" + requestLine[1]),
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String verifySuite(Parsed p, AwsCredentialsIdentity key) {
    return SigV4.verify(
        p.method(), p.uri(), p.headers(), p.body(), key, SUITE_CLOCK, SUITE_SERVICE);
  }

  private static Parsed withHeader(Parsed p, String name, String value) {
    Map<String, List<String>> h = new LinkedHashMap<>(p.headers());
    if (value == null) {
      h.remove(name);
    } else {
      h.put(name, List.of(value));
    }
    return new Parsed(p.method(), p.uri(), h, p.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suiteCases")
  void verify_acceptsTheSuitesPublishedSignature(Suite c) {
    assertThat(verifySuite(parse(c.req(), c.authz()), SUITE_KEY)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suiteCases")
  void verify_refusesTheSuitesRequest_withAnyOtherSignature(Suite c) {
    String last = c.authz().substring(c.authz().length() - 1);
    String flipped =
        c.authz().substring(0, c.authz().length() - 1) + (last.equals("0") ? "1" : "0");
    assertThat(verifySuite(parse(c.req(), flipped), SUITE_KEY))
        .startsWith("signature does not match");
  }

  @Test
  void verify_acceptsSessionTokenCases_whenTheCallerUsesThatToken() {
    // get-vanilla-with-session-token/get-vanilla-with-session-token.{req,authz}, token from its
    // .sreq
    Parsed signedToken =
        withHeader(
            parse(
                "GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
            "X-Amz-Security-Token",
            "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
    assertThat(
            verifySuite(
                signedToken,
                session("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")))
        .isNull();

    // post-sts-token/post-sts-header-before: the token is part of the canonical request
    Parsed before =
        withHeader(
            parse(
                "POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
            "X-Amz-Security-Token",
            SUITE_STS_TOKEN);
    assertThat(verifySuite(before, session(SUITE_STS_TOKEN))).isNull();

    // post-sts-token/post-sts-header-after: the token is added after signing
    Parsed after =
        withHeader(
            parse(
                "POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
            "X-Amz-Security-Token",
            SUITE_STS_TOKEN);
    assertThat(verifySuite(after, session(SUITE_STS_TOKEN))).isNull();

    assertThat(verifySuite(before, SUITE_KEY))
        .isEqualTo("X-Amz-Security-Token sent, but the configured caller has no session token");
    assertThat(verifySuite(before, session("another-token")))
        .isEqualTo("X-Amz-Security-Token does not match the configured session token");
    assertThat(
            verifySuite(withHeader(after, "X-Amz-Security-Token", null), session(SUITE_STS_TOKEN)))
        .isEqualTo("missing X-Amz-Security-Token (the configured caller uses a session token)");
    assertThat(
            verifySuite(withHeader(before, "X-Amz-Security-Token", null), session(SUITE_STS_TOKEN)))
        .isEqualTo("signed header x-amz-security-token is missing from the request");
  }

  private static AwsSessionCredentialsIdentity session(String token) {
    return AwsSessionCredentialsIdentity.create(
        SUITE_KEY.accessKeyId(), SUITE_KEY.secretAccessKey(), token);
  }

  @Test
  void verify_refusesEachFault_withItsReason_andNeverEchoesSecrets() {
    String req =
        "GET /?Param2=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z";
    String good =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";
    Parsed ok = parse(req, good);
    assertThat(verifySuite(ok, SUITE_KEY)).isNull();

    List<String> reasons = new ArrayList<>();
    reasons.add(verifySuite(parse(req, null), SUITE_KEY));
    reasons.add(verifySuite(parse(req, "Bearer abc"), SUITE_KEY));
    reasons.add(
        verifySuite(ok, AwsCredentialsIdentity.create("AKIDOTHER", SUITE_KEY.secretAccessKey())));
    reasons.add(verifySuite(ok, AwsCredentialsIdentity.create("AKIDEXAMPLE", "another-secret")));
    reasons.add(verifySuite(parse(req.replace("Param1=value1", "Param1=value3"), good), SUITE_KEY));
    reasons.add(verifySuite(parse(req.replace("GET /?", "GET /other?"), good), SUITE_KEY));
    reasons.add(verifySuite(parse(req, good.replace("/service/", "/execute-api/")), SUITE_KEY));
    reasons.add(verifySuite(parse(req, good.replace("20150830/", "20150831/")), SUITE_KEY));
    reasons.add(verifySuite(parse(req, good.replace("host;x-amz-date", "x-amz-date")), SUITE_KEY));
    reasons.add(verifySuite(parse(req, good.replace("host;x-amz-date", "host")), SUITE_KEY));
    reasons.add(
        verifySuite(
            parse(req, good.replace("host;x-amz-date", "host;my-header;x-amz-date")), SUITE_KEY));
    reasons.add(verifySuite(withHeader(ok, "X-Amz-Date", null), SUITE_KEY));
    reasons.add(
        SigV4.verify(
            ok.method(),
            ok.uri(),
            ok.headers(),
            ok.body(),
            SUITE_KEY,
            Clock.offset(SUITE_CLOCK, java.time.Duration.ofMinutes(6)),
            SUITE_SERVICE));
    assertThat(reasons)
        .containsExactly(
            "missing Authorization header",
            "Authorization is not an AWS4-HMAC-SHA256 signature (Credential=, SignedHeaders=, Signature=)",
            "unknown access key id",
            "signature does not match (check the secret key, and that path, query, signed headers and body are sent as signed)",
            "signature does not match (check the secret key, and that path, query, signed headers and body are sent as signed)",
            "signature does not match (check the secret key, and that path, query, signed headers and body are sent as signed)",
            "signed for service execute-api, not service",
            "the credential scope's date is not the date of X-Amz-Date",
            "host is not among the signed headers",
            "x-amz-date is not among the signed headers",
            "signed header my-header is missing from the request",
            "missing or malformed X-Amz-Date (want yyyyMMddTHHmmssZ)",
            "signature expired or from the future (X-Amz-Date more than 5 minutes off)");
    assertThat(String.join("\n", reasons))
        .doesNotContain(SUITE_KEY.secretAccessKey(), "another-secret", "AKIDOTHER", "b97d918c");
  }

  @Test
  void verify_checksTheDeclaredPayloadHash_againstTheBody() {
    Clock now = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    AwsCredentialsIdentity key = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");
    byte[] body = "{\"email\":\"noreply@example.com\"}".getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest signed =
        SigV4.sign(
            "POST",
            URI.create("http://127.0.0.1:3000/accounts/production/identities"),
            Map.of("Content-Type", "application/json"),
            body,
            key,
            "us-east-1",
            now);
    assertThat(signed.firstMatchingHeader("Authorization").orElseThrow())
        .contains("x-amz-content-sha256");

    assertThat(SigV4.verify("POST", signed.getUri(), signed.headers(), body, key, now)).isNull();
    assertThat(
            SigV4.verify(
                "POST",
                signed.getUri(),
                signed.headers(),
                "{\"email\":\"other@example.com\"}".getBytes(StandardCharsets.UTF_8),
                key,
                now))
        .isEqualTo("x-amz-content-sha256 does not match the body");
    Map<String, List<String>> unsigned = new LinkedHashMap<>(signed.headers());
    unsigned.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
    assertThat(SigV4.verify("POST", signed.getUri(), unsigned, body, key, now))
        .startsWith("x-amz-content-sha256 must be the hex SHA-256");
  }

  @Test
  void verify_acceptsTheSdkSigner_forEncodedPathsAndOddQueries() {
    Clock now = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    AwsCredentialsIdentity key = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");
    URI uri =
        URI.create(
            "http://127.0.0.1:3000/accounts/production/suppressed/a+b%40example.com?z=1&A=%20x&a=&b=%2B%2F~*");
    SdkHttpFullRequest signed = SigV4.sign("GET", uri, Map.of(), null, key, "eu-west-1", now);
    assertThat(SigV4.verify("GET", uri, signed.headers(), new byte[0], key, now)).isNull();

    URI dotted = URI.create("http://127.0.0.1:3000/accounts/./production//../production/quota");
    SdkHttpFullRequest signedDotted =
        SigV4.sign("GET", dotted, Map.of(), null, key, "us-east-1", now);
    assertThat(SigV4.verify("GET", dotted, signedDotted.headers(), new byte[0], key, now)).isNull();
  }

  @Test
  void canonicalUriAndQuery_followSigV4sEncodingRules() {
    assertThat(SigV4.canonicalUri("")).isEqualTo("/");
    assertThat(SigV4.canonicalUri("/")).isEqualTo("/");
    assertThat(SigV4.canonicalUri("/accounts/a+b%40example.com/"))
        .isEqualTo("/accounts/a%2Bb%2540example.com/");
    assertThat(SigV4.canonicalUri("/-._~ A")).isEqualTo("/-._~%20A");
    assertThat(SigV4.canonicalUri("/a/./b//c/../d/")).isEqualTo("/a/b/d/");
    assertThat(SigV4.canonicalUri("/..")).isEqualTo("/");
    assertThat(SigV4.canonicalQuery(null)).isEmpty();
    assertThat(SigV4.canonicalQuery("b=2&a=&a=1&c&B=x")).isEqualTo("B=x&a=&a=1&b=2&c=");
    assertThat(SigV4.canonicalQuery("q=a+b%2a%7E&%zz=1")).isEqualTo("%25zz=1&q=a%2Bb%2A~");
    assertThat(SigV4.canonicalHeaderValue(List.of("  a   b  ", "c"))).isEqualTo("a b,c");
  }
}
