package dev.sesops.permissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM actions each function may call: the one place to change them. Each SES list is what that
 * function's code calls through the SDK (SES v1 and v2 share the {@code ses:} action names), no
 * more. Compiled into both the CDK app (infra: the roles it creates) and the functions' classes
 * (the CLI's {@code ses-ops permissions}), from this one source folder; an infra test compares the
 * synthesized roles with {@link #policy}.
 */
public final class SesPermissions {

  public static final List<String> MONITOR =
      List.of(
          "ses:GetAccount",
          "ses:GetSendQuota",
          "ses:GetSendStatistics",
          // what AWS knows (issue 12): VDM findings and provider metrics, tenants, the pipeline
          // check's destinations
          "ses:ListRecommendations",
          "ses:BatchGetMetricData",
          "ses:ListTenants",
          "ses:ListReputationEntities",
          "ses:GetReputationEntity",
          "ses:ListConfigurationSets",
          "ses:GetConfigurationSetEventDestinations");

  public static final List<String> AUDIT =
      List.of(
          "ses:GetAccount",
          "ses:ListIdentities",
          "ses:GetIdentityVerificationAttributes",
          "ses:GetIdentityDkimAttributes",
          "ses:GetIdentityMailFromDomainAttributes",
          "ses:GetIdentityNotificationAttributes",
          "ses:ListConfigurationSets",
          "ses:GetConfigurationSet",
          "ses:GetConfigurationSetEventDestinations",
          // the default configuration set of each expected domain (issue 11)
          "ses:GetEmailIdentity",
          // VDM findings in the report (issue 12)
          "ses:ListRecommendations",
          // recorded against the emulator (AuditIT, issue 26): dedicated IPs and pools, the
          // bulk-sender
          // checks' contact lists, and the sending volume behind the readiness matrix
          "ses:GetDedicatedIps",
          "ses:ListDedicatedIpPools",
          "ses:ListContactLists",
          "ses:GetContactList",
          "ses:GetSendStatistics");

  public static final List<String> CLEANUP =
      List.of(
          "ses:GetAccount",
          "ses:ListSuppressedDestinations",
          "ses:DeleteSuppressedDestination",
          // the restore of a trail (the restore event, restore-suppression), single puts
          "ses:PutSuppressedDestination",
          "ses:CreateImportJob",
          "ses:GetImportJob");

  /** What only the API calls, on top of everything the scheduled functions call. */
  public static final List<String> API_ONLY =
      List.of(
          // one suppressed address: its details, and the state before a removal (the cleanup never
          // reads one: recorded, issue 26)
          "ses:GetSuppressedDestination",
          "ses:VerifyEmailIdentity",
          "ses:VerifyDomainIdentity",
          "ses:VerifyDomainDkim",
          "ses:SetIdentityDkimEnabled",
          "ses:SendEmail",
          // tenant ACCOUNT NAME (issue 12)
          "ses:GetTenant",
          // connect-events (issue 11): the EventBridge destination on a configuration set, and its
          // undo
          "ses:CreateConfigurationSetEventDestination",
          "ses:DeleteConfigurationSetEventDestination",
          // connect-notifications (issue 27): an identity's bounce, complaint and delivery topic
          // (SES v1)
          "ses:SetIdentityNotificationTopic");

  /**
   * What protection reads before it changes anything (the state before, for the log and resume;
   * issue 13).
   */
  public static final List<String> PROTECTION_READ =
      List.of(
          "ses:GetAccount", "ses:GetConfigurationSet", "ses:GetTenant", "ses:GetReputationEntity");

  /**
   * The three sending switches protection flips (pause and resume): granted only when the stack is
   * deployed with protection enabled (context {@code protectionEnabled=true}).
   */
  public static final List<String> PROTECTION_WRITE =
      List.of(
          "ses:PutConfigurationSetSendingOptions",
          "ses:UpdateReputationEntityCustomerManagedStatus",
          "ses:PutAccountSendingAttributes");

  /** The monitor's protector sees only account-level rates, so it can pause at most the account. */
  public static final List<String> MONITOR_PROTECTION_WRITE =
      List.of("ses:PutAccountSendingAttributes");

  public static final List<String> API = union(MONITOR, AUDIT, CLEANUP, API_ONLY, PROTECTION_READ);

  /**
   * What the cross-account member role allows: everything any function calls in a member account.
   */
  public static final List<String> MEMBER = API;

  /** The member role with protection enabled: also the switches. */
  public static final List<String> MEMBER_WITH_PROTECTION = union(MEMBER, PROTECTION_WRITE);

  /**
   * The sessions in member accounts, each its own {@code ses-ops-SESSION}: one per function, and
   * two for the API (its read routes and its write routes: docs/security.md).
   */
  public static final List<String> SESSION_FUNCTIONS =
      List.of("monitor", "audit", "cleanup", "api-read", "api-write", "events", "reports");

  /**
   * Whether an IAM action only reads: {@code Get*}, {@code List*}, {@code Describe*}, {@code
   * BatchGet*} (the access levels "Read" and "List" of every action these lists hold).
   */
  public static boolean isRead(String action) {
    String name = action.substring(action.indexOf(':') + 1);
    return name.startsWith("Get")
        || name.startsWith("List")
        || name.startsWith("Describe")
        || name.startsWith("BatchGet");
  }

  /** The read-only actions of {@code actions}, in order. */
  public static List<String> readOnly(List<String> actions) {
    return actions.stream().filter(SesPermissions::isRead).toList();
  }

  /**
   * The actions a session in a member account may use: the SES actions of its function's own role
   * (the switches included: the member role grants them only when protection is on), and the
   * reputation metrics for those that read them. The member role is the union; the session policy
   * cuts each session down to its share (issue 26). The API's read routes ({@code GET}) run as
   * {@code api-read}, which holds only reads; its other routes as {@code api-write}.
   */
  public static List<String> memberSession(String function) {
    return switch (function) {
      case "monitor" -> union(MONITOR, MONITOR_PROTECTION_WRITE, METRICS);
      case "audit" -> AUDIT;
      case "cleanup" -> CLEANUP;
      case "api-read" -> readOnly(union(API, METRICS));
      case "api-write" -> union(API, PROTECTION_WRITE, METRICS);
      case "events" -> union(PROTECTION_READ, PROTECTION_WRITE);
      case "reports" -> REPORTS_FUNCTION;
      default ->
          throw new IllegalArgumentException(
              "no member-account session for '"
                  + function
                  + "' (known: "
                  + String.join(", ", SESSION_FUNCTIONS)
                  + ")");
    };
  }

  /**
   * The session policy (IAM JSON) AssumeRole passes for {@code function}: {@link #memberSession} on
   * "*" (the member role's own statements scope the writes to the account's resources: {@link
   * #SCOPED_WRITES}; a session policy only narrows them).
   */
  public static String sessionPolicy(String function) {
    StringBuilder sb =
        new StringBuilder(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[");
    List<String> actions = memberSession(function);
    for (int i = 0; i < actions.size(); i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(actions.get(i)).append('"');
    }
    return sb.append("],\"Resource\":\"*\"}]}").toString();
  }

  /**
   * The SES write actions IAM authorizes on a resource type (Service Authorization Reference,
   * "Actions, resources, and condition keys for Amazon Simple Email Service v2"), with the resource
   * paths granted (in {@code arn:PARTITION:ses:*:ACCOUNT:}, the account's own): these are never
   * granted on "*". Every other write of these lists has no resource type in the reference (the
   * account's suppression list, import jobs, sending attributes, and the SES v1 identity writes
   * {@code Verify*}, {@code SetIdentity*}), so it stays on "*".
   *
   * <ul>
   *   <li>the configuration-set writes: {@code configuration-set*} (required);
   *   <li>{@code UpdateReputationEntityCustomerManagedStatus}: {@code reputation-entity*};
   *   <li>{@code SendEmail}: {@code identity*} (required) and {@code configuration-set} (the
   *       identity's default set, when it has one); send-test sends no template nor contact list.
   * </ul>
   */
  public static final Map<String, List<String>> SCOPED_WRITES =
      Map.of(
          "ses:PutConfigurationSetSendingOptions", List.of("configuration-set/*"),
          "ses:CreateConfigurationSetEventDestination", List.of("configuration-set/*"),
          "ses:DeleteConfigurationSetEventDestination", List.of("configuration-set/*"),
          "ses:UpdateReputationEntityCustomerManagedStatus", List.of("reputation-entity/*"),
          "ses:SendEmail", List.of("identity/*", "configuration-set/*"));

  /**
   * {@code actions} as statements: the ones of {@link #SCOPED_WRITES} grouped by their resource
   * paths (sid {@code base} + "Scoped" + n), the rest one statement on "*" (sid {@code base});
   * resources as paths after {@code arn:PARTITION:ses:*:ACCOUNT:} ("*" for the unscoped).
   */
  public static List<ScopedStatement> scoped(String base, List<String> actions) {
    List<String> anywhere = new ArrayList<>();
    Map<List<String>, List<String>> byPaths = new LinkedHashMap<>();
    for (String a : actions) {
      List<String> paths = SCOPED_WRITES.get(a);
      if (paths == null) {
        anywhere.add(a);
      } else {
        byPaths.computeIfAbsent(paths, k -> new ArrayList<>()).add(a);
      }
    }
    List<ScopedStatement> out = new ArrayList<>();
    if (!anywhere.isEmpty()) {
      out.add(new ScopedStatement(base, List.copyOf(anywhere), List.of("*")));
    }
    int n = 0;
    for (Map.Entry<List<String>, List<String>> e : byPaths.entrySet()) {
      out.add(new ScopedStatement(base + "Scoped" + (++n), List.copyOf(e.getValue()), e.getKey()));
    }
    return List.copyOf(out);
  }

  /**
   * One statement of {@link #scoped}: {@code paths} are "*" or resource paths in the account's own
   * SES ARN space.
   */
  public record ScopedStatement(String sid, List<String> actions, List<String> paths) {
    public boolean anywhere() {
      return paths.equals(List.of("*"));
    }
  }

  /** CloudWatch reputation metrics (GetMetricData has no resource-level permissions). */
  public static final List<String> METRICS = List.of("cloudwatch:GetMetricData");

  /** The alert-state table. */
  public static final List<String> STATE_TABLE =
      List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query");

  /**
   * The events function's counters: read 100 keys a call (recorded against the emulator, issue 26;
   * its conditional writes are {@code TransactWriteItems} of puts, authorized as {@code PutItem}).
   */
  public static final List<String> EVENT_COUNTERS = List.of("dynamodb:BatchGetItem");

  /** Objects under one prefix of the report bucket (audit reports, the suppression trail). */
  public static final List<String> REPORTS = List.of("s3:PutObject", "s3:GetObject");

  /** Listing one prefix of the report bucket (the audit compares with its previous report). */
  public static final List<String> REPORTS_LIST = List.of("s3:ListBucket");

  /** The config secret, as CDK's {@code Secret.grantRead} grants it. */
  public static final List<String> SECRET_READ =
      List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");

  /** The alert topic and its key, as CDK's {@code Topic.grantPublish} grants them. */
  public static final List<String> TOPIC_PUBLISH = List.of("sns:Publish");

  public static final List<String> TOPIC_KEY = List.of("kms:Decrypt", "kms:GenerateDataKey*");

  /** The function's own log group (the stack creates it with its retention). */
  public static final List<String> LOGS = List.of("logs:CreateLogStream", "logs:PutLogEvents");

  /** The dead-letter queue of failed asynchronous invocations. */
  public static final List<String> DEAD_LETTER = List.of("sqs:SendMessage");

  /** The events queue, as CDK's SQS event source grants it to the events function. */
  public static final List<String> EVENTS_QUEUE =
      List.of(
          "sqs:ReceiveMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueUrl",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes");

  /** The member accounts' roles (when the stack is given their ARNs). */
  public static final List<String> ASSUME_MEMBER_ROLES = List.of("sts:AssumeRole");

  /**
   * The API names its caller on its member-account sessions (STS {@code SourceIdentity}); the
   * member role's trust allows it for the ses-ops function roles.
   */
  public static final List<String> SET_SOURCE_IDENTITY = List.of("sts:SetSourceIdentity");

  /**
   * The reports function (issue 24): each account's dedicated IPs, to attribute report sources to
   * SES.
   */
  public static final List<String> REPORTS_FUNCTION = List.of("ses:GetDedicatedIps");

  /** The functions, by the names the CLI and the local runner use. */
  public static final List<String> FUNCTIONS =
      List.of("monitor", "audit", "cleanup", "api", "events", "reports", "member-role");

  /**
   * One statement of a function's policy; {@code resource} names the stack's resource it applies
   * to.
   */
  public record Statement(String sid, List<String> actions, String resource) {}

  private SesPermissions() {}

  /**
   * The policy a function's role has in the stack (resources as placeholders for the stack's own:
   * SECRET_ARN, TOPIC_ARN, ...); {@code member-role} is what the role in each member account
   * allows. Deployed with {@code protectionEnabled=true}, the monitor, the API, the events function
   * and the member role also get a {@code ProtectionSwitches} statement ({@link #PROTECTION_WRITE};
   * the monitor only {@link #MONITOR_PROTECTION_WRITE}).
   */
  public static List<Statement> policy(String function) {
    List<Statement> s = new ArrayList<>();
    switch (function) {
      case "monitor" -> {
        common(s, MONITOR);
        scheduled(s);
        s.add(new Statement("ReadReputationMetrics", METRICS, "*"));
        s.add(new Statement("StateTable", STATE_TABLE, "STATE_TABLE_ARN"));
        reports(s, "ActionLog", "actions/", false);
      }
      case "audit" -> {
        common(s, AUDIT);
        scheduled(s);
        s.add(new Statement("StateTable", STATE_TABLE, "STATE_TABLE_ARN"));
        reports(s, "AuditReports", "audits/", true);
      }
      case "cleanup" -> {
        common(s, CLEANUP);
        scheduled(s);
        reports(s, "SuppressionTrail", "suppression-trail/", false);
      }
      case "api" -> {
        common(s, API);
        s.add(new Statement("ReadReputationMetrics", METRICS, "*"));
        s.add(new Statement("StateTable", STATE_TABLE, "STATE_TABLE_ARN"));
        reports(s, "AuditReports", "audits/", true);
        reports(s, "SuppressionTrail", "suppression-trail/", false);
        reports(s, "ActionLog", "actions/", false);
        s.add(new Statement("SetCallerSourceIdentity", SET_SOURCE_IDENTITY, "MEMBER_ROLE_ARNS"));
      }
      case "events" -> {
        // no SES call: it counts the events the queue delivers, and alerts
        s.add(new Statement("ReadConfigSecret", SECRET_READ, "SECRET_ARN"));
        s.add(new Statement("PublishAlerts", TOPIC_PUBLISH, "TOPIC_ARN"));
        s.add(new Statement("AlertTopicKey", TOPIC_KEY, "TOPIC_KEY_ARN"));
        s.add(new Statement("OwnLogGroup", LOGS, "FUNCTION_LOG_GROUP_ARN"));
        s.add(new Statement("StateTable", STATE_TABLE, "STATE_TABLE_ARN"));
        s.add(new Statement("EventsQueue", EVENTS_QUEUE, "EVENTS_QUEUE_ARN"));
        s.add(new Statement("EventCounters", EVENT_COUNTERS, "STATE_TABLE_ARN"));
        // protection after each batch (issue 13): the state before, in the account's own role; the
        // action log
        s.add(new Statement("ProtectionReads", PROTECTION_READ, "*"));
        s.add(new Statement("AssumeMemberAccountRoles", ASSUME_MEMBER_ROLES, "MEMBER_ROLE_ARNS"));
        reports(s, "ActionLog", "actions/", false);
      }
      case "reports" -> {
        // DMARC and TLS reports from S3: raw mail and files in, aggregates out (issue 24)
        common(s, REPORTS_FUNCTION);
        scheduled(s);
        s.add(new Statement("StateTable", STATE_TABLE, "STATE_TABLE_ARN"));
        reports(s, "InboundReportMail", "inbound/", false);
        reports(s, "ReportFiles", "reports/", false);
        reports(s, "DmarcAggregates", "dmarc/", false);
        reports(s, "TlsReportAggregates", "tlsrpt/", false);
      }
      case "member-role" -> ses(s, "SesActions", MEMBER);
      default ->
          throw new IllegalArgumentException(
              "unknown function '" + function + "' (known: " + String.join(", ", FUNCTIONS) + ")");
    }
    return List.copyOf(s);
  }

  private static void common(List<Statement> s, List<String> actions) {
    ses(s, "SesActions", actions);
    s.add(new Statement("ReadConfigSecret", SECRET_READ, "SECRET_ARN"));
    s.add(new Statement("PublishAlerts", TOPIC_PUBLISH, "TOPIC_ARN"));
    s.add(new Statement("AlertTopicKey", TOPIC_KEY, "TOPIC_KEY_ARN"));
    s.add(new Statement("AssumeMemberAccountRoles", ASSUME_MEMBER_ROLES, "MEMBER_ROLE_ARNS"));
    s.add(new Statement("OwnLogGroup", LOGS, "FUNCTION_LOG_GROUP_ARN"));
  }

  /**
   * SES actions as statements: the writes of {@link #SCOPED_WRITES} on the account's own resources
   * ({@code arn:PARTITION:ses:*:ACCOUNT:configuration-set/*}, ...), the rest on "*".
   */
  private static void ses(List<Statement> s, String sid, List<String> actions) {
    for (ScopedStatement st : scoped(sid, actions)) {
      s.add(
          new Statement(
              st.sid(),
              st.actions(),
              st.anywhere()
                  ? "*"
                  : String.join(
                      ", ",
                      st.paths().stream().map(p -> "arn:PARTITION:ses:*:ACCOUNT:" + p).toList())));
    }
  }

  /**
   * Scheduled (asynchronous) invocations that fail go to the dead-letter queue; the API is
   * synchronous.
   */
  private static void scheduled(List<Statement> s) {
    s.add(new Statement("DeadLetterQueue", DEAD_LETTER, "DEAD_LETTER_QUEUE_ARN"));
  }

  private static void reports(List<Statement> s, String sid, String prefix, boolean list) {
    s.add(new Statement(sid, REPORTS, "REPORT_BUCKET_ARN/" + prefix + "*"));
    if (list) {
      s.add(
          new Statement(
              sid + "List", REPORTS_LIST, "REPORT_BUCKET_ARN (s3:prefix " + prefix + "*)"));
    }
  }

  @SafeVarargs
  public static List<String> union(List<String>... lists) {
    Set<String> all = new LinkedHashSet<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
  }
}
