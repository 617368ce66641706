package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every helper command, with its argument order, parses to the API call it stands for. */
class CommandsTest {

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("accounts", "GET", "/accounts", Map.of(), null),
        Arguments.of("quota production", "GET", "/accounts/production/quota", Map.of(), null),
        Arguments.of("stats production", "GET", "/accounts/production/stats", Map.of(), null),
        Arguments.of(
            "reputation production", "GET", "/accounts/production/reputation", Map.of(), null),
        Arguments.of("monitor production", "POST", "/accounts/production/monitor", Map.of(), null),
        Arguments.of(
            "monitor production --no-notify",
            "POST",
            "/accounts/production/monitor",
            Map.of("notify", List.of("false")),
            null),
        Arguments.of("audit production", "POST", "/accounts/production/audit", Map.of(), null),
        Arguments.of(
            "verified-emails production",
            "GET",
            "/accounts/production/identities",
            Map.of("type", List.of("email")),
            null),
        Arguments.of(
            "verified-domains production --limit 5",
            "GET",
            "/accounts/production/identities",
            Map.of("type", List.of("domain"), "limit", List.of("5")),
            null),
        Arguments.of(
            "verify-identity production a+b@example.com",
            "GET",
            "/accounts/production/identities/a%2Bb@example.com",
            Map.of(),
            null),
        Arguments.of(
            "verify-email production noreply@example.com",
            "POST",
            "/accounts/production/identities",
            Map.of(),
            "{\"email\":\"noreply@example.com\"}"),
        Arguments.of(
            "verify-domain production example.com",
            "POST",
            "/accounts/production/identities",
            Map.of(),
            "{\"domain\":\"example.com\"}"),
        Arguments.of(
            "dkim production example.com",
            "GET",
            "/accounts/production/identities/example.com/dkim",
            Map.of(),
            null),
        Arguments.of(
            "enable-dkim production example.com",
            "PUT",
            "/accounts/production/identities/example.com/dkim",
            Map.of(),
            "{\"enabled\":true}"),
        Arguments.of(
            "enable-dkim production example.com --disable",
            "PUT",
            "/accounts/production/identities/example.com/dkim",
            Map.of(),
            "{\"enabled\":false}"),
        Arguments.of(
            "notifications production example.com",
            "GET",
            "/accounts/production/identities/example.com/notifications",
            Map.of(),
            null),
        Arguments.of(
            "config-sets production",
            "GET",
            "/accounts/production/configuration-sets",
            Map.of(),
            null),
        Arguments.of(
            "resume shop --configuration-set marketing",
            "POST",
            "/accounts/shop/resume",
            Map.of(),
            "{\"configuration_set\":\"marketing\"}"),
        Arguments.of(
            "resume shop --tenant acme",
            "POST",
            "/accounts/shop/resume",
            Map.of(),
            "{\"tenant\":\"acme\"}"),
        Arguments.of(
            "resume shop --account",
            "POST",
            "/accounts/shop/resume",
            Map.of(),
            "{\"account\":true}"),
        Arguments.of(
            "actions shop --limit 5",
            "GET",
            "/accounts/shop/actions",
            Map.of("limit", List.of("5")),
            null),
        Arguments.of(
            "suppressed production --reason bounce --from 2024-01-01 --to=2024-02-01 --limit 10 --reveal",
            "GET",
            "/accounts/production/suppressed",
            Map.of(
                "reason",
                List.of("bounce"),
                "from",
                List.of("2024-01-01"),
                "to",
                List.of("2024-02-01"),
                "limit",
                List.of("10"),
                "reveal",
                List.of("true")),
            null),
        Arguments.of(
            "suppression-details production jane@example.com",
            "GET",
            "/accounts/production/suppressed/jane@example.com",
            Map.of(),
            null),
        Arguments.of(
            "remove-suppression production jane@example.com",
            "DELETE",
            "/accounts/production/suppressed/jane@example.com",
            Map.of(),
            null),
        Arguments.of(
            "send-test production noreply@yourdomain.com success@simulator.amazonses.com Subject",
            "POST",
            "/accounts/production/test-emails",
            Map.of(),
            "{\"from\":\"noreply@yourdomain.com\",\"to\":\"success@simulator.amazonses.com\",\"subject\":\"Subject\"}"),
        Arguments.of(
            "debug production jane@example.com --from noreply@example.com",
            "GET",
            "/accounts/production/debug/jane@example.com",
            Map.of("from", List.of("noreply@example.com")),
            null),
        Arguments.of("tenants production", "GET", "/accounts/production/tenants", Map.of(), null),
        Arguments.of(
            "tenant production acme", "GET", "/accounts/production/tenants/acme", Map.of(), null),
        Arguments.of(
            "cleanup production",
            "POST",
            "/accounts/production/suppression-cleanup",
            Map.of("dry_run", List.of("true")),
            null),
        Arguments.of(
            "cleanup production --apply",
            "POST",
            "/accounts/production/suppression-cleanup",
            Map.of("dry_run", List.of("false")),
            null),
        Arguments.of("top production", "GET", "/accounts/production/sources", Map.of(), null),
        Arguments.of(
            "top production --by recipient-domain --window 24h --limit 5",
            "GET",
            "/accounts/production/sources",
            Map.of(
                "by", List.of("recipient-domain"), "window", List.of("24h"), "limit", List.of("5")),
            null),
        Arguments.of(
            "connect-events production newsletter",
            "POST",
            "/accounts/production/config-sets/newsletter/event-destination",
            Map.of("apply", List.of("false")),
            null),
        Arguments.of(
            "connect-events production newsletter --apply --remove",
            "POST",
            "/accounts/production/config-sets/newsletter/event-destination",
            Map.of("apply", List.of("true"), "remove", List.of("true")),
            null),
        Arguments.of("dmarc example.com", "GET", "/domains/example.com/dmarc", Map.of(), null),
        Arguments.of(
            "dmarc example.com --days 7",
            "GET",
            "/domains/example.com/dmarc",
            Map.of("days", List.of("7")),
            null),
        Arguments.of(
            "connect-notifications production example.com",
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of("apply", List.of("false")),
            null),
        Arguments.of(
            "connect-notifications production example.com --apply --topic arn:aws:sns:eu-west-1:111122223333:t",
            "POST",
            "/accounts/production/identities/example.com/notification-topic",
            Map.of(
                "apply", List.of("true"), "topic", List.of("arn:aws:sns:eu-west-1:111122223333:t")),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void parse_turnsEachCommandIntoItsApiCall(
      String line, String method, String path, Map<String, List<String>> query, String body) {
    Invocation inv = Commands.parse(List.of(line.split(" ")));
    assertThat(inv.method()).isEqualTo(method);
    assertThat(Cli.encodePath(inv.segments())).isEqualTo(path);
    assertThat(inv.query()).isEqualTo(query);
    assertThat(inv.body() == null ? null : inv.body().toString()).isEqualTo(body);
  }

  @Test
  void everyHelpedCommand_isCoveredByTheTable() {
    List<String> tested =
        commands().map(a -> ((String) a.get()[0]).split(" ")[0]).distinct().toList();
    assertThat(tested).containsExactlyInAnyOrderElementsOf(Commands.HELP.keySet());
  }

  @Test
  void sendTest_takesASubjectWithSpacesAndABody_asSeparateWords() {
    Invocation inv =
        Commands.parse(
            List.of(
                "send-test",
                "production",
                "a@example.com",
                "success@simulator.amazonses.com",
                "Hello there",
                "Body text"));
    assertThat(inv.body().path("subject").asText()).isEqualTo("Hello there");
    assertThat(inv.body().path("body").asText()).isEqualTo("Body text");
  }

  @Test
  void parse_rejectsMissingArgumentsUnknownOptionsAndExtraWords() {
    assertThatThrownBy(() -> Commands.parse(List.of("quota")))
        .isInstanceOf(UsageException.class)
        .hasMessage("missing ACCOUNT");
    assertThatThrownBy(() -> Commands.parse(List.of("send-test", "production", "a@b.com")))
        .hasMessage("missing TO");
    assertThatThrownBy(() -> Commands.parse(List.of("quota", "production", "extra")))
        .hasMessage("unexpected argument extra");
    assertThatThrownBy(() -> Commands.parse(List.of("quota", "production", "--fast")))
        .hasMessage("unknown option --fast");
    assertThatThrownBy(() -> Commands.parse(List.of("suppressed", "production", "--limit")))
        .hasMessage("--limit needs a value");
    assertThatThrownBy(() -> Commands.parse(List.of("frobnicate")))
        .hasMessage("unknown command 'frobnicate'");
  }

  @Test
  void resume_namesExactlyOneScope() {
    assertThatThrownBy(() -> Commands.parse(List.of("resume", "shop")))
        .isInstanceOf(UsageException.class)
        .hasMessage("name exactly one of --configuration-set NAME, --tenant NAME, --account");
    assertThatThrownBy(
            () -> Commands.parse(List.of("resume", "shop", "--tenant", "a", "--account")))
        .hasMessage("name exactly one of --configuration-set NAME, --tenant NAME, --account");
    assertThatThrownBy(() -> Commands.parse(List.of("resume", "shop", "--configuration-set")))
        .hasMessage("--configuration-set needs a value");
  }

  @Test
  void paging_flagsSetAllAndTheListField() {
    Invocation inv = Commands.parse(List.of("suppressed", "production", "--all"));
    assertThat(inv.all()).isTrue();
    assertThat(inv.listField()).isEqualTo("entries");
    assertThat(Commands.parse(List.of("audit", "production")).slow()).isTrue();
  }
}
