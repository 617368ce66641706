package dev.sesops.suppression;

import dev.sesops.aws.SdkErrors;

/** SES refused to create an import job (sandbox accounts cannot bulk-edit the suppression list). */
class ImportJobRefusedException extends SuppressionListException {
  public ImportJobRefusedException(String message, Throwable cause) {
    super(message, SdkErrors.Kind.INVALID, cause);
  }
}
