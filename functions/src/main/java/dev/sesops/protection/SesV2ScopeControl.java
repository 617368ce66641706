package dev.sesops.protection;

import dev.sesops.aws.SdkErrors;
import dev.sesops.config.AccountConfig;
import dev.sesops.core.Scope;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.ses.SesGateway;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The SES v2 sending switches through the account's {@link SesGateway} (paced, retried, bounded by
 * the run's call deadline): {@code PutConfigurationSetSendingOptions}, {@code
 * UpdateReputationEntityCustomerManagedStatus} (a tenant, by its ARN from {@code GetTenant}) and
 * {@code PutAccountSendingAttributes}, with the reads of the state before ({@code
 * GetConfigurationSet}, {@code GetReputationEntity}, {@code GetAccount}). Each change is one SES
 * call.
 */
public final class SesV2ScopeControl implements ScopeControl {
  private final Function<AccountConfig, SesGateway> gateways;

  public SesV2ScopeControl(Function<AccountConfig, SesGateway> gateways) {
    this.gateways = gateways;
  }

  @Override
  public ScopeState read(AccountConfig account, Scope scope) {
    SesGateway ses = gateways.apply(account);
    try {
      return switch (scope.kind()) {
        case CONFIGURATION_SET ->
            ScopeState.sending(
                !Boolean.FALSE.equals(
                    ses.configurationSet(scope.name())
                        .orElseThrow(() -> notFound(account, scope))
                        .sendingEnabled()));
        case TENANT -> {
          String arn = ses.tenant(scope.name()).orElseThrow(() -> notFound(account, scope)).arn();
          ReputationRecord e =
              ses.reputationEntity(arn).orElseThrow(() -> notFound(account, scope));
          ReputationRecord.EntityStatus customer = e.customerManaged();
          ReputationRecord.EntityStatus aws = e.awsManaged();
          yield ScopeState.tenant(
              arn,
              customer == null ? null : customer.status(),
              aws == null ? null : aws.status(),
              aws == null ? null : aws.cause());
        }
        case ACCOUNT -> ScopeState.sending(!Boolean.FALSE.equals(ses.account().sendingEnabled()));
        default -> throw new IllegalArgumentException(scope.kind().id() + " cannot be paused");
      };
    } catch (SdkException e) {
      throw failure("read", account, scope, e);
    }
  }

  @Override
  public void pause(AccountConfig account, Scope scope, ScopeState before) {
    set(account, scope, false, "DISABLED", before);
  }

  @Override
  public void restore(AccountConfig account, Scope scope, ScopeState before) {
    set(
        account,
        scope,
        !Boolean.FALSE.equals(before.sendingEnabled()),
        before.customerManagedStatus() == null ? "ENABLED" : before.customerManagedStatus(),
        before);
  }

  private void set(
      AccountConfig account, Scope scope, boolean sending, String tenantStatus, ScopeState before) {
    SesGateway ses = gateways.apply(account);
    try {
      switch (scope.kind()) {
        case CONFIGURATION_SET -> ses.configurationSetSending(scope.name(), sending);
        case TENANT -> ses.customerManagedStatus(before.tenantArn(), tenantStatus);
        case ACCOUNT -> ses.accountSending(sending);
        default -> throw new IllegalArgumentException(scope.kind().id() + " cannot be paused");
      }
    } catch (SdkException e) {
      throw failure("change", account, scope, e);
    }
  }

  private static ScopeControlException notFound(AccountConfig account, Scope scope) {
    return new ScopeControlException(
        SdkErrors.Kind.NOT_FOUND.name(),
        account.name() + ": SES does not know " + scope.describe(),
        null);
  }

  private static ScopeControlException failure(
      String what, AccountConfig account, Scope scope, SdkException e) {
    return new ScopeControlException(
        SdkErrors.kind(e).name(),
        account.name()
            + ": could not "
            + what
            + " the sending of "
            + scope.describe()
            + ": "
            + SdkErrors.describe(e),
        e);
  }
}
