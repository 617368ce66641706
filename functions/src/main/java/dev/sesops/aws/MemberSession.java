package dev.sesops.aws;

import dev.sesops.permissions.SesPermissions;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The session a thread's member-account calls run in: its {@code ses-ops-FUNCTION} name and policy
 * ({@link SesPermissions#memberSession}), and for the API the caller's identity, passed to
 * AssumeRole as {@code SourceIdentity} so CloudTrail in the member account names who asked. {@link
 * AccountClients} uses the thread's session when one is open ({@link #within}), else its own
 * function's; work handed to another thread carries it along ({@link CallDeadline#propagate}).
 *
 * @param function a {@link SesPermissions#SESSION_FUNCTIONS} name
 * @param sourceIdentity null, or 2 to 64 of {@code [\w+=,.@-]} ({@link #sourceIdentityOf})
 */
public record MemberSession(String function, String sourceIdentity) {
  private static final Pattern SOURCE_IDENTITY = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\w+=,.@-]");
  private static final ThreadLocal<MemberSession> CURRENT = new ThreadLocal<>();

  public MemberSession {
    SesPermissions.memberSession(Objects.requireNonNull(function, "function"));
    if (sourceIdentity != null && !SOURCE_IDENTITY.matcher(sourceIdentity).matches()) {
      throw new IllegalArgumentException("not a valid STS SourceIdentity");
    }
  }

  /** The session name AssumeRole gets: {@code ses-ops-FUNCTION}. */
  public String sessionName() {
    return "ses-ops-" + function;
  }

  /** The session policy AssumeRole gets ({@link SesPermissions#sessionPolicy}). */
  public String policy() {
    return SesPermissions.sessionPolicy(function);
  }

  /** Runs {@code work} with its member-account calls in {@code session}. */
  public static <T> T within(MemberSession session, Supplier<T> work) {
    Objects.requireNonNull(session, "session");
    MemberSession outer = CURRENT.get();
    CURRENT.set(session);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** {@code work}, to run on another thread in this thread's session. */
  public static <T> Supplier<T> propagate(Supplier<T> work) {
    MemberSession s = CURRENT.get();
    return s == null ? work : () -> within(s, work);
  }

  /** The current thread's session, or null. */
  public static MemberSession current() {
    return CURRENT.get();
  }

  /**
   * An IAM principal ARN as an STS {@code SourceIdentity}: the part after the account ({@code
   * assumed-role/Admin/alice} for {@code arn:aws:sts::111122223333:assumed-role/Admin/alice},
   * {@code user/bob} for an IAM user), each character STS does not allow ({@code /} included) as
   * {@code .}, the last 64 characters when longer (the session or user name ends it). Null when
   * nothing of at least 2 characters is left, or for null.
   */
  public static String sourceIdentityOf(String principalArn) {
    if (principalArn == null) {
      return null;
    }
    String[] parts = principalArn.split(":", 6);
    String tail = parts.length == 6 ? parts[5] : principalArn;
    String clean = NOT_ALLOWED.matcher(tail).replaceAll(".");
    if (clean.length() > 64) {
      clean = clean.substring(clean.length() - 64);
    }
    return clean.length() < 2 ? null : clean;
  }
}
