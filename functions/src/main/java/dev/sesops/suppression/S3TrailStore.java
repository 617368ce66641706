package dev.sesops.suppression;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@link TrailStore} in S3 (client from AccountClients.s3()); objects are JSON lines (the bucket's
 * default encryption applies).
 */
public final class S3TrailStore implements TrailStore {
  private final S3Client s3;
  private final String bucket;

  public S3TrailStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public void upload(S3Location where, Path file) {
    try {
      s3.putObject(
          r -> r.bucket(where.bucket()).key(where.key()).contentType("application/x-ndjson"),
          RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw new TrailException("cannot write " + where + ": " + SdkErrors.describe(e), e);
    }
  }

  @Override
  public void download(S3Location where, Path file) {
    try {
      Files.deleteIfExists(file);
      s3.getObject(
          r -> r.bucket(where.bucket()).key(where.key()), ResponseTransformer.toFile(file));
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      throw new NotFoundException(where + " does not exist");
    } catch (SdkException e) {
      if (SdkErrors.kind(e) == SdkErrors.Kind.NOT_FOUND) {
        throw new NotFoundException(where + " does not exist");
      }
      throw new TrailException("cannot read " + where + ": " + SdkErrors.describe(e), e);
    } catch (java.io.IOException e) {
      throw new TrailException("cannot read " + where + ": " + e.getClass().getSimpleName(), e);
    }
  }
}
