package dev.sesops.signals;

import dev.sesops.alert.AlertStateEntry;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.events.ConsumerResult;
import dev.sesops.events.Envelope;
import dev.sesops.events.EventConsumer;
import dev.sesops.events.InboundEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events function's consumer for SES's status events (sending status, advisor recommendations):
 * each becomes the verdict the monitor would reach and goes through {@link ItemAlerter}, so a pause
 * or a finding is alerted within a minute of reaching the bus, once, whether the event or the
 * monitor's next run sees it first. An alert that could not be sent hands its record back to SQS.
 */
public final class AwsStatusConsumer implements EventConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(AwsStatusConsumer.class);
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):");

  private final ConfigSource config;
  private final Supplier<ItemAlerter> alerter;

  public AwsStatusConsumer(ConfigSource config, Supplier<ItemAlerter> alerter) {
    this.config = config;
    this.alerter = alerter;
  }

  @Override
  public String name() {
    return "aws_status_events";
  }

  @Override
  public boolean accepts(Envelope e) {
    return e.form() == Envelope.Form.EVENTBRIDGE
        && "aws.ses".equals(e.source())
        && AwsStatusEvents.handles(e.detailType());
  }

  /**
   * The config account an event names: by {@code ID/REGION} ({@code aws_account_id} and {@code
   * region}), else by {@code ID} alone ({@code aws_account_id}, else the account of {@code
   * role_arn}).
   */
  static Map<String, AccountConfig> byAwsId(SesOpsConfig cfg) {
    Map<String, AccountConfig> m = new HashMap<>();
    for (AccountConfig a : cfg.accounts().values()) {
      if (a.awsAccountId() != null) {
        m.putIfAbsent(a.awsAccountId() + "/" + a.region(), a);
        m.putIfAbsent(a.awsAccountId(), a);
      }
    }
    for (AccountConfig a : cfg.accounts().values()) {
      if (a.roleArn() != null) {
        Matcher mt = ROLE_ACCOUNT.matcher(a.roleArn());
        if (mt.find()) {
          m.putIfAbsent(mt.group(1), a);
        }
      }
    }
    return m;
  }

  @Override
  public ConsumerResult consume(List<InboundEvent> events, Instant now) {
    SesOpsConfig cfg = config.load();
    Map<String, AccountConfig> accounts = byAwsId(cfg);
    Map<String, String> rejected = new LinkedHashMap<>();
    Set<String> retry = new LinkedHashSet<>();
    Map<String, Map<String, AlertStateEntry>> known = new HashMap<>();
    int alerts = 0;
    int quiet = 0;
    for (InboundEvent ev : events) {
      Envelope e = ev.envelope();
      AccountConfig account =
          e.account() == null ? null : accounts.get(e.account() + "/" + e.region());
      if (account == null && e.account() != null) {
        account = accounts.get(e.account());
      }
      if (account == null) {
        rejected.put(
            ev.messageId(),
            "no account in the config has aws_account_id (or a role_arn in) the event's account");
        continue;
      }
      Verdict v;
      try {
        v = AwsStatusEvents.verdict(e.detailType(), e.payload(), e.resources());
      } catch (AwsStatusEvents.BadEvent bad) {
        rejected.put(ev.messageId(), e.detailType() + ": " + bad.getMessage());
        continue;
      }
      try {
        ItemAlerter a = alerter.get();
        Map<String, AlertStateEntry> k = known.computeIfAbsent(account.name(), a::load);
        List<ItemAlerter.Sent> sent =
            a.apply(
                account.name(),
                account.region(),
                List.of(v),
                k,
                cfg.monitoring().renotifyHours(),
                now);
        if (sent.isEmpty()) {
          quiet++;
        }
        for (ItemAlerter.Sent s : sent) {
          if (s.error() != null) {
            retry.add(ev.messageId());
          } else {
            alerts++;
          }
        }
      } catch (RuntimeException ex) {
        LOG.error(
            "account {}: {} not handled: {}", account.name(), e.detailType(), ex.getMessage());
        retry.add(ev.messageId());
        known.remove(account.name());
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("events", events.size());
    summary.put("alerts_sent", alerts);
    summary.put("already_known", quiet);
    summary.put("rejected", rejected.size());
    summary.put("retry", retry.size());
    return new ConsumerResult(retry, rejected, summary);
  }
}
