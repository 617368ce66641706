package dev.sesops.ses;

/**
 * The state of a suppression-list import job ({@code GetImportJob}).
 *
 * @param jobId the job id
 * @param status CREATED, PROCESSING, COMPLETED, FAILED or CANCELLED (as SES names it)
 * @param processed records processed so far
 * @param failed records that failed
 */
public record ImportJob(String jobId, String status, long processed, long failed) {

  /** True once SES will not change the job any more. */
  public boolean finished() {
    return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
  }
}
