package dev.sesops.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The local server's SigV4 check ({@code serve --verify-sigv4}) against signers ses-ops did not
 * write: Python's botocore {@code SigV4Auth} (Debian's python3-botocore) and Node's
 * {@code @smithy/signature-v4} (npm, installed by scripts/emulator.sh into .tools/sigv4). Each
 * signs and sends real HTTP requests to the running server (src/test/sigv4-clients); good ones
 * reach the API, each fault is a 403 naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigV4ClientsIT {
  private static final Path CLIENTS = Path.of("src", "test", "sigv4-clients");
  private static final Path NODE_MODULES = Path.of("..", ".tools", "sigv4", "node_modules");
  private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/session+token==";
  private static final AwsSessionCredentialsIdentity SESSION_CALLER =
      AwsSessionCredentialsIdentity.create(
          "ASIASESOPSLOCALTEST", "session-secret/for+tests", TOKEN);
  private static final String MISMATCH = "signature does not match";

  private LocalServerFixture server;
  private LocalServerFixture sessionServer;

  @BeforeAll
  void start() throws IOException {
    server = LocalServerFixture.start();
    sessionServer = LocalServerFixture.startFor(server, SESSION_CALLER);
  }

  @AfterAll
  void stop() throws IOException {
    sessionServer.close();
    server.close();
  }

  /**
   * The cases both signers run: name, what to sign, what to send instead (the fault), the answer
   * wanted.
   */
  private record Case(String name, ObjectNode spec, int status, String reasonOrBodyPart) {}

  private ObjectNode key(String id, String secret, String token) {
    ObjectNode k = Json.object().put("id", id).put("secret", secret);
    if (token != null) {
      k.put("token", token);
    }
    return k;
  }

  private ObjectNode goodKey() {
    return key(server.accessKeyId(), server.secretAccessKey(), null);
  }

  private static ObjectNode spec(String name, String method, String path, ObjectNode key) {
    ObjectNode s = Json.object().put("name", name).put("method", method).put("path", path);
    s.set("key", key);
    return s;
  }

  private static ArrayNode query(String... kv) {
    ArrayNode a = Json.object().arrayNode();
    for (int i = 0; i < kv.length; i += 2) {
      a.addArray().add(kv[i]).add(kv[i + 1]);
    }
    return a;
  }

  private static ObjectNode jsonPost(ObjectNode s, String body) {
    s.put("body", body);
    s.putObject("headers").put("Content-Type", "application/json");
    return s;
  }

  private List<Case> cases() {
    String email = "{\"email\":\"noreply@example.com\"}";
    String other = "{\"email\":\"noreplx@example.com\"}"; // same length: only the hash can tell
    ObjectNode oddQuery =
        spec("get-query-odd-order", "GET", "/accounts/production/suppressed", goodKey());
    oddQuery.set("query", query("reveal", "true", "reason", "bounce,complaint", "limit", "2"));
    ObjectNode needsEncoding = spec("get-query-needs-encoding", "GET", "/accounts", goodKey());
    needsEncoding.set("query", query("z~", "a b/c*", "A", "(1)+!'", "\u1234", "", "a", "é"));
    ObjectNode changedQuery =
        spec("changed-query", "GET", "/accounts/production/suppressed", goodKey());
    changedQuery.set("query", query("limit", "2"));
    changedQuery.putObject("send").set("query", query("limit", "3"));
    ObjectNode missingHeader = spec("signed-header-missing", "GET", "/accounts", goodKey());
    missingHeader.putObject("headers").put("X-Ses-Ops-Probe", "1");
    missingHeader.putObject("send").put("dropHeader", "X-Ses-Ops-Probe");
    ObjectNode changedPath = spec("changed-path", "GET", "/accounts", goodKey());
    changedPath.putObject("send").put("path", "/accounts/production/quota");
    ObjectNode changedBody =
        jsonPost(spec("changed-body", "POST", "/accounts/production/identities", goodKey()), email);
    changedBody.putObject("send").put("body", other);
    ObjectNode changedHashedBody =
        jsonPost(
                spec(
                    "changed-body-with-content-sha256",
                    "POST",
                    "/accounts/production/identities",
                    goodKey()),
                email)
            .put("contentSha256", true);
    changedHashedBody.putObject("send").put("body", other);
    return List.of(
        new Case("get", spec("get", "GET", "/accounts", goodKey()), 200, "\"production\""),
        new Case(
            "get-with-content-sha256",
            spec("get-with-content-sha256", "GET", "/accounts", goodKey())
                .put("contentSha256", true),
            200,
            "\"production\""),
        new Case(
            "get-encoded-path",
            spec(
                "get-encoded-path",
                "GET",
                "/accounts/production/suppressed/a+b%40example.com",
                goodKey()),
            200,
            "COMPLAINT"),
        new Case("get-query-odd-order", oddQuery, 200, "\"entries\""),
        // the signature passes; the API then refuses the made-up parameters (not a 403)
        new Case("get-query-needs-encoding", needsEncoding, 400, "unknown query parameter"),
        new Case(
            "post-json",
            jsonPost(
                spec("post-json", "POST", "/accounts/production/identities", goodKey()), email),
            202,
            "Pending"),
        new Case(
            "post-json-with-content-sha256",
            jsonPost(
                    spec(
                        "post-json-with-content-sha256",
                        "POST",
                        "/accounts/production/identities",
                        goodKey()),
                    email)
                .put("contentSha256", true),
            202,
            "Pending"),
        new Case(
            "wrong-key",
            spec(
                "wrong-key",
                "GET",
                "/accounts",
                key("AKIDNOTTHEKEY", server.secretAccessKey(), null)),
            403,
            "unknown access key id"),
        new Case(
            "wrong-secret",
            spec(
                "wrong-secret",
                "GET",
                "/accounts",
                key(server.accessKeyId(), "not-the-secret", null)),
            403,
            MISMATCH),
        new Case("changed-path", changedPath, 403, MISMATCH),
        new Case("changed-query", changedQuery, 403, MISMATCH),
        new Case("changed-body", changedBody, 403, MISMATCH),
        new Case(
            "changed-body-with-content-sha256",
            changedHashedBody,
            403,
            "x-amz-content-sha256 does not match the body"),
        new Case(
            "signed-header-missing",
            missingHeader,
            403,
            "signed header x-ses-ops-probe is missing from the request"),
        new Case(
            "old-date",
            spec("old-date", "GET", "/accounts", goodKey()).put("ageSeconds", 600),
            403,
            "X-Amz-Date more than 5 minutes off"),
        new Case(
            "token-for-a-caller-without-one",
            spec(
                "token-for-a-caller-without-one",
                "GET",
                "/accounts",
                key(server.accessKeyId(), server.secretAccessKey(), TOKEN)),
            403,
            "the configured caller has no session token"));
  }

  private List<Case> sessionCases() {
    String id = SESSION_CALLER.accessKeyId();
    String secret = SESSION_CALLER.secretAccessKey();
    return List.of(
        new Case(
            "session-token",
            spec("session-token", "GET", "/accounts", key(id, secret, TOKEN)),
            200,
            "\"production\""),
        new Case(
            "session-token-post",
            jsonPost(
                    spec(
                        "session-token-post",
                        "POST",
                        "/accounts/production/identities",
                        key(id, secret, TOKEN)),
                    "{\"email\":\"noreply@example.com\"}")
                .put("contentSha256", true),
            202,
            "Pending"),
        new Case(
            "session-token-missing",
            spec("session-token-missing", "GET", "/accounts", key(id, secret, null)),
            403,
            "missing X-Amz-Security-Token"),
        new Case(
            "session-token-wrong",
            spec("session-token-wrong", "GET", "/accounts", key(id, secret, TOKEN + "x")),
            403,
            "X-Amz-Security-Token does not match the configured session token"));
  }

  @Test
  void botocoreSigV4Auth_isAccepted_andEachFaultIsRefusedWithItsReason() throws Exception {
    List<String> cmd =
        List.of("/usr/bin/python3", CLIENTS.resolve("botocore_client.py").toString());
    check(cmd, server, cases(), Map.of());
    check(cmd, sessionServer, sessionCases(), Map.of());
  }

  @Test
  void smithySignatureV4_isAccepted_andEachFaultIsRefusedWithItsReason() throws Exception {
    assertThat(NODE_MODULES.resolve("@smithy/signature-v4/package.json"))
        .as("scripts/emulator.sh install puts @smithy/signature-v4 into .tools/sigv4")
        .exists();
    Map<String, String> env =
        Map.of("NODE_PATH", NODE_MODULES.toAbsolutePath().normalize().toString());
    check(List.of("node", CLIENTS.resolve("smithy_client.cjs").toString()), server, cases(), env);
    check(
        List.of("node", CLIENTS.resolve("smithy_client.cjs").toString()),
        sessionServer,
        sessionCases(),
        env);
  }

  /** Runs one signer over the cases against one server; every answer must be the one wanted. */
  private void check(
      List<String> command, LocalServerFixture target, List<Case> cases, Map<String, String> env)
      throws Exception {
    ArrayNode specs = Json.object().arrayNode();
    cases.forEach(c -> specs.add(c.spec()));
    JsonNode out = runClient(command, target, specs, env);
    String signer = out.path("signer").asText();
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    out.path("results").forEach(r -> byName.put(r.path("name").asText(), r));
    assertThat(byName.keySet())
        .as(signer)
        .containsExactlyElementsOf(cases.stream().map(Case::name).toList());
    for (Case c : cases) {
      JsonNode r = byName.get(c.name());
      String body = r.path("body").asText();
      assertThat(r.path("status").asInt())
          .as("%s %s (signed %s): %s", signer, c.name(), r.path("signedHeaders").asText(), body)
          .isEqualTo(c.status());
      if (c.status() == 403) {
        JsonNode err = Json.read(body).path("error");
        assertThat(err.path("code").asText()).isEqualTo("invalid_signature");
        assertThat(err.path("message").asText())
            .as("%s %s", signer, c.name())
            .contains(c.reasonOrBodyPart())
            .doesNotContain(
                server.secretAccessKey() + "/",
                SESSION_CALLER.secretAccessKey(),
                TOKEN,
                "not-the-secret");
      } else {
        assertThat(body).as("%s %s", signer, c.name()).contains(c.reasonOrBodyPart());
      }
    }
    System.out.println(
        signer
            + ": "
            + cases.size()
            + " cases as wanted; signed "
            + byName.get(cases.get(0).name()).path("signedHeaders").asText()
            + " for "
            + cases.get(0).name());
  }

  private static JsonNode runClient(
      List<String> command, LocalServerFixture target, ArrayNode specs, Map<String, String> env)
      throws Exception {
    List<String> full = new ArrayList<>(command);
    if (command.get(0).equals("node")) {
      full.addAll(List.of("127.0.0.1", String.valueOf(target.port())));
    } else {
      full.add("127.0.0.1:" + target.port());
    }
    ProcessBuilder pb = new ProcessBuilder(full);
    pb.environment().putAll(env);
    Path err = Files.createTempFile("sigv4-client", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(Json.write(specs).getBytes(StandardCharsets.UTF_8));
    }
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
    String stderr = Files.readString(err);
    Files.deleteIfExists(err);
    assertThat(p.exitValue()).as("%s: %s", command, stderr).isZero();
    return Json.read(stdout);
  }
}
