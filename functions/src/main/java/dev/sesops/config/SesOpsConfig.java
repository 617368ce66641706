package dev.sesops.config;

import dev.sesops.common.BadInputException;
import dev.sesops.common.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole config document: accounts, monitoring thresholds, cleanup policy, test recipients, the
 * Organization to discover (or null), DMARC reports.
 */
public record SesOpsConfig(
    Map<String, AccountConfig> accounts,
    MonitoringConfig monitoring,
    CleanupPolicy suppressionCleanup,
    List<String> testRecipients,
    Map<String, String> testEmails,
    OrganizationConfig organization,
    AuditConfig audit,
    ProtectionPolicy protection,
    DmarcConfig dmarc) {

  /** Without a {@code dmarc} block: its defaults (issue 24). */
  public SesOpsConfig(
      Map<String, AccountConfig> accounts,
      MonitoringConfig monitoring,
      CleanupPolicy suppressionCleanup,
      List<String> testRecipients,
      Map<String, String> testEmails,
      OrganizationConfig organization,
      AuditConfig audit,
      ProtectionPolicy protection) {
    this(
        accounts,
        monitoring,
        suppressionCleanup,
        testRecipients,
        testEmails,
        organization,
        audit,
        protection,
        DmarcConfig.defaults());
  }

  /** Without an {@code organization} block. */
  public SesOpsConfig(
      Map<String, AccountConfig> accounts,
      MonitoringConfig monitoring,
      CleanupPolicy suppressionCleanup,
      List<String> testRecipients,
      Map<String, String> testEmails) {
    this(accounts, monitoring, suppressionCleanup, testRecipients, testEmails, null);
  }

  /** Without an {@code audit} block: its defaults. */
  public SesOpsConfig(
      Map<String, AccountConfig> accounts,
      MonitoringConfig monitoring,
      CleanupPolicy suppressionCleanup,
      List<String> testRecipients,
      Map<String, String> testEmails,
      OrganizationConfig organization) {
    this(
        accounts,
        monitoring,
        suppressionCleanup,
        testRecipients,
        testEmails,
        organization,
        AuditConfig.defaults());
  }

  /** Without a {@code protection} block: the defaults (off). */
  public SesOpsConfig(
      Map<String, AccountConfig> accounts,
      MonitoringConfig monitoring,
      CleanupPolicy suppressionCleanup,
      List<String> testRecipients,
      Map<String, String> testEmails,
      OrganizationConfig organization,
      AuditConfig audit) {
    this(
        accounts,
        monitoring,
        suppressionCleanup,
        testRecipients,
        testEmails,
        organization,
        audit,
        ProtectionPolicy.defaults());
  }

  public AccountConfig account(String name) {
    AccountConfig a = accounts.get(name);
    if (a == null) {
      throw new NotFoundException(
          "unknown account '"
              + safe(name)
              + "' (configured: "
              + String.join(", ", accounts.keySet())
              + ")");
    }
    return a;
  }

  /**
   * The accounts a run covers: all of them in document order, or the named ones.
   *
   * @throws BadInputException naming every unknown account
   */
  public List<AccountConfig> select(List<String> names) {
    if (names == null) {
      return List.copyOf(accounts.values());
    }
    List<String> unknown = new ArrayList<>();
    List<AccountConfig> out = new ArrayList<>();
    for (String n : names) {
      AccountConfig a = accounts.get(n);
      if (a == null) {
        unknown.add(safe(n));
      } else if (!out.contains(a)) {
        out.add(a);
      }
    }
    if (!unknown.isEmpty()) {
      throw new BadInputException(
          "detail.accounts",
          "unknown account(s) "
              + String.join(", ", unknown)
              + " (configured: "
              + String.join(", ", accounts.keySet())
              + ")");
    }
    return out;
  }

  private static String safe(String name) {
    if (name == null) {
      return "null";
    }
    return name.matches(ConfigParser.ACCOUNT_NAME) ? name : "(invalid name)";
  }
}
