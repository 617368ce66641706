package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsS3PathStyleTest {

  @Test
  void s3PathStyle_isOffWithoutAnOverride() {
    assertThat(Settings.s3PathStyle(Map.of())).isFalse();
    assertThat(Settings.s3PathStyle(Map.of("SES_OPS_S3_PATH_STYLE", "false"))).isFalse();
  }

  @Test
  void s3PathStyle_isOnWhenAskedFor_orWhenAnEndpointIsOverridden() {
    assertThat(Settings.s3PathStyle(Map.of("SES_OPS_S3_PATH_STYLE", "true"))).isTrue();
    assertThat(Settings.s3PathStyle(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"))).isTrue();
    assertThat(Settings.s3PathStyle(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5000")))
        .isTrue();
  }
}
