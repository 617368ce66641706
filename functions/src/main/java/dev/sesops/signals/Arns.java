package dev.sesops.signals;

/** Small ARN helpers (no validation: SES's own values are reported as they are). */
final class Arns {
  private Arns() {}

  /** {@code arn:aws:ses:us-east-1:111122223333:identity/example.com} is {@code example.com}. */
  static String shortName(String arn) {
    if (arn == null) {
      return "(none)";
    }
    int i = arn.indexOf(":identity/");
    if (i >= 0) {
      return arn.substring(i + ":identity/".length());
    }
    int j = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
    return j >= 0 && j < arn.length() - 1 ? arn.substring(j + 1) : arn;
  }

  /**
   * The tenant name of a tenant ARN ({@code arn:aws:ses:REGION:ACCOUNT:tenant/NAME/ID}), or null
   * when the ARN is not a tenant's.
   */
  static String tenantName(String arn) {
    if (arn == null) {
      return null;
    }
    int i = arn.indexOf(":tenant/");
    if (i < 0) {
      return null;
    }
    String rest = arn.substring(i + ":tenant/".length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    return name.isEmpty() ? null : name;
  }
}
