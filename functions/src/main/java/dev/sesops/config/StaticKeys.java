package dev.sesops.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Long-lived access keys, the helper's way (kept for compatibility; the audit flags them). */
public record StaticKeys(
    String accessKeyId, @JsonIgnore Secret secretAccessKey, @JsonIgnore Secret sessionToken) {
  @Override
  public String toString() {
    return "StaticKeys[accessKeyId=" + mask(accessKeyId) + ", secretAccessKey=****]";
  }

  /** First four characters only: enough to tell keys apart in a report, not enough to use. */
  public static String mask(String keyId) {
    return keyId == null ? null : keyId.length() <= 4 ? "****" : keyId.substring(0, 4) + "****";
  }
}
