package dev.sesops.suppression;

/**
 * One import job a run started.
 *
 * @param jobId SES's job id
 * @param source the S3 object the job read
 * @param records records in the source
 * @param status the last status seen (PENDING when the run stopped before it finished)
 * @param processed records SES processed
 * @param failed records SES could not process
 */
record ImportJobResult(
    String jobId, String source, long records, String status, long processed, long failed) {}
