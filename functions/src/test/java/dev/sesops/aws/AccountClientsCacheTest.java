package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.CleanupPolicy;
import dev.sesops.config.Secret;
import dev.sesops.config.StaticKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The per-account cache is bounded: clients are built offline, so this needs no network. */
class AccountClientsCacheTest {

  static AccountConfig account(int i, boolean role) {
    return new AccountConfig(
        "acct-" + i,
        "eu-west-1",
        null,
        role ? String.format("arn:aws:iam::%012d:role/ses-ops-member", i) : null,
        role ? "ext-1" : null,
        role
            ? null
            : new StaticKeys(String.format("AKIACACHE%011d", i), new Secret("secret-" + i), null),
        List.of(),
        List.of(),
        CleanupPolicy.defaults());
  }

  @Test
  void perAccountClients_stayWithinTheBound_whileTheRecentOnesAreReused() {
    try (AccountClients clients =
        new AccountClients(
            UrlConnectionHttpClient.create(),
            Region.US_EAST_1,
            AnonymousCredentialsProvider.create())) {
      AccountConfig first = account(0, true);
      var ses = clients.ses(first);
      var pacer = clients.pacer(first);
      assertThat(clients.ses(first)).isSameAs(ses);
      assertThat(clients.pacer(first)).isSameAs(pacer);

      for (int i = 1; i < 2_000; i++) {
        AccountConfig a = account(i, i % 2 == 0);
        clients.ses(a);
        clients.sesV2(a);
        clients.cloudWatch(a);
        assertThat(clients.accountEntries())
            .isLessThanOrEqualTo(AccountClients.MAX_ACCOUNT_ENTRIES);
      }
      assertThat(clients.accountEntries()).isEqualTo(AccountClients.MAX_ACCOUNT_ENTRIES);
      // the first account was dropped long ago: a fresh client, and the recent ones are still
      // shared
      assertThat(clients.ses(first)).isNotSameAs(ses);
      AccountConfig recent = account(1_999, false);
      assertThat(clients.sesV2(recent)).isSameAs(clients.sesV2(recent));
    }
  }

  private static AccountConfig withKeys(String name, String keyId) {
    return new AccountConfig(
        name,
        "eu-west-1",
        null,
        null,
        null,
        new StaticKeys(keyId, new Secret("secret-" + keyId), null),
        List.of(),
        List.of(),
        CleanupPolicy.defaults());
  }

  @Test
  void clientsOfAnOldConfigVersion_leaveTheCache_andAreClosedAfterTheGrace() {
    try (AccountClients clients =
        new AccountClients(
            UrlConnectionHttpClient.create(),
            Region.US_EAST_1,
            AnonymousCredentialsProvider.create())) {
      long[] now = {0};
      clients.nanos = () -> now[0];
      var before = clients.ses(withKeys("production", "AKIAOLDKEY0000000001"));
      clients.sesV2(withKeys("production", "AKIAOLDKEY0000000001"));
      int entries = clients.accountEntries();

      // the secret now holds rotated keys: fresh clients, the old ones retired (still open for runs
      // holding them)
      var after = clients.ses(withKeys("production", "AKIANEWKEY0000000001"));
      clients.sesV2(withKeys("production", "AKIANEWKEY0000000001"));

      assertThat(after).isNotSameAs(before);
      assertThat(clients.accountEntries()).isEqualTo(entries);
      assertThat(clients.retiredOpen()).isEqualTo(2);
      // another account's clients are not another version of this one
      clients.ses(withKeys("staging", "AKIASTAGING000000001"));
      assertThat(clients.retiredOpen()).isEqualTo(2);

      // past the grace, the next retirement closes them
      now[0] += AccountClients.RETIRED_GRACE.toNanos();
      clients.ses(withKeys("staging", "AKIASTAGING000000002"));
      assertThat(clients.retiredOpen()).isEqualTo(1);
    }
  }
}
