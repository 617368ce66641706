package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import org.junit.jupiter.api.Test;

class TrailKeysTest {
  private static AccountConfig account(String json) {
    return ConfigParser.parse("{\"accounts\": {\"production\": " + json + "}}")
        .account("production");
  }

  @Test
  void owner_isTheRolesAccount_whenTheAccountIsReachedThroughARole() {
    AccountConfig a =
        account(
            "{\"region\": \"us-east-1\", \"role_arn\": \"arn:aws:iam::444455556666:role/ses-ops\","
                + " \"aws_account_id\": \"777788889999\"}");
    assertThat(TrailKeys.accountPrefix(a)).isEqualTo("suppression-trail/444455556666/production/");
  }

  @Test
  void owner_isTheConfiguredAccountId_withoutARole() {
    AccountConfig a = account("{\"region\": \"us-east-1\", \"aws_account_id\": \"777788889999\"}");
    assertThat(TrailKeys.accountPrefix(a)).isEqualTo("suppression-trail/777788889999/production/");
  }

  @Test
  void owner_isSelf_forTheFunctionsOwnCredentials() {
    assertThat(TrailKeys.accountPrefix(account("{\"region\": \"us-east-1\"}")))
        .isEqualTo("suppression-trail/self/production/");
  }

  @Test
  void importBase_staysBesideATrailUnderTheAccountsPrefix_andMovesAnyOtherUnderIt() {
    AccountConfig a = account("{\"region\": \"us-east-1\"}");
    S3Location current =
        S3Location.parse(
            "s3://reports-bucket/suppression-trail/self/production/2025/06/01/run.jsonl", "trail");
    assertThat(TrailKeys.importBase(current, a)).isEqualTo(current);
    assertThat(
            TrailKeys.importBase(
                    S3Location.parse(
                        "s3://reports-bucket/suppression-trail/444455556666/production/2025/06/01/run.jsonl",
                        "trail"),
                    a)
                .toString())
        .isEqualTo("s3://reports-bucket/suppression-trail/self/production/restores/run.jsonl");
  }
}
