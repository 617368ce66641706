package dev.sesops.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MemberSessionTest {

  @Test
  void sourceIdentity_isThePrincipalAfterTheAccount_withCharactersStsRefusesAsDots() {
    assertThat(
            MemberSession.sourceIdentityOf(
                "arn:aws:sts::111122223333:assumed-role/OpsAdmin/alice@example.com"))
        .isEqualTo("assumed-role.OpsAdmin.alice@example.com");
    assertThat(MemberSession.sourceIdentityOf("arn:aws:iam::111122223333:user/bob"))
        .isEqualTo("user.bob");
    assertThat(MemberSession.sourceIdentityOf("arn:aws-cn:iam::111122223333:user/a b#c"))
        .isEqualTo("user.a.b.c");
  }

  @Test
  void sourceIdentity_fitsSts_2To64Characters_keepingTheEnd_orIsNull() {
    String longSession = "x".repeat(80) + "-alice";
    String id =
        MemberSession.sourceIdentityOf(
            "arn:aws:sts::111122223333:assumed-role/Role/" + longSession);
    assertThat(id).hasSize(64).endsWith("-alice").matches("[\\w+=,.@-]{2,64}");
    assertThat(MemberSession.sourceIdentityOf(null)).isNull();
    assertThat(MemberSession.sourceIdentityOf("arn:aws:iam::111122223333:x")).isNull();
    assertThatThrownBy(() -> new MemberSession("api-write", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MemberSession("fleet", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void session_isTheThreadsWithinItsScope_andTravelsWithPropagatedWork() throws Exception {
    MemberSession write = new MemberSession("api-write", "user.bob");
    assertThat(MemberSession.current()).isNull();
    MemberSession seen =
        MemberSession.within(
            write,
            () ->
                CompletableFuture.supplyAsync(CallDeadline.propagate(MemberSession::current))
                    .join());
    assertThat(seen).isEqualTo(write);
    assertThat(MemberSession.current()).isNull();
    assertThat(write.sessionName()).isEqualTo("ses-ops-api-write");
    assertThat(write.policy()).contains("ses:DeleteSuppressedDestination");
  }
}
