package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  @Test
  void encodeDecode_roundTripsSesToken_forTheSameScope() {
    String next = PageToken.encode("suppressed|prod|[BOUNCE]", "AAEC/+==");
    assertThat(next).matches("[A-Za-z0-9_-]+");
    assertThat(PageToken.decode("suppressed|prod|[BOUNCE]", next)).isEqualTo("AAEC/+==");
  }

  @Test
  void encode_returnsNull_onTheLastPage() {
    assertThat(PageToken.encode("s", null)).isNull();
    assertThat(PageToken.encode("s", "")).isNull();
    assertThat(PageToken.decode("s", null)).isNull();
  }

  @Test
  void decode_rejectsOtherScopesGarbageAndHugeTokens() {
    String next = PageToken.encode("a", "tok");
    assertThatThrownBy(() -> PageToken.decode("b", next))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("next:");
    assertThatThrownBy(() -> PageToken.decode("a", "%%%")).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> PageToken.decode("a", "")).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> PageToken.decode("a", "dGV4dA")).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> PageToken.decode("a", "A".repeat(9000)))
        .isInstanceOf(BadInputException.class);
  }
}
