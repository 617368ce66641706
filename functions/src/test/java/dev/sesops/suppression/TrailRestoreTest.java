package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.NotFoundException;
import dev.sesops.ses.SuppressedEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrailRestoreTest {
  private static final String TRAIL =
      "s3://reports-bucket/suppression-trail/production/2025/06/01/20250601T030000Z-abcdef12.jsonl";

  private static Map<String, String> reasons(InMemorySuppressionList l) {
    return l.entries.values().stream()
        .collect(
            Collectors.toMap(
                SuppressedEntry::emailAddress, SuppressedEntry::reason, (a, b) -> a, TreeMap::new));
  }

  @Test
  void restore_putsEveryEntryOfTheTrailBack_withTheOriginalReason() {
    Fixture f = new Fixture("{\"dry_run\": false, \"always_remove\": [\"@test.example.com\"]}");
    InMemorySuppressionList list = f.list("production");
    list.add("a+tag@example.com", "BOUNCE", Fixture.daysAgo(100));
    list.add("qa@test.example.com", "COMPLAINT", Fixture.daysAgo(3));
    list.add("ünïcode@example.com", "BOUNCE", Fixture.daysAgo(300));
    list.add("fresh@example.com", "BOUNCE", Fixture.daysAgo(3));
    Map<String, String> before = reasons(list);

    AccountCleanupResult r =
        f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)).accounts().get(0);
    assertThat(list.entries).containsOnlyKeys("fresh@example.com");

    RestoreReport restore = f.cleanup().restore(r.trail(), Deadline.none(f.clock));

    assertThat(restore.complete()).isTrue();
    assertThat(restore.restored()).isEqualTo(3);
    assertThat(restore.method()).isEqualTo("single_put");
    assertThat(restore.account()).isEqualTo("production");
    assertThat(reasons(list)).isEqualTo(before);
  }

  @Test
  void restore_usesAnImportJobWithPut_forLargeTrails() {
    Fixture f = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 3}");
    IntStream.range(0, 7)
        .forEach(
            i ->
                f.list("production")
                    .add(
                        "u" + i + "@example.com",
                        i % 2 == 0 ? "BOUNCE" : "BOUNCE",
                        Fixture.daysAgo(100)));
    AccountCleanupResult r =
        f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)).accounts().get(0);
    assertThat(r.method()).isEqualTo("import_job");
    assertThat(f.list("production").entries).isEmpty();

    RestoreReport restore = f.cleanup().restore(r.trail(), Deadline.none(f.clock));

    assertThat(restore.method()).isEqualTo("import_job");
    assertThat(restore.importJobs())
        .singleElement()
        .satisfies(j -> assertThat(j.source()).endsWith(".restore-0001.jsonl"));
    assertThat(f.list("production").jobs.values())
        .extracting(j -> j.action)
        .containsExactly(ImportAction.DELETE, ImportAction.PUT);
    assertThat(f.list("production").entries).hasSize(7);
    assertThat(restore.complete()).isTrue();
  }

  @Test
  void cleanup_writesTheTrailAndItsImportSources_underTheOwningAccountsPrefix() {
    Fixture f = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 3}");
    IntStream.range(0, 7)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    AccountCleanupResult r =
        f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)).accounts().get(0);

    String prefix = "s3://reports-bucket/suppression-trail/111122223333/production/";
    assertThat(r.trail()).startsWith(prefix + "2025/06/01/");
    assertThat(r.importJobs())
        .singleElement()
        .satisfies(j -> assertThat(j.source()).startsWith(prefix).endsWith(".delete-0001.jsonl"));
    assertThat(f.store.objects.keySet()).allSatisfy(k -> assertThat(k).startsWith(prefix));
  }

  @Test
  void
      restore_ofATrailWrittenBeforeThePerAccountPrefixes_putsItsImportSourcesUnderTheAccountsPrefix() {
    Fixture f = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 3}");
    IntStream.range(0, 7)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    AccountCleanupResult r =
        f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)).accounts().get(0);
    // the same trail where the previous layout kept it: suppression-trail/ACCOUNT/...
    String old = r.trail().replace("/suppression-trail/111122223333/", "/suppression-trail/");
    f.store.objects.put(old, f.store.objects.remove(r.trail()));

    RestoreReport restore = f.cleanup().restore(old, Deadline.none(f.clock));

    assertThat(restore.complete()).isTrue();
    assertThat(restore.importJobs())
        .singleElement()
        .satisfies(
            j ->
                assertThat(j.source())
                    .isEqualTo(
                        "s3://reports-bucket/suppression-trail/111122223333/production/restores/"
                            + old.substring(old.lastIndexOf('/') + 1).replace(".jsonl", "")
                            + ".restore-0001.jsonl"));
    assertThat(f.list("production").entries).hasSize(7);
  }

  @Test
  void restore_rejectsALineThatDoesNotParse_namingTheLine_andPutsNothingBack() {
    Fixture f = new Fixture("{}");
    f.store.put(
        TRAIL,
        """
        {"run_id":"r","account":"production","email_address":"a@example.com","reason":"BOUNCE"}
        {"run_id":"r","account":"production","email_address":"b@example.com","reason":"BOUNCE"}
        {"run_id":"r","account":"production","email_address":"c@example.com",
        """);

    assertThatThrownBy(() -> f.cleanup().restore(TRAIL, Deadline.none(f.clock)))
        .isInstanceOf(BadInputException.class)
        .hasMessage("trail line 3: not valid JSON");
    assertThat(f.list("production").calls).isEmpty();
  }

  @Test
  void restore_rejectsAnUnknownReason_andAMissingAddress_naming_theLine() {
    Fixture f = new Fixture("{}");
    f.store.put(
        TRAIL,
        "{\"account\":\"production\",\"email_address\":\"a@example.com\",\"reason\":\"SPAM\"}\n");
    assertThatThrownBy(() -> f.cleanup().restore(TRAIL, Deadline.none(f.clock)))
        .hasMessage("trail line 1: reason must be BOUNCE or COMPLAINT");
    f.store.put(
        TRAIL,
        "{\"account\":\"production\",\"email_address\":\"a@example.com\",\"reason\":\"BOUNCE\"}\n{\"account\":\"production\",\"reason\":\"BOUNCE\"}\n");
    assertThatThrownBy(() -> f.cleanup().restore(TRAIL, Deadline.none(f.clock)))
        .hasMessage("trail line 2: email_address missing or not a string");
    f.store.put(
        TRAIL,
        "{\"account\":\"nowhere\",\"email_address\":\"a@example.com\",\"reason\":\"BOUNCE\"}\n");
    assertThatThrownBy(() -> f.cleanup().restore(TRAIL, Deadline.none(f.clock)))
        .hasMessage("trail line 1: account 'nowhere' is not in the config");
    assertThat(f.list("production").calls).isEmpty();
  }

  @Test
  void restore_failsClearly_whenTheTrailDoesNotExist_orTheUriIsNotAnS3Uri_orItIsADryRunPlan() {
    Fixture f = new Fixture("{}");
    assertThatThrownBy(() -> f.cleanup().restore(TRAIL, Deadline.none(f.clock)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(TRAIL + " does not exist");
    assertThatThrownBy(
            () -> f.cleanup().restore("https://example.com/trail.jsonl", Deadline.none(f.clock)))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("trail: expected an S3 URI");
    assertThatThrownBy(
            () ->
                f.cleanup()
                    .restore(TRAIL.replace(".jsonl", ".dry-run.jsonl"), Deadline.none(f.clock)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("dry-run plan");
  }

  @Test
  void restore_saysPlainlyWhatIsNotBack_whenSomePutsFail() {
    Fixture f = new Fixture("{}");
    StringBuilder sb = new StringBuilder();
    IntStream.range(0, 4)
        .forEach(
            i ->
                sb.append("{\"account\":\"production\",\"email_address\":\"u")
                    .append(i)
                    .append("@example.com\",\"reason\":\"BOUNCE\"}\n"));
    f.store.put(TRAIL, sb.toString());
    f.list("production").fail("PutSuppressedDestination", 1, SdkErrors.Kind.SERVER_ERROR);

    RestoreReport r = f.cleanup().restore(TRAIL, Deadline.none(f.clock));

    assertThat(r.complete()).isFalse();
    assertThat(r.restored()).isEqualTo(3);
    assertThat(r.failed()).isEqualTo(1);
    assertThat(r.failedLines()).containsExactly(1L);
    assertThat(r.message()).startsWith("restore INCOMPLETE: 3 of 4 entries restored, 1 failed");
  }

  @Test
  void restore_stopsAtTheDeadline_andNamesTheLineToResumeFrom() {
    Fixture f = new Fixture("{}");
    StringBuilder sb = new StringBuilder();
    IntStream.range(0, 20)
        .forEach(
            i ->
                sb.append("{\"account\":\"production\",\"email_address\":\"u")
                    .append(i)
                    .append("@example.com\",\"reason\":\"BOUNCE\"}\n"));
    f.store.put(TRAIL, sb.toString());

    RestoreReport r =
        f.cleanup().restore(TRAIL, new Deadline(f.clock.instant().plusSeconds(5), f.clock));

    assertThat(r.complete()).isFalse();
    assertThat(r.resumeFromLine()).isEqualTo(r.restored() + 1);
    assertThat(r.message()).contains("not attempted (from trail line " + r.resumeFromLine() + ")");
    assertThat(f.list("production").entries).hasSize((int) r.restored());
  }

  @Test
  void restore_ofAnEmptyTrail_isCompleteAndTouchesNothing() {
    Fixture f = new Fixture("{}");
    f.store.put(TRAIL, "");
    RestoreReport r = f.cleanup().restore(TRAIL, Deadline.none(f.clock));
    assertThat(r.complete()).isTrue();
    assertThat(r.entries()).isZero();
    assertThat(f.lists).isEmpty();
  }
}
