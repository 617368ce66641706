package dev.sesops.suppression;

import dev.sesops.aws.SdkErrors;
import dev.sesops.ses.ImportJob;
import dev.sesops.ses.Page;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.SuppressedEntry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link SuppressionList} over the account's {@link SesGateway} (SES v2's suppression list and
 * import jobs); SDK failures become {@link SuppressionListException}s naming the operation.
 */
public final class SesV2SuppressionList implements SuppressionList {
  private final SesGateway gateway;

  public SesV2SuppressionList(SesGateway gateway) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  public Page<SuppressedEntry> list(ListFilter filter, String nextToken) {
    return call(
        "ListSuppressedDestinations",
        () ->
            gateway.suppressedDestinations(
                filter.reasons(),
                filter.startDate(),
                filter.endDate(),
                filter.pageSize(),
                nextToken));
  }

  @Override
  public Optional<SuppressedEntry> get(String emailAddress) {
    return call("GetSuppressedDestination", () -> gateway.suppressedDestination(emailAddress));
  }

  @Override
  public boolean delete(String emailAddress) {
    return call(
        "DeleteSuppressedDestination", () -> gateway.deleteSuppressedDestination(emailAddress));
  }

  @Override
  public void put(String emailAddress, String reason) {
    call(
        "PutSuppressedDestination",
        () -> {
          gateway.putSuppressedDestination(emailAddress, reason);
          return null;
        });
  }

  @Override
  public String createImportJob(String s3Url, ImportAction action, String dataFormat) {
    try {
      return call(
          "CreateImportJob",
          () ->
              gateway.createSuppressionImportJob(s3Url, action == ImportAction.DELETE, dataFormat));
    } catch (SesGateway.Refused e) {
      // what SES answers when bulk changes are not allowed (sandbox) or the source is unusable
      throw new ImportJobRefusedException(
          "CreateImportJob refused: " + SdkErrors.describe(e.getCause()), e.getCause());
    }
  }

  @Override
  public ImportJob getImportJob(String jobId) {
    return call("GetImportJob", () -> gateway.importJob(jobId));
  }

  @Override
  public boolean productionAccess() {
    Boolean production = call("GetAccount", gateway::account).productionAccessEnabled();
    // unknown: try import jobs; a refusal still falls back to single deletes
    return production == null || production;
  }

  private static <T> T call(String operation, Supplier<T> op) {
    try {
      return op.get();
    } catch (SdkException e) {
      throw new SuppressionListException(
          operation + " failed: " + SdkErrors.describe(e), SdkErrors.kind(e), e);
    }
  }
}
