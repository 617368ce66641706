package dev.sesops.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The gateway builds each SDK client at its first call: a quota read never builds SES v2's or
 * CloudWatch's.
 */
class SesGatewayLazyClientsTest {
  private final List<String> built = new ArrayList<>();

  /**
   * A client "built" by recording its name; the build then fails, which stops the call before any
   * I/O.
   */
  private <T> Supplier<T> recorder(String name) {
    return () -> {
      built.add(name);
      throw new IllegalStateException("built " + name);
    };
  }

  @Test
  void constructingTheGateway_buildsNoClient() {
    new SesGateway(recorder("ses"), recorder("sesv2"), recorder("cloudwatch"));

    assertThat(built).isEmpty();
  }

  @Test
  void quota_buildsOnlySesV1() {
    SesGateway gateway = new SesGateway(recorder("ses"), recorder("sesv2"), recorder("cloudwatch"));

    assertThatThrownBy(gateway::quota).hasMessage("built ses");

    assertThat(built).containsExactly("ses");
  }

  @Test
  void account_buildsOnlySesV2() {
    SesGateway gateway = new SesGateway(recorder("ses"), recorder("sesv2"), recorder("cloudwatch"));

    assertThatThrownBy(gateway::account).hasMessage("built sesv2");

    assertThat(built).containsExactly("sesv2");
  }
}
