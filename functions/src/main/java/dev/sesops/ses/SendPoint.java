package dev.sesops.ses;

import java.time.Instant;

/** One SES v1 GetSendStatistics data point (a 15-minute bucket). */
public record SendPoint(
    Instant timestamp, long deliveryAttempts, long bounces, long complaints, long rejects) {}
