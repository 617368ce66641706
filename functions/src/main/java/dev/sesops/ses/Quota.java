package dev.sesops.ses;

/** SES v1 GetSendQuota. max24HourSend of -1 means unlimited. */
public record Quota(double max24HourSend, double maxSendRate, double sentLast24Hours) {}
