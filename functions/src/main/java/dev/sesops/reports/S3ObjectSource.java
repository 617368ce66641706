package dev.sesops.reports;

import dev.sesops.aws.SdkErrors;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads report objects from S3, stopping one byte past the limit. */
public final class S3ObjectSource implements ObjectSource {
  private final S3Client s3;

  public S3ObjectSource(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public byte[] read(String bucket, String key, long maxBytes) {
    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (SdkException e) {
      throw new ReportsException(
          "s3://" + bucket + "/" + key + " not read: " + SdkErrors.describe(e), e);
    } catch (IOException e) {
      throw new ReportsException(
          "s3://" + bucket + "/" + key + " not read: " + e.getClass().getSimpleName(), e);
    }
  }
}
