package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendTestPolicyTest {
  private final ApiFixture f = new ApiFixture();

  private ApiResponse send(String from, String to) {
    return f.call(
        "POST",
        "/accounts/production/test-emails",
        Map.of(),
        "{\"from\":\""
            + from
            + "\",\"to\":\""
            + to
            + "\",\"subject\":\"Hello\",\"body\":\"Test\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "success@simulator.amazonses.com",
        "bounce@simulator.amazonses.com",
        "ooto@simulator.amazonses.com",
        "complaint@simulator.amazonses.com",
        "suppressionlist@simulator.amazonses.com",
        "SUCCESS@Simulator.AmazonSES.com",
        "qa@example.com"
      })
  void sendTest_sendsToSimulatorAndConfiguredTestRecipients(String to) {
    f.ses.identities.put("noreply@yourdomain.com", "Success");
    ApiResponse r = send("noreply@yourdomain.com", to);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("message_id").asText()).isEqualTo("msg-1");
    assertThat(f.ses.sent).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "someone@example.org",
        "success@simulator.amazonses.com.evil.com",
        "qa@example.com.evil.com",
        "success@simulator.amazonses.co"
      })
  void sendTest_refusesAnyOtherRecipient_with403(String to) {
    f.ses.identities.put("noreply@yourdomain.com", "Success");
    ApiResponse r = send("noreply@yourdomain.com", to);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body().at("/error/code").asText()).isEqualTo("forbidden");
    assertThat(ApiFixture.text(r)).doesNotContain(to);
    assertThat(f.ses.sent).isEmpty();
  }

  @Test
  void sendTest_refusesASenderNoVerifiedIdentityCovers() {
    f.ses.identities.put("yourdomain.com", "Pending");
    ApiResponse r = send("noreply@yourdomain.com", "success@simulator.amazonses.com");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body().at("/error/message").asText()).contains("body.from");
    assertThat(f.ses.sent).isEmpty();
  }

  @Test
  void sendTest_acceptsASenderCoveredByItsVerifiedDomain() {
    f.ses.identities.put("yourdomain.com", "Success");
    ApiResponse r = send("anyone@yourdomain.com", "success@simulator.amazonses.com");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("sender_identity").asText()).isEqualTo("yourdomain.com");
    assertThat(r.body().path("to").asText()).isEqualTo("s***@simulator.amazonses.com");
  }
}
