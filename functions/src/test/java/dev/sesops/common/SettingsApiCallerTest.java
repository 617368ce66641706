package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsApiCallerTest {

  @Test
  void apiCaller_readsTheKeyPair_andTheOptionalSessionToken() {
    Settings.ApiCaller plain =
        Settings.apiCaller(
            Map.of(
                "SES_OPS_API_ACCESS_KEY_ID",
                "AKIDLOCAL",
                "SES_OPS_API_SECRET_ACCESS_KEY",
                "s3cret"));
    assertThat(plain).isEqualTo(new Settings.ApiCaller("AKIDLOCAL", "s3cret", null));

    Settings.ApiCaller session =
        Settings.apiCaller(
            Map.of(
                "SES_OPS_API_ACCESS_KEY_ID",
                "ASIALOCAL",
                "SES_OPS_API_SECRET_ACCESS_KEY",
                "s3cret",
                "SES_OPS_API_SESSION_TOKEN",
                "tok3n"));
    assertThat(session.sessionToken()).isEqualTo("tok3n");
    assertThat(session.toString()).contains("ASIALOCAL").doesNotContain("s3cret", "tok3n");
  }

  @Test
  void apiCaller_namesTheMissingVariable() {
    assertThatThrownBy(() -> Settings.apiCaller(Map.of("SES_OPS_API_SECRET_ACCESS_KEY", "s3cret")))
        .isInstanceOf(Settings.MissingSettingException.class)
        .hasMessageContaining("SES_OPS_API_ACCESS_KEY_ID");
    assertThatThrownBy(
            () ->
                Settings.apiCaller(
                    Map.of(
                        "SES_OPS_API_ACCESS_KEY_ID",
                        "AKIDLOCAL",
                        "SES_OPS_API_SECRET_ACCESS_KEY",
                        " ")))
        .isInstanceOf(Settings.MissingSettingException.class)
        .hasMessageContaining("SES_OPS_API_SECRET_ACCESS_KEY");
  }
}
