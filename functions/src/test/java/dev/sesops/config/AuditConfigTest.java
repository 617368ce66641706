package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The audit block: audit.dnsbl's default, an explicit list, an empty list, and bad entries named by
 * JSON path.
 */
class AuditConfigTest {
  private static final String ACCOUNTS = "\"accounts\":{\"p\":{\"region\":\"us-east-1\"}}";

  @Test
  void parse_defaultsTheBlocklists_whenTheBlockIsAbsent() {
    assertThat(ConfigParser.parse("{" + ACCOUNTS + "}").audit().dnsbl())
        .isEqualTo(AuditConfig.DEFAULT_DNSBL);
  }

  @Test
  void parse_takesTheListGiven_andAnEmptyListTurnsTheCheckOff() {
    assertThat(
            ConfigParser.parse(
                    "{"
                        + ACCOUNTS
                        + ",\"audit\":{\"dnsbl\":[\"zen.spamhaus.org\",\"KEY.zen.dq.spamhaus.net\"]}}")
                .audit()
                .dnsbl())
        .containsExactly("zen.spamhaus.org", "key.zen.dq.spamhaus.net");
    assertThat(ConfigParser.parse("{" + ACCOUNTS + ",\"audit\":{\"dnsbl\":[]}}").audit().dnsbl())
        .isEmpty();
  }

  @Test
  void parse_namesABadEntryByItsPath() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    "{" + ACCOUNTS + ",\"audit\":{\"dnsbl\":[\"ok.example\",\"not a zone\"]}}"))
        .hasMessageContaining("audit.dnsbl[1]");
    assertThatThrownBy(() -> ConfigParser.parse("{" + ACCOUNTS + ",\"audit\":[]}"))
        .hasMessageContaining("audit: expected an object");
  }
}
