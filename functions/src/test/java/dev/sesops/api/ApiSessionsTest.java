package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.aws.MemberSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSessionsTest {
  private static final String ALICE = "arn:aws:sts::111122223333:assumed-role/OpsAdmin/alice";

  private static ApiRequest request(String method) {
    return new ApiRequest(
        method, "/accounts/production/suppressed/x", Map.of(), Map.of(), null, "r-1", ALICE);
  }

  @Test
  void readRoutes_runAsTheReadSession_everyOtherRouteAsTheWriteSession_namingTheCaller() {
    assertThat(ApiSessions.forRequest(request("GET"), true))
        .isEqualTo(new MemberSession("api-read", "assumed-role.OpsAdmin.alice"));
    for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
      assertThat(ApiSessions.forRequest(request(m), true))
          .as(m)
          .isEqualTo(new MemberSession("api-write", "assumed-role.OpsAdmin.alice"));
    }
  }

  @Test
  void locally_orWithoutACaller_theSessionNamesNoOne() {
    assertThat(ApiSessions.forRequest(request("DELETE"), false).sourceIdentity()).isNull();
    ApiRequest anonymous =
        new ApiRequest(
            "DELETE", "/accounts/production/suppressed/x", Map.of(), Map.of(), null, "r");
    assertThat(ApiSessions.forRequest(anonymous, true))
        .isEqualTo(new MemberSession("api-write", null));
  }
}
