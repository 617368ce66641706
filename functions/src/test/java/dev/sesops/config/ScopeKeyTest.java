package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeKeyTest {
  @Test
  void scopeKey_isAKnownKindInLowerCase_andANameOfAtMost255CharactersWithoutSpaces() {
    assertThat(ConfigParser.isScopeKey("configuration-set:transactional")).isTrue();
    assertThat(ConfigParser.isScopeKey("account:shop")).isTrue();
    assertThat(ConfigParser.isScopeKey("recipient-domain:gmail.com")).isTrue();
    assertThat(ConfigParser.isScopeKey("tenant:" + "t".repeat(255))).isTrue();

    assertThat(ConfigParser.isScopeKey("tenant:" + "t".repeat(256))).isFalse();
    assertThat(ConfigParser.isScopeKey("Configuration-Set:transactional")).isFalse();
    assertThat(ConfigParser.isScopeKey("campaign:x")).isFalse();
    assertThat(ConfigParser.isScopeKey("tenant:")).isFalse();
    assertThat(ConfigParser.isScopeKey("tenant:a b")).isFalse();
    assertThat(ConfigParser.isScopeKey("account")).isFalse();
  }
}
