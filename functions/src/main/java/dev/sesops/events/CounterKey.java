package dev.sesops.events;

import java.time.Instant;

/** One counter item: an account's scope in one 5-minute bucket (its start). */
record CounterKey(String account, Scope scope, Instant bucket) {}
