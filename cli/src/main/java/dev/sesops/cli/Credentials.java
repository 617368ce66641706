package dev.sesops.cli;

import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The credentials the CLI signs with: the SDK's default chain (environment, profiles including SSO
 * profiles through the sso and ssooidc modules, container and instance roles), for {@code
 * --profile} or AWS_PROFILE; and what to tell a person when they cannot be had.
 */
final class Credentials {
  private Credentials() {}

  static AwsCredentialsProvider provider(String profile) {
    DefaultCredentialsProvider.Builder b = DefaultCredentialsProvider.builder();
    if (profile != null) {
      b.profileName(profile);
    }
    return b.build();
  }

  /** The profile in use: --profile, else AWS_PROFILE, else "default". */
  static String profileName(String profile, Map<String, String> env) {
    if (profile != null) {
      return profile;
    }
    String p = env.get("AWS_PROFILE");
    return p == null || p.isBlank() ? "default" : p.trim();
  }

  /** Why no credentials could be resolved, and what to run: never a key or a token. */
  static String explain(RuntimeException e, String profile) {
    String all = messages(e).toLowerCase(Locale.ROOT);
    if (all.contains("sso")
        && (all.contains("expired") || all.contains("refresh") || all.contains("token"))) {
      return "the SSO session of profile "
          + profile
          + " has expired or was never started: run aws sso login --profile "
          + profile;
    }
    if (all.contains("profile file contained no credentials for profile")
        || all.contains("profile") && all.contains("not found")) {
      return "no AWS profile "
          + profile
          + " with credentials (see ~/.aws/config); pass --profile NAME or set AWS_PROFILE";
    }
    return "no AWS credentials for signing API requests (profile "
        + profile
        + ", then the default chain): "
        + e.getClass().getSimpleName()
        + "; run aws configure, or aws sso login --profile NAME";
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t;
        c != null && sb.length() < 10_000;
        c = c.getCause() == c ? null : c.getCause()) {
      sb.append(' ').append(c.getMessage());
    }
    return sb.toString();
  }
}
