package dev.sesops.suppression;

import java.time.Instant;

/** An entry a run removes or would remove, as reports show it: the address masked. */
record PlannedRemoval(String emailAddress, String reason, Instant lastUpdateTime) {}
