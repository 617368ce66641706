package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.core.Scope;
import org.junit.jupiter.api.Test;

class ProtectionRoutesTest {
  @Test
  void resumeBody_namesOneScope() {
    assertThat(ProtectionRoutes.scope(Json.read("{\"configuration_set\": \"marketing\"}")))
        .isEqualTo(Scope.configurationSet("marketing"));
    assertThat(ProtectionRoutes.scope(Json.read("{\"tenant\": \"acme\"}")))
        .isEqualTo(Scope.tenant("acme"));
    assertThat(ProtectionRoutes.scope(Json.read("{\"account\": true}"))).isEqualTo(Scope.account());
  }

  @Test
  void resumeBody_withNoneOrTwoScopesOrABadName_isRejectedWithItsPath() {
    assertThatThrownBy(() -> ProtectionRoutes.scope(Json.read("{}")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("body: name exactly one scope");
    assertThatThrownBy(
            () -> ProtectionRoutes.scope(Json.read("{\"tenant\": \"a\", \"account\": true}")))
        .hasMessageStartingWith("body: name exactly one scope");
    assertThatThrownBy(() -> ProtectionRoutes.scope(Json.read("{\"tenant\": \"a/b\"}")))
        .hasMessage("body.tenant: expected a name of 1-64 letters, digits, '.', '_' or '-'");
    assertThatThrownBy(() -> ProtectionRoutes.scope(Json.read("{\"account\": false}")))
        .hasMessage("body.account: only true names the account");
    assertThatThrownBy(() -> ProtectionRoutes.scope(Json.read("{\"configuration_set\": 5}")))
        .hasMessage("body.configuration_set: expected a string");
  }
}
