package dev.sesops.suppression;

import dev.sesops.ses.ImportJob;
import dev.sesops.ses.Page;
import dev.sesops.ses.SuppressedEntry;
import java.util.Optional;

/**
 * The SES v2 account-level suppression list of one account (the port). {@link SesV2SuppressionList}
 * speaks the SDK; wrap it in {@link PacedSuppressionList} to keep to the account's control-plane
 * rate and ride out throttling. Failures are {@link SuppressionListException}s; a missing address
 * is {@code Optional.empty()} or {@code false}, not an error. Used by the cleanup and by the API
 * ({@code GET /accounts/{a}/suppressed} paging, details, delete).
 */
public interface SuppressionList {

  /**
   * One page of entries matching the filter; pass the previous page's token (null for the first
   * page).
   */
  Page<SuppressedEntry> list(ListFilter filter, String nextToken);

  /** One entry with its message and feedback ids, or empty when the address is not on the list. */
  Optional<SuppressedEntry> get(String emailAddress);

  /** Removes the address; false when it was not on the list. */
  boolean delete(String emailAddress);

  /** Adds the address (or updates it) with the reason, BOUNCE or COMPLAINT. */
  void put(String emailAddress, String reason);

  /**
   * Starts an import job on the suppression list from an S3 object (JSON lines or CSV with {@code
   * emailAddress} and {@code reason}).
   *
   * @return the job id
   * @throws ImportJobRefusedException when SES refuses bulk changes (sandbox accounts)
   */
  String createImportJob(String s3Url, ImportAction action, String dataFormat);

  /** The job's status and counts. */
  ImportJob getImportJob(String jobId);

  /**
   * Whether the account has production access ({@code GetAccount ProductionAccessEnabled}); sandbox
   * accounts cannot run import jobs.
   */
  boolean productionAccess();
}
