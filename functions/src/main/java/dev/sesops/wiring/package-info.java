/**
 * The composition roots: one class per function ({@code MonitorFunction}, {@code AuditFunction},
 * {@code SuppressionCleanupFunction}, {@code ApiFunction}, {@code EventsFunction}, {@code
 * ReportsFunction}, {@code FleetFunction}) that alone builds the function's object graph from the
 * environment and hands it to the feature's handler through its constructor; the Lambda handler
 * names these classes. The local commands ({@code FleetLocalCommand}, {@code
 * RestoreSuppressionCommand}, {@code IngestReportsCommand}) are roots too. This package may depend
 * on every other; none depends on it (docs/architecture.md).
 */
package dev.sesops.wiring;
