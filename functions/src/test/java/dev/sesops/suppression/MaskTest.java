package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Mask;
import org.junit.jupiter.api.Test;

class MaskTest {
  @Test
  void mask_keepsTheFirstCharacterAndTheDomainOnly() {
    assertThat(Mask.address("jane.doe@example.com")).isEqualTo("j***@example.com");
    assertThat(Mask.address("ü+x@example.com")).isEqualTo("ü***@example.com");
    assertThat(Mask.address("not-an-address")).isEqualTo("***");
    assertThat(Mask.address(null)).isNull();
  }
}
