package dev.sesops.suppression;

import dev.sesops.common.NotFoundException;
import java.nio.file.Path;

/** Where cleanup trails and import-job sources are kept (S3 when deployed). */
public interface TrailStore {

  /** The bucket new trails go to (SES_OPS_REPORT_BUCKET). */
  String bucket();

  /**
   * Stores a local file as the object.
   *
   * @throws TrailException when it could not be stored
   */
  void upload(S3Location where, Path file);

  /**
   * Copies the object to a local file.
   *
   * @throws NotFoundException when the object (or its bucket) does not exist
   * @throws TrailException when it could not be read
   */
  void download(S3Location where, Path file);
}
