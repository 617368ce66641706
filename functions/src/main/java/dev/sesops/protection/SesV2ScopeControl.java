package dev.sesops.protection;

import dev.sesops.aws.SdkErrors;
import dev.sesops.config.AccountConfig;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetResponse;
import software.amazon.awssdk.services.sesv2.model.ReputationEntity;
import software.amazon.awssdk.services.sesv2.model.ReputationEntityType;
import software.amazon.awssdk.services.sesv2.model.StatusRecord;

/**
 * The SES v2 sending switches: {@code PutConfigurationSetSendingOptions},
 * {@code UpdateReputationEntityCustomerManagedStatus} (a tenant, by its ARN from {@code GetTenant}) and
 * {@code PutAccountSendingAttributes}, with the reads of the state before ({@code GetConfigurationSet},
 * {@code GetReputationEntity}, {@code GetAccount}). Each change is one SES call; the per-account SES
 * v2 client carries the account's pacing and retries.
 */
final class SesV2ScopeControl implements ScopeControl {
  private final Function<AccountConfig, SesV2Client> clients;

  SesV2ScopeControl(Function<AccountConfig, SesV2Client> clients) {
    this.clients = clients;
  }

  @Override
  public ScopeState read(AccountConfig account, Scope scope) {
    SesV2Client ses = clients.apply(account);
    try {
      return switch (scope.type()) {
        case CONFIGURATION_SET -> {
          GetConfigurationSetResponse cs = ses.getConfigurationSet(r -> r.configurationSetName(scope.name()));
          // SES leaves SendingOptions out for a set that was never switched: it sends
          yield ScopeState.sending(cs.sendingOptions() == null || !Boolean.FALSE.equals(cs.sendingOptions().sendingEnabled()));
        }
        case TENANT -> {
          String arn = ses.getTenant(r -> r.tenantName(scope.name())).tenant().tenantArn();
          ReputationEntity e = ses.getReputationEntity(r -> r.reputationEntityType(ReputationEntityType.RESOURCE)
              .reputationEntityReference(arn)).reputationEntity();
          StatusRecord customer = e.customerManagedStatus();
          StatusRecord aws = e.awsSesManagedStatus();
          yield ScopeState.tenant(arn, customer == null ? null : customer.statusAsString(),
              aws == null ? null : aws.statusAsString(), aws == null ? null : aws.cause());
        }
        case ACCOUNT -> ScopeState.sending(!Boolean.FALSE.equals(ses.getAccount(r -> { }).sendingEnabled()));
        default -> throw new IllegalArgumentException(scope.type().id() + " cannot be paused");
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
    set(account, scope, !Boolean.FALSE.equals(before.sendingEnabled()),
        before.customerManagedStatus() == null ? "ENABLED" : before.customerManagedStatus(), before);
  }

  private void set(AccountConfig account, Scope scope, boolean sending, String tenantStatus, ScopeState before) {
    SesV2Client ses = clients.apply(account);
    try {
      switch (scope.type()) {
        case CONFIGURATION_SET -> ses.putConfigurationSetSendingOptions(r -> r.configurationSetName(scope.name()).sendingEnabled(sending));
        case TENANT -> ses.updateReputationEntityCustomerManagedStatus(r -> r.reputationEntityType(ReputationEntityType.RESOURCE)
            .reputationEntityReference(before.tenantArn()).sendingStatus(tenantStatus));
        case ACCOUNT -> ses.putAccountSendingAttributes(r -> r.sendingEnabled(sending));
        default -> throw new IllegalArgumentException(scope.type().id() + " cannot be paused");
      }
    } catch (SdkException e) {
      throw failure("change", account, scope, e);
    }
  }

  private static ScopeControlException failure(String what, AccountConfig account, Scope scope, SdkException e) {
    return new ScopeControlException(SdkErrors.kind(e).name(),
        account.name() + ": could not " + what + " the sending of " + scope.describe() + ": " + SdkErrors.describe(e), e);
  }
}
