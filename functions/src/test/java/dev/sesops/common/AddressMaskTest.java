package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressMaskTest {

  @Test
  void mask_keepsFirstCharacterAndDomain_only() {
    assertThat(AddressMask.mask("jane.doe@Example.COM")).isEqualTo("j***@example.com");
    assertThat(AddressMask.mask("not-an-address")).isEqualTo("***");
    assertThat(AddressMask.mask("@example.com")).isEqualTo("***");
    assertThat(AddressMask.mask(null)).isNull();
  }

  @Test
  void maskWithRef_tellsAlikeAddressesApart_andIgnoresCase() {
    String a = AddressMask.maskWithRef("jane@example.com");
    String b = AddressMask.maskWithRef("john@example.com");
    assertThat(a).startsWith("j***@example.com#").isNotEqualTo(b);
    assertThat(AddressMask.ref("JANE@Example.com")).isEqualTo(AddressMask.ref("jane@example.com"));
    assertThat(a).doesNotContain("jane");
  }
}
