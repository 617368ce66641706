package dev.sesops.suppression;

import dev.sesops.common.BadInputException;

/** An S3 object, written and parsed as {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {
  private static final java.util.regex.Pattern BUCKET =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @param parameter named in the error (e.g. {@code trail} or {@code detail.trail})
   */
  public static S3Location parse(String uri, String parameter) {
    if (uri == null || uri.isBlank()) {
      throw new BadInputException(parameter, "missing (expected s3://bucket/key)");
    }
    String u = uri.strip();
    if (!u.startsWith("s3://")) {
      throw new BadInputException(parameter, "expected an S3 URI s3://bucket/key");
    }
    String rest = u.substring(5);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new BadInputException(
          parameter, "expected s3://bucket/key with both a bucket and a key");
    }
    String bucket = rest.substring(0, slash);
    if (!BUCKET.matcher(bucket).matches()) {
      throw new BadInputException(parameter, "'" + bucket + "' is not an S3 bucket name");
    }
    return new S3Location(bucket, rest.substring(slash + 1));
  }

  /** The object beside this one whose key ends in {@code suffix} instead of {@code .jsonl}. */
  public S3Location sibling(String suffix) {
    String base = key.endsWith(".jsonl") ? key.substring(0, key.length() - ".jsonl".length()) : key;
    return new S3Location(bucket, base + suffix);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
