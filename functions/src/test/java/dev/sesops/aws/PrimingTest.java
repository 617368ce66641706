package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class PrimingTest {

  @Test
  void prime_pushesEveryClientCallThroughTheCannedClient_withoutNetwork() {
    // every call must succeed against the canned answers: a failing one would prime less than it
    // claims
    assertThat(Priming.prime()).isEqualTo(8);
  }

  @Test
  void cannedAnswer_matchesTheProtocol_cborQueryRestXmlJson() throws Exception {
    HttpExecuteResponse cbor =
        Priming.CannedHttpClient.answer(
            request("https://monitoring.us-east-1.amazonaws.com/service/x", "application/cbor"));
    assertThat(cbor.httpResponse().firstMatchingHeader("smithy-protocol")).hasValue("rpc-v2-cbor");
    assertThat(cbor.responseBody().orElseThrow().readAllBytes()).containsExactly((byte) 0xA0);

    HttpExecuteResponse query =
        Priming.CannedHttpClient.answer(
            SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("https://email.us-east-1.amazonaws.com/"))
                .putRawQueryParameter("Action", "GetSendQuota")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build());
    assertThat(
            new String(query.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("<GetSendQuotaResponse><GetSendQuotaResult/></GetSendQuotaResponse>");

    HttpExecuteResponse json =
        Priming.CannedHttpClient.answer(
            request("https://email.us-east-1.amazonaws.com/v2/email/account", ""));
    assertThat(json.httpResponse().statusCode()).isEqualTo(200);
    assertThat(new String(json.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }

  private static SdkHttpRequest request(String uri, String contentType) {
    SdkHttpRequest.Builder b =
        SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(uri));
    if (!contentType.isEmpty()) {
      b.putHeader("Content-Type", contentType);
    }
    return b.build();
  }

  @Test
  void register_isIdempotent_theSecondCallRegistersNothing() {
    Priming.register(); // the first in this JVM, or a handler's static block got there first
    assertThat(Priming.register()).as("a second registration of the same hook").isFalse();
  }
}
