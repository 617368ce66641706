package dev.sesops.suppression;

import dev.sesops.config.AccountConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an account's suppression trail and import sources go in the report bucket: under {@code
 * suppression-trail/OWNER/ACCOUNT/}, OWNER the AWS account whose SES reads the import sources. The
 * bucket policy lets SES import jobs read only their own account's prefix ({@code
 * aws:SourceAccount} per statement, issue 26), so one member account's jobs cannot read another's
 * trail.
 *
 * <p>OWNER is the account of the role ARN, else the configured {@code aws_account_id}, else {@value
 * #SELF}: the functions' own credentials, the ops account's prefix.
 */
final class TrailKeys {
  static final String ROOT = "suppression-trail/";

  /** The owner of accounts reached with the functions' own credentials: the ops account. */
  static final String SELF = "self";

  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:[^:]+:iam::(\\d{12}):role/.+");

  private TrailKeys() {}

  /** {@code suppression-trail/OWNER/ACCOUNT/}. */
  static String accountPrefix(AccountConfig a) {
    return ROOT + owner(a) + "/" + a.name() + "/";
  }

  static String owner(AccountConfig a) {
    if (a.roleArn() != null) {
      Matcher m = ROLE_ACCOUNT.matcher(a.roleArn());
      if (m.matches()) {
        return m.group(1);
      }
    }
    if (a.awsAccountId() != null && a.awsAccountId().matches("\\d{12}")) {
      return a.awsAccountId();
    }
    return SELF;
  }

  /**
   * Where a restore writes its import sources (as siblings of the returned location): beside the
   * trail when it lies under the account's prefix, else (a trail written before the per-account
   * prefixes, {@code suppression-trail/ACCOUNT/...}, or moved) under {@code
   * suppression-trail/OWNER/ACCOUNT/restores/}, where the account's import jobs may read them.
   */
  static S3Location importBase(S3Location trail, AccountConfig a) {
    String prefix = accountPrefix(a);
    if (trail.key().startsWith(prefix)) {
      return trail;
    }
    String file = trail.key().substring(trail.key().lastIndexOf('/') + 1);
    return new S3Location(trail.bucket(), prefix + "restores/" + file);
  }
}
