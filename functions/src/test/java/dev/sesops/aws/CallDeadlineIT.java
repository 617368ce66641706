package dev.sesops.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.SesV2Stubs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/** A hanging SES endpoint: the call ends at the run's deadline, not at the SDK's 60 s. */
class CallDeadlineIT {
  private WireMockServer wiremock;
  private AccountClients clients;
  private AccountConfig slow;

  @BeforeEach
  void setUp() {
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    Emulator.pointSdkAt(URI.create(wiremock.baseUrl()));
    for (String service : Emulator.SERVICES) {
      Emulator.pointServiceAt(service, URI.create(wiremock.baseUrl()));
    }
    clients = new AccountClients("us-east-1", 100);
    slow =
        ConfigParser.parse(
                """
        {"accounts": {"slow": {"region": "us-east-1", "aws_access_key_id": "AKIASLOW000000000001", "aws_secret_access_key": "s"}}}
        """)
            .account("slow");
    wiremock.stubFor(
        SesV2Stubs.getAccount("us-east-1")
            .willReturn(SesV2Stubs.account("HEALTHY", true, true).withFixedDelay(8_000)));
  }

  @AfterEach
  void tearDown() {
    clients.close();
    wiremock.stop();
    Emulator.clearSdkProperties();
  }

  @Test
  void hangingCall_endsAtTheDeadline_withTheSdksTimeout() {
    Clock clock = Clock.systemUTC();
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                CallDeadline.within(
                    Deadline.after(clock, 1_500, Duration.ZERO),
                    () -> clients.sesV2(slow).getAccount(b -> {})))
        .isInstanceOf(ApiCallTimeoutException.class);

    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isBetween(1_000L, 3_000L);
  }

  @Test
  void callWithNoTimeLeft_isNotMade() {
    Clock clock = Clock.systemUTC();

    assertThatThrownBy(
            () ->
                CallDeadline.within(
                    Deadline.after(clock, 0, Duration.ZERO),
                    () -> clients.sesV2(slow).getAccount(b -> {})))
        .isInstanceOf(ApiCallTimeoutException.class);

    wiremock.verify(0, getRequestedFor(urlEqualTo(SesV2Stubs.ACCOUNT_PATH)));
  }

  @Test
  void deadlineCarriedToAnotherThread_boundsTheCallThere() throws Exception {
    Clock clock = Clock.systemUTC();
    long start = System.nanoTime();

    var future =
        CallDeadline.within(
            Deadline.after(clock, 1_500, Duration.ZERO),
            () ->
                java.util.concurrent.CompletableFuture.supplyAsync(
                    CallDeadline.propagate(() -> clients.sesV2(slow).getAccount(b -> {}))));

    assertThatThrownBy(future::join).hasCauseInstanceOf(ApiCallTimeoutException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000L);
  }
}
