package dev.sesops.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.net.IDN;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates the config document. Every problem is collected and reported at once with
 * its JSON path; values are never echoed except region names. Unknown keys are ignored, so the
 * helper's own {@code ses-config.json} parses unchanged.
 */
public final class ConfigParser {
  static final String ACCOUNT_NAME = "[A-Za-z0-9_-]{1,64}";
  private static final Pattern ACCOUNT_NAME_PATTERN = Pattern.compile(ACCOUNT_NAME);
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]");
  private static final Pattern LOCAL_PART =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final Set<String> REASONS = Set.of("BOUNCE", "COMPLAINT");
  private static final Pattern AWS_ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final List<String> problems = new ArrayList<>();

  private ConfigParser() {}

  /** Parses the document text. */
  public static SesOpsConfig parse(String text) {
    JsonNode root;
    try {
      root = Json.read(text);
    } catch (BadInputException e) {
      throw new ConfigException(
          ConfigException.Kind.NOT_JSON, List.of("config: " + e.getMessage()));
    }
    return new ConfigParser().document(root);
  }

  private SesOpsConfig document(JsonNode root) {
    if (!root.isObject()) {
      throw new ConfigException(List.of("(root): expected an object"));
    }
    MonitoringConfig monitoring = monitoring(root.path("monitoring"));
    CleanupPolicy defaultPolicy =
        cleanup(root.path("suppression_cleanup"), "suppression_cleanup", CleanupPolicy.defaults());
    ProtectionPolicy defaultProtection =
        ProtectionPolicyParser.parse(
            root.path("protection"), "protection", ProtectionPolicy.defaults(), problems);
    Map<String, AccountConfig> accounts = new LinkedHashMap<>();
    JsonNode acc = root.path("accounts");
    // with an organization block the accounts may all come from AWS Organizations
    OrganizationConfig organization = OrganizationParser.parse(root.path("organization"), problems);
    boolean discovered = root.path("organization").isObject();
    if ((acc.isMissingNode() || acc.isNull()) && discovered) {
      // none listed by hand
    } else if (acc.isMissingNode() || acc.isNull()) {
      problems.add(ConfigException.ACCOUNTS_MISSING);
    } else if (!acc.isObject()) {
      problems.add("accounts: expected an object of account name to account");
    } else if (acc.isEmpty() && !discovered) {
      problems.add(ConfigException.ACCOUNTS_EMPTY);
    } else {
      Iterator<Map.Entry<String, JsonNode>> it = acc.fields();
      int position = 0;
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        position++;
        String name = e.getKey();
        if (!ACCOUNT_NAME_PATTERN.matcher(name).matches()) {
          problems.add("accounts: account name #" + position + " must match [A-Za-z0-9_-]{1,64}");
          continue;
        }
        AccountConfig a = account(name, e.getValue(), defaultPolicy);
        if (a != null) {
          a = withProtection(a, e.getValue(), defaultProtection);
          accounts.put(name, a);
        }
      }
    }
    checkEventKeys(accounts);
    List<String> testRecipients = addressList(root.path("test_recipients"), "test_recipients");
    Map<String, String> testEmails = new LinkedHashMap<>();
    JsonNode te = root.path("test_emails");
    if (te.isObject()) {
      te.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isTextual()) {
                  testEmails.put(e.getKey(), e.getValue().asText());
                } else {
                  problems.add("test_emails." + e.getKey() + ": expected a string");
                }
              });
    } else if (!te.isMissingNode() && !te.isNull()) {
      problems.add("test_emails: expected an object");
    }
    AuditConfig audit = audit(root.path("audit"));
    DmarcConfig dmarc = DmarcParser.parse(root.path("dmarc"), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new SesOpsConfig(
        Map.copyOf(accounts).isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(accounts),
        monitoring,
        defaultPolicy,
        testRecipients,
        Map.copyOf(testEmails),
        organization,
        audit,
        defaultProtection,
        dmarc);
  }

  /**
   * SES events name an account by (AWS account id, Region): two entries for one pair could not be
   * told apart.
   */
  private void checkEventKeys(Map<String, AccountConfig> accounts) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (AccountConfig a : accounts.values()) {
      if (a.awsAccountId() == null || a.region() == null) {
        continue;
      }
      String first = seen.putIfAbsent(a.awsAccountId() + "/" + a.region(), a.name());
      if (first != null) {
        problems.add(
            "accounts."
                + a.name()
                + ".aws_account_id: the same AWS account and Region ("
                + a.awsAccountId()
                + ", "
                + a.region()
                + ") as accounts."
                + first
                + "; SES events could not tell them apart");
      }
    }
  }

  /**
   * {@code audit.dnsbl}: blocklist zones (domain names); absent means the defaults, [] turns the
   * check off.
   */
  private AuditConfig audit(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return AuditConfig.defaults();
    }
    if (!node.isObject()) {
      problems.add("audit: expected an object");
      return AuditConfig.defaults();
    }
    JsonNode dnsbl = node.path("dnsbl");
    if (dnsbl.isMissingNode() || dnsbl.isNull()) {
      return AuditConfig.defaults();
    }
    return new AuditConfig(domainList(dnsbl, "audit.dnsbl"));
  }

  /** The account's {@code protection} block merged over the document's. */
  private AccountConfig withProtection(AccountConfig a, JsonNode node, ProtectionPolicy base) {
    ProtectionPolicy p =
        ProtectionPolicyParser.parse(
            node.path("protection"), "accounts." + a.name() + ".protection", base, problems);
    return new AccountConfig(
        a.name(),
        a.region(),
        a.description(),
        a.roleArn(),
        a.externalId(),
        a.staticKeys(),
        a.verifiedDomains(),
        a.verifiedEmails(),
        a.suppressionCleanup(),
        a.awsAccountId(),
        p);
  }

  private AccountConfig account(String name, JsonNode node, CleanupPolicy defaultPolicy) {
    String path = "accounts." + name;
    if (!node.isObject()) {
      problems.add(path + ": expected an object");
      return null;
    }
    int before = problems.size();
    String region = string(node, path, "region", true);
    if (Placeholders.is(region)) {
      problems.add(
          path
              + ".region: still the template's placeholder ("
              + Placeholders.shown(region)
              + "); put the account's SES Region here (us-east-1, eu-west-1, ...)");
    } else if (region != null && !REGION.matcher(region).matches()) {
      problems.add(
          path
              + ".region: '"
              + (region.length() > 32 ? region.substring(0, 32) : region)
              + "' is not an AWS Region name");
    }
    String description = string(node, path, "description", false);
    String roleArn = string(node, path, "role_arn", false);
    if (Placeholders.is(roleArn)) {
      problems.add(
          path
              + ".role_arn: still the template's placeholder ("
              + Placeholders.shown(roleArn)
              + "); put the ARN of the role ses-ops assumes in this account here");
    } else if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
      problems.add(path + ".role_arn: not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
    }
    String externalId = string(node, path, "external_id", false);
    if (Placeholders.is(externalId)) {
      // not shown: an external id is a shared secret between the two accounts
      problems.add(
          path
              + ".external_id: still the template's placeholder; put the role's external id here (or remove the key)");
    } else if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
      problems.add(
          path + ".external_id: must be 2-1224 characters of letters, digits and +=,.@:/-");
    }
    if (externalId != null && roleArn == null) {
      problems.add(path + ".external_id: set without role_arn");
    }
    String keyId = string(node, path, "aws_access_key_id", false);
    String secretKey = string(node, path, "aws_secret_access_key", false);
    String token = string(node, path, "aws_session_token", false);
    StaticKeys keys = null;
    if (keyId != null || secretKey != null) {
      if (keyId == null) {
        problems.add(path + ".aws_access_key_id: missing (aws_secret_access_key is set)");
      } else if (secretKey == null) {
        problems.add(path + ".aws_secret_access_key: missing (aws_access_key_id is set)");
      } else {
        if (Placeholders.is(keyId)) {
          // a placeholder is no secret: showing it tells the reader which line of the template to
          // fix
          problems.add(
              path
                  + ".aws_access_key_id: still the template's placeholder ("
                  + Placeholders.shown(keyId)
                  + "); put the account's key id here, or better, a role_arn");
        } else if (!ACCESS_KEY_ID.matcher(keyId).matches()) {
          problems.add(
              path
                  + ".aws_access_key_id: not an access key id (16-128 upper-case letters and digits)");
        }
        if (Placeholders.is(secretKey)) {
          problems.add(
              path
                  + ".aws_secret_access_key: still the template's placeholder; put the account's secret key here, or better, a role_arn");
        } else if (secretKey.isBlank()) {
          problems.add(path + ".aws_secret_access_key: empty");
        }
        if (Placeholders.is(token)) {
          problems.add(
              path
                  + ".aws_session_token: still the template's placeholder; put a session token here or remove the key");
        }
        keys =
            new StaticKeys(keyId, new Secret(secretKey), token == null ? null : new Secret(token));
      }
    }
    if (keys != null && roleArn != null) {
      // allowed: the static keys are the source credentials for the AssumeRole call
    }
    List<String> domains = domainList(node.path("verified_domains"), path + ".verified_domains");
    List<String> emails = addressList(node.path("verified_emails"), path + ".verified_emails");
    CleanupPolicy policy =
        cleanup(node.path("suppression_cleanup"), path + ".suppression_cleanup", defaultPolicy);
    String awsAccountId = string(node, path, "aws_account_id", false);
    if (awsAccountId != null && !AWS_ACCOUNT_ID.matcher(awsAccountId).matches()) {
      problems.add(path + ".aws_account_id: must be a 12-digit AWS account id");
    }
    if (problems.size() > before) {
      return null;
    }
    return new AccountConfig(
        name,
        region,
        description,
        roleArn,
        externalId,
        keys,
        domains,
        emails,
        policy,
        awsAccountId);
  }

  private MonitoringConfig monitoring(JsonNode node) {
    MonitoringConfig d = MonitoringConfig.defaults();
    if (node.isMissingNode() || node.isNull()) {
      return d;
    }
    if (!node.isObject()) {
      problems.add("monitoring: expected an object");
      return d;
    }
    double bounce = number(node, "monitoring", "bounce_threshold", d.bounceThreshold(), 0, 100);
    double complaint =
        number(node, "monitoring", "complaint_threshold", d.complaintThreshold(), 0, 100);
    double bounceWarn = number(node, "monitoring", "bounce_warning", bounce / 2, 0, 100);
    double complaintWarn = number(node, "monitoring", "complaint_warning", complaint / 2, 0, 100);
    double quotaWarn =
        number(node, "monitoring", "daily_send_limit_warning", d.dailySendLimitWarning(), 0, 100);
    double quotaCrit =
        number(node, "monitoring", "daily_send_limit_critical", d.dailySendLimitCritical(), 0, 100);
    double renotify = number(node, "monitoring", "renotify_hours", d.renotifyHours(), 0, 24 * 30);
    double floor = number(node, "monitoring", "volume_floor", d.volumeFloor(), -1, 1e9);
    if (bounceWarn > bounce) {
      problems.add("monitoring.bounce_warning: must not be above bounce_threshold");
    }
    if (complaintWarn > complaint) {
      problems.add("monitoring.complaint_warning: must not be above complaint_threshold");
    }
    if (quotaWarn > quotaCrit) {
      problems.add(
          "monitoring.daily_send_limit_warning: must not be above daily_send_limit_critical");
    }
    if (renotify != Math.floor(renotify) || renotify < 1) {
      problems.add("monitoring.renotify_hours: must be a whole number of hours, at least 1");
    }
    ScopeLevels scopes = scopeLevels(node.path("scopes"));
    double stale =
        number(
            node,
            "monitoring",
            "events_stale_hours",
            MonitoringConfig.DEFAULT_EVENTS_STALE_HOURS,
            0,
            24 * 7);
    if (stale != Math.floor(stale) || stale < 1) {
      problems.add("monitoring.events_stale_hours: must be a whole number of hours, at least 1");
    }
    double domains =
        number(
            node,
            "monitoring",
            "recipient_domains",
            MonitoringConfig.DEFAULT_RECIPIENT_DOMAINS,
            0,
            MonitoringConfig.MAX_RECIPIENT_DOMAINS);
    if (domains != Math.floor(domains) || domains < 1) {
      problems.add(
          "monitoring.recipient_domains: must be a whole number from 1 to "
              + MonitoringConfig.MAX_RECIPIENT_DOMAINS);
    }
    return new MonitoringConfig(
        bounce,
        complaint,
        bounceWarn,
        complaintWarn,
        quotaWarn,
        quotaCrit,
        (int) renotify,
        (long) Math.max(0, floor),
        scopes,
        (int) stale,
        (int) domains);
  }

  /**
   * {@code monitoring.scopes}: per (check, window) rules, and per-scope {@code overrides} of the
   * same shape.
   */
  private ScopeLevels scopeLevels(JsonNode node) {
    ScopeLevels d = ScopeLevels.defaults();
    if (node.isMissingNode() || node.isNull()) {
      return d;
    }
    String path = "monitoring.scopes";
    if (!node.isObject()) {
      problems.add(path + ": expected an object");
      return d;
    }
    Map<String, ScopeLevels.RateRule> rules = rateRules(node, path, d.rules(), "overrides");
    Map<String, Map<String, ScopeLevels.RateRule>> overrides = new LinkedHashMap<>();
    JsonNode o = node.path("overrides");
    if (!o.isMissingNode() && !o.isNull()) {
      if (!o.isObject()) {
        problems.add(
            path + ".overrides: expected an object of scope (configuration-set:NAME) to rules");
      } else {
        o.fields()
            .forEachRemaining(
                e -> {
                  String sp = path + ".overrides." + e.getKey();
                  if (!isScopeKey(e.getKey())) {
                    problems.add(
                        path
                            + ".overrides: '"
                            + (e.getKey().length() > 40 ? e.getKey().substring(0, 40) : e.getKey())
                            + "' is not a scope (account:, configuration-set:, tenant:, from-domain: or recipient-domain: and a name)");
                  } else if (!e.getValue().isObject()) {
                    problems.add(sp + ": expected an object");
                  } else {
                    Map<String, ScopeLevels.RateRule> r = rateRules(e.getValue(), sp, rules, null);
                    Map<String, ScopeLevels.RateRule> changed = new LinkedHashMap<>();
                    r.forEach(
                        (k, v) -> {
                          if (!v.equals(rules.get(k))) {
                            changed.put(k, v);
                          }
                        });
                    overrides.put(e.getKey(), changed);
                  }
                });
      }
    }
    return new ScopeLevels(rules, overrides);
  }

  private Map<String, ScopeLevels.RateRule> rateRules(
      JsonNode node, String path, Map<String, ScopeLevels.RateRule> base, String alsoAllowed) {
    Map<String, ScopeLevels.RateRule> out = new LinkedHashMap<>(base);
    node.fields()
        .forEachRemaining(
            c -> {
              String check = c.getKey();
              if (check.equals(alsoAllowed)) {
                return;
              }
              String cp = path + "." + check;
              if (!ScopeLevels.CHECKS.contains(check)) {
                problems.add(
                    cp + ": unknown check (use " + String.join(" or ", ScopeLevels.CHECKS) + ")");
                return;
              }
              if (!c.getValue().isObject()) {
                problems.add(cp + ": expected an object of window (1h, 24h) to levels");
                return;
              }
              c.getValue()
                  .fields()
                  .forEachRemaining(
                      w -> {
                        String wp = cp + "." + w.getKey();
                        if (!ScopeLevels.WINDOWS.contains(w.getKey())) {
                          problems.add(wp + ": unknown window (use 1h or 24h)");
                          return;
                        }
                        if (!w.getValue().isObject()) {
                          problems.add(
                              wp
                                  + ": expected an object with warning, critical, min_sends, min_events");
                          return;
                        }
                        String key = check + "/" + w.getKey();
                        ScopeLevels.RateRule b = base.get(key);
                        JsonNode r = w.getValue();
                        double warn = number(r, wp, "warning", b.warning(), 0, 100);
                        double crit = number(r, wp, "critical", b.critical(), 0, 100);
                        double minSends = number(r, wp, "min_sends", b.minSends(), -1, 1e9);
                        double minEvents = number(r, wp, "min_events", b.minEvents(), -1, 1e9);
                        if (warn > crit) {
                          problems.add(wp + ".warning: must not be above critical");
                        }
                        if (minSends != Math.floor(minSends)
                            || minEvents != Math.floor(minEvents)) {
                          problems.add(wp + ": min_sends and min_events must be whole numbers");
                        }
                        out.put(
                            key,
                            new ScopeLevels.RateRule(
                                warn, crit, (long) minSends, (long) minEvents));
                      });
            });
    return out;
  }

  private CleanupPolicy cleanup(JsonNode node, String path, CleanupPolicy base) {
    if (node.isMissingNode() || node.isNull()) {
      return base;
    }
    if (!node.isObject()) {
      problems.add(path + ": expected an object");
      return base;
    }
    Map<String, Integer> ages = base.olderThanDays();
    JsonNode reasons = node.path("reasons");
    if (!reasons.isMissingNode() && !reasons.isNull()) {
      if (!reasons.isObject()) {
        problems.add(path + ".reasons: expected an object of reason to {\"older_than_days\": N}");
      } else {
        Map<String, Integer> m = new LinkedHashMap<>();
        reasons
            .fields()
            .forEachRemaining(
                e -> {
                  String rp = path + ".reasons." + e.getKey();
                  if (!REASONS.contains(e.getKey())) {
                    problems.add(rp + ": unknown reason (use BOUNCE or COMPLAINT)");
                    return;
                  }
                  JsonNode r = e.getValue();
                  if (!r.isObject()) {
                    problems.add(rp + ": expected an object {\"older_than_days\": N}");
                    return;
                  }
                  JsonNode days = r.path("older_than_days");
                  if (days.isMissingNode()) {
                    problems.add(rp + ".older_than_days: missing");
                  } else if (!days.isIntegralNumber()) {
                    problems.add(rp + ".older_than_days: expected a whole number of days");
                  } else if (days.asLong() < 0 || days.asLong() > 36500) {
                    problems.add(rp + ".older_than_days: must be between 0 and 36500");
                  } else {
                    m.put(e.getKey(), days.asInt());
                  }
                });
        ages = Map.copyOf(m);
      }
    }
    List<String> keep =
        node.has("keep") ? patternList(node.path("keep"), path + ".keep", true) : base.keep();
    List<String> always =
        node.has("always_remove")
            ? patternList(node.path("always_remove"), path + ".always_remove", false)
            : base.alwaysRemove();
    int max =
        (int) number(node, path, "max_removals_per_run", base.maxRemovalsPerRun(), 0, 1_000_000);
    if (node.has("max_removals_per_run")
        && node.path("max_removals_per_run").isNumber()
        && (node.path("max_removals_per_run").asDouble() < 1
            || !node.path("max_removals_per_run").isIntegralNumber())) {
      problems.add(path + ".max_removals_per_run: must be a whole number, at least 1");
    }
    int bulk = (int) number(node, path, "bulk_threshold", base.bulkThreshold(), -1, 10_000);
    boolean dryRun = base.dryRun();
    JsonNode dr = node.path("dry_run");
    if (!dr.isMissingNode() && !dr.isNull()) {
      if (dr.isBoolean()) {
        dryRun = dr.asBoolean();
      } else {
        problems.add(path + ".dry_run: expected true or false");
      }
    }
    boolean apiOverride = base.allowApiOverride();
    JsonNode ao = node.path("allow_api_override");
    if (!ao.isMissingNode() && !ao.isNull()) {
      if (ao.isBoolean()) {
        apiOverride = ao.asBoolean();
      } else {
        problems.add(path + ".allow_api_override: expected true or false");
      }
    }
    return new CleanupPolicy(ages, keep, always, max, dryRun, bulk, apiOverride);
  }

  private List<String> patternList(JsonNode node, String path, boolean addressesAllowed) {
    List<String> raw = stringList(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String p = raw.get(i).trim().toLowerCase(Locale.ROOT);
      String ip = path + "[" + i + "]";
      if (p.startsWith("@")) {
        String d = asciiDomain(p.substring(1));
        if (d == null) {
          problems.add(ip + ": not a domain pattern (@example.com)");
        } else {
          out.add("@" + d);
        }
      } else if (p.contains("@")) {
        if (!addressesAllowed) {
          problems.add(ip + ": expected a domain (@example.com), not an address");
        } else if (normalizeAddress(p) == null) {
          problems.add(ip + ": not an email address or domain pattern (@example.com)");
        } else {
          out.add(normalizeAddress(p));
        }
      } else {
        String d = asciiDomain(p);
        if (d == null) {
          problems.add(ip + ": not an email address or domain pattern (@example.com)");
        } else {
          out.add("@" + d);
        }
      }
    }
    return List.copyOf(out);
  }

  private List<String> domainList(JsonNode node, String path) {
    List<String> raw = stringList(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String d = asciiDomain(raw.get(i));
      if (d == null) {
        problems.add(path + "[" + i + "]: not a domain name");
      } else {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  private List<String> addressList(JsonNode node, String path) {
    List<String> raw = stringList(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String a = normalizeAddress(raw.get(i));
      if (a == null) {
        problems.add(path + "[" + i + "]: not an email address");
      } else {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  private List<String> stringList(JsonNode node, String path) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add(path + ": expected a list of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        problems.add(path + "[" + i + "]: expected a string");
      } else {
        out.add(node.get(i).asText());
      }
    }
    return out;
  }

  private String string(JsonNode node, String path, String key, boolean required) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        problems.add(path + "." + key + ": missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      problems.add(path + "." + key + ": expected a string, got " + kind(v));
      return null;
    }
    String s = v.asText().trim();
    if (s.isEmpty()) {
      if (required) {
        problems.add(path + "." + key + ": empty");
      }
      return null;
    }
    return s;
  }

  private double number(
      JsonNode node, String path, String key, double fallback, double minExclusive, double max) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      problems.add(path + "." + key + ": expected a number, got " + kind(v));
      return fallback;
    }
    double d = v.asDouble();
    if (!(d > minExclusive) || d > max) {
      problems.add(
          path
              + "."
              + key
              + ": "
              + fmt(d)
              + " is out of range ("
              + (minExclusive < 0 ? "0" : "above " + fmt(minExclusive))
              + " up to "
              + fmt(max)
              + ")");
      return fallback;
    }
    return d;
  }

  private static String fmt(double d) {
    return d == Math.floor(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String kind(JsonNode v) {
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "a string";
  }

  /**
   * A domain in its lower-case ASCII (punycode) form, or null when it is not a valid domain name.
   */
  public static String asciiDomain(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.trim();
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (isAscii(d)) {
      // what ToASCII does to an all-ASCII name (RFC 3490: no nameprep; STD3 letters, digits and
      // hyphens,
      // labels of 1-63) DOMAIN checks too; java.net.IDN's first use reads the JDK's ICU data (15-25
      // ms)
      d = d.toLowerCase(Locale.ROOT);
    } else {
      try {
        d = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return DOMAIN.matcher(d).matches() ? d : null;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * An address with its domain in lower-case ASCII form, or null when it is not a plausible
   * address.
   */
  public static String normalizeAddress(String address) {
    if (address == null) {
      return null;
    }
    String a = address.trim();
    int at = a.lastIndexOf('@');
    if (at <= 0 || at == a.length() - 1 || a.length() > 320) {
      return null;
    }
    String local = a.substring(0, at);
    String domain = asciiDomain(a.substring(at + 1));
    if (domain == null || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return null;
    }
    // SMTPUTF8 local parts are allowed (SES accepts them); ASCII ones must be dot-atoms
    boolean ascii = local.chars().allMatch(c -> c < 128);
    if (ascii
        ? !LOCAL_PART.matcher(local).matches()
        : local.length() > 64
            || local.chars().anyMatch(c -> c <= 32 || c == '@' || c == '"' || c == '\\')) {
      return null;
    }
    return local + "@" + domain;
  }

  /**
   * A scope key as the counters write it ({@code configuration-set:NAME}): a {@link ScopeKind} id
   * in lower case, a colon, and a name of 1 to 255 characters without white space.
   */
  static boolean isScopeKey(String key) {
    Scope s = Scope.parse(key);
    return s != null
        && key.startsWith(s.kind().id() + ":")
        && s.name().length() <= 255
        && s.name().chars().noneMatch(c -> " \t\n\u000B\f\r".indexOf(c) >= 0);
  }
}
