package dev.sesops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.permissions.SesPermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recorded-calls comparison (issue 26): every AWS operation a function made ({@link
 * RecordedCalls}) is granted by its ops-account role ({@link SesPermissions#policy}: the SES,
 * CloudWatch, S3, DynamoDB, SNS, Secrets Manager and STS actions), and the ones it makes in member
 * accounts (SES v1 and v2, CloudWatch) by its member-account session ({@link
 * SesPermissions#memberSession}).
 */
public final class Grants {
  private Grants() {}

  /** Needs no permission: any principal may ask who it is. */
  private static final Set<String> UNAUTHORIZED = Set.of("sts:GetCallerIdentity");

  /**
   * Asserts {@code function}'s role and {@code session} grant every call, and returns the calls
   * made in member accounts (for the reverse check).
   */
  public static Set<String> assertGranted(String function, String session, Set<String> calls) {
    Set<String> role = new TreeSet<>();
    SesPermissions.policy(function).forEach(st -> role.addAll(st.actions()));
    // granted by the stack only with protection enabled: ProtectionSwitches
    role.addAll(
        function.equals("monitor")
            ? SesPermissions.MONITOR_PROTECTION_WRITE
            : function.equals("api") || function.equals("events")
                ? SesPermissions.PROTECTION_WRITE
                : List.of());
    Set<String> authorized = new TreeSet<>(calls);
    authorized.removeAll(UNAUTHORIZED);
    assertThat(role)
        .as("the " + function + " role (SesPermissions.policy) grants every recorded call")
        .containsAll(authorized);
    Set<String> member = memberCalls(calls);
    assertThat(SesPermissions.memberSession(session))
        .as("the " + session + " member-account session grants every SES and CloudWatch call")
        .containsAll(member);
    return member;
  }

  /** The calls a function makes in a member account: SES v1 and v2, and CloudWatch metrics. */
  public static Set<String> memberCalls(Set<String> calls) {
    Set<String> out = new TreeSet<>();
    for (String c : calls) {
      if (c.startsWith("ses:") || c.startsWith("cloudwatch:")) {
        out.add(c);
      }
    }
    return out;
  }
}
