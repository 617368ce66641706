package dev.sesops.fleet;

/** A discovered account left out of a run, and why (suspended, closed, pending closure). */
record SkippedAccount(String accountId, String name, String status) {}
