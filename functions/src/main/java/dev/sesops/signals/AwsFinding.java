package dev.sesops.signals;

import java.time.Instant;

/**
 * One Virtual Deliverability Manager finding ({@code ListRecommendations}): its type (DKIM, DMARC,
 * SPF, BIMI, COMPLAINT, BOUNCE, FEEDBACK_3P, IP_LISTING), the resource it is about, impact LOW or
 * HIGH, status OPEN or FIXED, and AWS's own description. Types and values are plain strings: a
 * value newer than the SDK is reported as SES sent it, never dropped.
 */
public record AwsFinding(
    String resourceArn,
    String type,
    String description,
    String status,
    String impact,
    Instant createdTimestamp,
    Instant lastUpdatedTimestamp) {

  public boolean open() {
    return "OPEN".equalsIgnoreCase(status);
  }

  public boolean high() {
    return "HIGH".equalsIgnoreCase(impact);
  }

  /** What makes two findings the same across runs and event deliveries: type and resource. */
  public String key() {
    return "finding#" + type + "#" + resourceArn;
  }

  /** The resource as people read it: the part after the last '/' or ':' of its ARN. */
  public String resourceName() {
    return Arns.shortName(resourceArn);
  }
}
