package dev.sesops.signals;

import dev.sesops.aws.CallDeadline;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Level;
import dev.sesops.core.Signal;
import dev.sesops.core.SourceError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's signals from what AWS already knows: {@code ses_findings} (VDM findings), {@code
 * tenant_status} (only where the account has tenants) and {@code mailbox_providers} (where VDM is
 * on). Each source fails on its own: a failure leaves its signal UNKNOWN and is reported as a
 * source error, the other signals are still read.
 */
public final class SignalChecks {
  private static final Logger LOG = LoggerFactory.getLogger(SignalChecks.class);

  /**
   * Checks whose UNKNOWN says "not available here" rather than "in doubt": they do not make the
   * account UNKNOWN.
   */
  public static final Set<String> NEUTRAL_WHEN_UNKNOWN =
      Set.of(SignalJudge.FINDINGS, SignalJudge.PROVIDERS, SignalJudge.PIPELINE);

  /**
   * Checks alerted per item (finding, tenant) by {@link SignalAlerts}, not by the monitor's
   * per-check notifier.
   */
  public static final Set<String> ITEMIZED = Set.of(SignalJudge.FINDINGS, SignalJudge.TENANTS);

  private final SignalSource source;
  private final FindingsReader findings;
  private final TenantReader tenants;
  private final MailboxProviders providers;
  private final Pipeline pipeline;

  public SignalChecks(SignalSource source) {
    this(source, null);
  }

  /**
   * @param pipeline the {@code pipeline} check (null: not run, e.g. without a state table)
   */
  public SignalChecks(SignalSource source, Pipeline pipeline) {
    this.source = source;
    this.findings = new FindingsReader(source);
    this.tenants = new TenantReader(source);
    this.providers = new MailboxProviders(source);
    this.pipeline = pipeline;
  }

  /**
   * @param accountRead false when the monitor's GetAccount failed: the findings are then not read
   *     either (that failure is already reported)
   * @param vdm VDM's state from the monitor's own GetAccount; null: read it here
   */
  public List<Signal> read(
      AccountConfig account,
      MonitoringConfig cfg,
      Instant now,
      Deadline deadline,
      List<SourceError> errors,
      boolean accountRead,
      SignalSource.Vdm vdm) {
    return read(account, cfg, now, deadline, errors, accountRead, vdm, null);
  }

  /**
   * @param sentLast24Hours the quota's SentLast24Hours (null: not read), for the {@code pipeline}
   *     check
   */
  public List<Signal> read(
      AccountConfig account,
      MonitoringConfig cfg,
      Instant now,
      Deadline deadline,
      List<SourceError> errors,
      boolean accountRead,
      SignalSource.Vdm vdm,
      Double sentLast24Hours) {
    return read(
        account, cfg, now, deadline, errors, accountRead, vdm, sentLast24Hours, Runnable::run);
  }

  /**
   * @param io runs the {@code pipeline} check (a DynamoDB read, not an SES call) while the SES
   *     reads here go on; its errors join {@code errors} when it is done
   */
  public List<Signal> read(
      AccountConfig account,
      MonitoringConfig cfg,
      Instant now,
      Deadline deadline,
      List<SourceError> errors,
      boolean accountRead,
      SignalSource.Vdm vdm,
      Double sentLast24Hours,
      java.util.concurrent.Executor io) {
    List<SourceError> pipelineErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<Signal> pipelineSignal =
        pipeline == null || deadline.passed()
            ? null
            : java.util.concurrent.CompletableFuture.supplyAsync(
                CallDeadline.propagate(
                    () -> pipeline(account, cfg, now, sentLast24Hours, pipelineErrors)),
                io);
    List<Signal> out = new ArrayList<>();
    FindingsReader.Reading f =
        !accountRead
            ? null
            : read(
                account,
                SignalJudge.SRC_FINDINGS,
                () -> findings.read(account, deadline, vdm),
                errors);
    out.add(
        f != null
            ? SignalJudge.findings(f)
            : unread(
                SignalJudge.FINDINGS, accountRead ? SignalJudge.SRC_FINDINGS : "sesv2:GetAccount"));
    if (!deadline.passed()) {
      TenantReader.Reading t =
          read(account, SignalJudge.SRC_TENANTS, () -> tenants.scan(account, deadline), errors);
      if (t == null) {
        out.add(unread(SignalJudge.TENANTS, SignalJudge.SRC_TENANTS));
      } else if (!t.tenants().isEmpty()) {
        out.add(SignalJudge.tenants(t));
      }
    }
    if (f != null && f.vdm().enabled() && !deadline.passed()) {
      Signal p =
          read(
              account,
              SignalJudge.SRC_PROVIDERS,
              () -> providers.read(account, now, cfg.volumeFloor()),
              errors);
      out.add(p != null ? p : unread(SignalJudge.PROVIDERS, SignalJudge.SRC_PROVIDERS));
    }
    if (pipelineSignal != null) {
      out.add(pipelineSignal.join());
      errors.addAll(pipelineErrors);
    }
    return out;
  }

  /**
   * The pipeline check. Its own state (the table) failing is not an SES source failing: the monitor
   * reports an unreadable table already, so that leaves the check UNKNOWN without raising {@code
   * monitoring}; the SES calls it makes when stale count as sources like the others.
   */
  private Signal pipeline(
      AccountConfig account,
      MonitoringConfig cfg,
      Instant now,
      Double sent,
      List<SourceError> errors) {
    try {
      return pipeline.check(account, sent, cfg.eventsStaleHours(), now);
    } catch (Pipeline.StateUnreadable e) {
      LOG.warn("account {}: pipeline check not judged: {}", account.name(), e.getMessage());
      return new Signal(
          SignalJudge.PIPELINE,
          Level.UNKNOWN,
          null,
          "not judged",
          null,
          "ses-ops events (state table)",
          "The events function's counters could not be read.");
    } catch (RuntimeException e) {
      SdkErrors.Kind kind = SdkErrors.kind(e);
      LOG.warn(
          "account {}: ses-ops:events failed: {} {}", account.name(), kind, SdkErrors.describe(e));
      errors.add(
          new SourceError("sesv2:ListConfigurationSets", kind.name(), SdkErrors.describe(e)));
      return unread(SignalJudge.PIPELINE, "sesv2:ListConfigurationSets");
    }
  }

  SignalSource source() {
    return source;
  }

  private static Signal unread(String check, String src) {
    return new Signal(check, Level.UNKNOWN, null, "not read", null, src, "Could not be read.");
  }

  private static <T> T read(
      AccountConfig account, String sourceName, Supplier<T> call, List<SourceError> errors) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      SdkErrors.Kind kind = SdkErrors.kind(e);
      String detail = SdkErrors.describe(e);
      LOG.warn("account {}: {} failed: {} {}", account.name(), sourceName, kind, detail);
      errors.add(new SourceError(sourceName, kind.name(), detail));
      return null;
    }
  }
}
