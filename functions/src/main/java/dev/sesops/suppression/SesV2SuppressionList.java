package dev.sesops.suppression;

import dev.sesops.aws.SdkErrors;
import dev.sesops.aws.SesGateway;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.DataFormat;
import software.amazon.awssdk.services.sesv2.model.GetImportJobResponse;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsRequest;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SuppressedDestination;
import software.amazon.awssdk.services.sesv2.model.SuppressionListImportAction;

/** {@link SuppressionList} over the SES v2 API (one account's client from AccountClients). */
public final class SesV2SuppressionList implements SuppressionList {
  private final SesV2Client ses;
  private final SesGateway gateway;

  /**
   * @param gateway the account's gateway, for GetAccount (the one mapping of it)
   */
  public SesV2SuppressionList(SesV2Client ses, SesGateway gateway) {
    this.ses = ses;
    this.gateway = java.util.Objects.requireNonNull(gateway, "gateway");
  }

  @Override
  public SuppressedPage list(ListFilter filter, String nextToken) {
    ListSuppressedDestinationsRequest.Builder req =
        ListSuppressedDestinationsRequest.builder()
            .pageSize(filter.pageSize())
            .nextToken(nextToken);
    if (!filter.reasons().isEmpty()) {
      req.reasonsWithStrings(filter.reasons().stream().sorted().toList());
    }
    if (filter.startDate() != null) {
      req.startDate(filter.startDate());
    }
    if (filter.endDate() != null) {
      req.endDate(filter.endDate());
    }
    ListSuppressedDestinationsResponse resp =
        call("ListSuppressedDestinations", () -> ses.listSuppressedDestinations(req.build()));
    List<SuppressedEntry> entries =
        resp.suppressedDestinationSummaries().stream()
            .map(s -> SuppressedEntry.of(s.emailAddress(), s.reasonAsString(), s.lastUpdateTime()))
            .toList();
    String token = resp.nextToken();
    return new SuppressedPage(entries, token == null || token.isEmpty() ? null : token);
  }

  @Override
  public Optional<SuppressedEntry> get(String emailAddress) {
    try {
      SuppressedDestination d =
          call(
                  "GetSuppressedDestination",
                  () -> ses.getSuppressedDestination(r -> r.emailAddress(emailAddress)))
              .suppressedDestination();
      String messageId = d.attributes() == null ? null : d.attributes().messageId();
      String feedbackId = d.attributes() == null ? null : d.attributes().feedbackId();
      return Optional.of(
          new SuppressedEntry(
              d.emailAddress(), d.reasonAsString(), d.lastUpdateTime(), messageId, feedbackId));
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String emailAddress) {
    try {
      call(
          "DeleteSuppressedDestination",
          () -> ses.deleteSuppressedDestination(r -> r.emailAddress(emailAddress)));
      return true;
    } catch (NotFound e) {
      return false;
    }
  }

  @Override
  public void put(String emailAddress, String reason) {
    call(
        "PutSuppressedDestination",
        () -> ses.putSuppressedDestination(r -> r.emailAddress(emailAddress).reason(reason)));
  }

  @Override
  public String createImportJob(String s3Url, ImportAction action, String dataFormat) {
    try {
      return ses.createImportJob(
              r ->
                  r.importDestination(
                          d ->
                              d.suppressionListDestination(
                                  s ->
                                      s.suppressionListImportAction(
                                          action == ImportAction.DELETE
                                              ? SuppressionListImportAction.DELETE
                                              : SuppressionListImportAction.PUT)))
                      .importDataSource(
                          s -> s.s3Url(s3Url).dataFormat(DataFormat.fromValue(dataFormat))))
          .jobId();
    } catch (BadRequestException e) {
      // what SES answers when bulk changes are not allowed (sandbox) or the source is unusable
      throw new ImportJobRefusedException("CreateImportJob refused: " + SdkErrors.describe(e), e);
    } catch (SdkException e) {
      throw translate("CreateImportJob", e);
    }
  }

  @Override
  public ImportJob getImportJob(String jobId) {
    GetImportJobResponse r = call("GetImportJob", () -> ses.getImportJob(b -> b.jobId(jobId)));
    return new ImportJob(
        r.jobId() == null ? jobId : r.jobId(),
        r.jobStatusAsString(),
        r.processedRecordsCount() == null ? 0 : r.processedRecordsCount(),
        r.failedRecordsCount() == null ? 0 : r.failedRecordsCount());
  }

  @Override
  public boolean productionAccess() {
    Boolean production = call("GetAccount", () -> gateway.account()).productionAccessEnabled();
    // unknown: try import jobs; a refusal still falls back to single deletes
    return production == null || production;
  }

  private static <T> T call(String operation, Supplier<T> op) {
    try {
      return op.get();
    } catch (NotFoundException e) {
      throw new NotFound();
    } catch (SdkException e) {
      throw translate(operation, e);
    }
  }

  private static SuppressionListException translate(String operation, SdkException e) {
    return new SuppressionListException(
        operation + " failed: " + SdkErrors.describe(e), SdkErrors.kind(e), e);
  }

  /** Internal signal for "not on the list"; never leaves this class. */
  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }
}
