package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuppressionCleanupTest {
  private static final String REAL = "{\"dry_run\": false}";

  private static AccountCleanupResult only(CleanupReport r) {
    assertThat(r.accounts()).hasSize(1);
    return r.accounts().get(0);
  }

  @Test
  void cleanup_removesOnlyEntriesOlderThanRetention_whenListIsPaged() {
    Fixture f = new Fixture(REAL);
    f.options =
        new CleanupOptions(
            3, 10_000, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO);
    InMemorySuppressionList list = f.list("production");
    for (int i = 0; i < 10; i++) {
      list.add("old" + i + "@example.com", "BOUNCE", Fixture.daysAgo(91 + i));
      list.add("new" + i + "@example.com", "BOUNCE", Fixture.daysAgo(89));
    }
    list.add(
        "edge@example.com", "BOUNCE", Fixture.daysAgo(90)); // exactly 90 days: not older than 90

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.status()).isEqualTo("ok");
    assertThat(r.removed()).isEqualTo(10);
    assertThat(r.method()).isEqualTo("single_delete");
    assertThat(list.entries.keySet())
        .allMatch(a -> a.startsWith("new") || a.startsWith("edge"))
        .hasSize(11);
    assertThat(list.count("ListSuppressedDestinations")).as("pages of 3").isGreaterThan(3);
    assertThat(r.listingComplete()).isTrue();
    assertThat(r.leftForNextRun()).isZero();
  }

  @Test
  void cleanup_neverRemovesComplaints_unlessTheirReasonIsListed() {
    Fixture f = new Fixture(REAL);
    f.list("production").add("complained@example.com", "COMPLAINT", Fixture.daysAgo(1000));
    f.list("production").add("bounced@example.com", "BOUNCE", Fixture.daysAgo(1000));

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.removed()).isEqualTo(1);
    assertThat(f.list("production").entries).containsOnlyKeys("complained@example.com");

    Fixture g =
        new Fixture(
            "{\"dry_run\": false, \"reasons\": {\"COMPLAINT\": {\"older_than_days\": 365}}}");
    g.list("production").add("complained@example.com", "COMPLAINT", Fixture.daysAgo(1000));
    g.list("production").add("bounced@example.com", "BOUNCE", Fixture.daysAgo(1000));
    only(g.cleanup().run(List.of("production"), null, Deadline.none(g.clock)));
    assertThat(g.list("production").entries).containsOnlyKeys("bounced@example.com");
  }

  @Test
  void cleanup_keepsPatternMatches_andRemovesAlwaysRemoveDomainsAtAnyAge() {
    Fixture f =
        new Fixture(
            """
        {"dry_run": false, "keep": ["ceo@yourdomain.com", "@bigcustomer.com"], "always_remove": ["@test.yourdomain.com"]}""");
    InMemorySuppressionList list = f.list("production");
    list.add("CEO@YourDomain.com", "BOUNCE", Fixture.daysAgo(500));
    list.add("buyer@bigcustomer.com", "BOUNCE", Fixture.daysAgo(500));
    list.add("buyer@eu.bigcustomer.com", "BOUNCE", Fixture.daysAgo(500));
    list.add("qa1@test.yourdomain.com", "COMPLAINT", Fixture.daysAgo(1));
    list.add("qa2@test.yourdomain.com", "BOUNCE", Fixture.daysAgo(0));
    list.add("stale@example.com", "BOUNCE", Fixture.daysAgo(500));
    list.add("fresh@example.com", "BOUNCE", Fixture.daysAgo(5));

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(list.entries)
        .containsOnlyKeys(
            "CEO@YourDomain.com",
            "buyer@bigcustomer.com",
            "buyer@eu.bigcustomer.com",
            "fresh@example.com");
    assertThat(r.eligible()).isEqualTo(6);
    assertThat(r.keptByPattern()).isEqualTo(3);
    assertThat(r.removed()).isEqualTo(3);
  }

  @Test
  void cleanup_dryRun_removesNothing_showsMaskedSample_andStoresThePlan() {
    Fixture f = new Fixture("{}"); // dry_run defaults to true
    for (int i = 0; i < 30; i++) {
      f.list("production").add("user" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100 + i));
    }

    CleanupReport report = f.cleanup().run(List.of("production"), null, Deadline.none(f.clock));
    AccountCleanupResult r = only(report);

    assertThat(r.status()).isEqualTo("dry_run");
    assertThat(r.dryRun()).isTrue();
    assertThat(f.list("production").entries).hasSize(30);
    assertThat(
            f.list("production").count("DeleteSuppressedDestination")
                + f.list("production").count("CreateImportJob"))
        .isZero();
    assertThat(r.planned()).isEqualTo(30);
    assertThat(r.removed()).isZero();
    assertThat(r.wouldRemove())
        .hasSize(20)
        .allMatch(p -> p.emailAddress().matches("u\\*\\*\\*@example\\.com"));
    assertThat(r.trail())
        .endsWith(".dry-run.jsonl")
        .contains("suppression-trail/111122223333/production/2025/06/01/");
    assertThat(f.store.lines(r.trail())).hasSize(30);
    assertThat(Json.write(report)).doesNotContain("user1@example.com");
    assertThat(f.alerts).isEmpty();
  }

  @Test
  void cleanup_dryRunOverride_false_removesEvenWhenPolicySaysDryRun() {
    Fixture f = new Fixture("{}");
    f.list("production").add("user@example.com", "BOUNCE", Fixture.daysAgo(100));

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), false, Deadline.none(f.clock)));

    assertThat(r.dryRun()).isFalse();
    assertThat(r.removed()).isEqualTo(1);
    assertThat(f.list("production").entries).isEmpty();
  }

  @Test
  void cleanup_stopsAtMaxRemovalsPerRun_andTheNextRunPicksUpTheRest() {
    Fixture f = new Fixture("{\"dry_run\": false, \"max_removals_per_run\": 4}");
    f.options =
        new CleanupOptions(
            3, 10_000, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO);
    for (int i = 0; i < 10; i++) {
      f.list("production").add("user" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100));
    }

    AccountCleanupResult first =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(first.removed()).isEqualTo(4);
    assertThat(first.status()).isEqualTo("partial");
    assertThat(first.listingComplete()).isFalse();
    assertThat(first.leftForNextRun()).as("the rest of the second page").isEqualTo(2);
    assertThat(f.list("production").entries).hasSize(6);

    f.clock.advance(Duration.ofDays(1));
    only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));
    only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));
    assertThat(f.list("production").entries).isEmpty();
  }

  @Test
  void cleanup_writesTheTrailBeforeTheFirstRemoval_withEverythingARestoreNeeds() {
    Fixture f = new Fixture(REAL);
    InMemorySuppressionList list = f.list("production");
    list.add("a+tag@example.com", "BOUNCE", Fixture.daysAgo(120));
    list.add("b@example.com", "BOUNCE", Fixture.daysAgo(130));
    list.beforeDelete =
        address -> {
          String trail =
              f.store.objects.keySet().stream()
                  .filter(k -> k.matches(".*/\\d{8}T\\d{6}Z-[a-z0-9]{8}\\.jsonl"))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("removal before the trail was written"));
          assertThat(f.store.lines(trail))
              .anyMatch(l -> l.contains("\"email_address\":\"" + address + "\""));
        };

    AccountCleanupResult r =
        only(
            f.cleanup()
                .run(
                    List.of("production"),
                    null,
                    Deadline.none(f.clock),
                    "8f4c3b2a-1111-2222-3333-444455556666"));

    assertThat(r.removed()).isEqualTo(2);
    assertThat(r.trail())
        .isEqualTo(
            "s3://reports-bucket/suppression-trail/111122223333/production/2025/06/01/20250601T030000Z-8f4c3b2a.jsonl");
    JsonNode line = Json.read(f.store.lines(r.trail()).get(0));
    assertThat(line.path("email_address").asText()).isEqualTo("a+tag@example.com");
    assertThat(line.path("reason").asText()).isEqualTo("BOUNCE");
    assertThat(line.path("last_update_time").asText()).isEqualTo("2025-02-01T03:00:00Z");
    assertThat(line.path("run_id").asText()).isEqualTo("20250601T030000Z-8f4c3b2a");
    assertThat(line.path("account").asText()).isEqualTo("production");
  }

  @Test
  void cleanup_removesNothing_whenTheTrailCannotBeWritten() {
    Fixture f = new Fixture(REAL);
    f.list("production").add("a@example.com", "BOUNCE", Fixture.daysAgo(120));
    f.store.failUploads = true;

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.status()).isEqualTo("failed");
    assertThat(r.error()).contains("cannot write").contains("AccessDenied");
    assertThat(r.removed()).isZero();
    assertThat(f.list("production").entries).hasSize(1);
    assertThat(f.list("production").count("DeleteSuppressedDestination")).isZero();
  }

  @Test
  void cleanup_batchesIntoImportJobs_ofAtMostChunkSizeRecords_inTheDocumentedSourceFormat() {
    Fixture f = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 5}");
    f.options =
        new CleanupOptions(
            1000, 4, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO);
    for (int i = 0; i < 10; i++) {
      f.list("production").add("user" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100));
    }
    f.list("production").pollsToFinish = 2;

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.method()).isEqualTo("import_job");
    assertThat(r.importJobs()).extracting(ImportJobResult::records).containsExactly(4L, 4L, 2L);
    assertThat(r.importJobs()).allMatch(j -> j.status().equals("COMPLETED"));
    assertThat(r.removed()).isEqualTo(10);
    assertThat(f.list("production").entries).isEmpty();
    assertThat(f.list("production").count("DeleteSuppressedDestination")).isZero();
    String source = r.importJobs().get(0).source();
    assertThat(source).endsWith(".delete-0001.jsonl").startsWith(r.trail().replace(".jsonl", ""));
    JsonNode rec = Json.read(f.store.lines(source).get(0));
    assertThat(rec.fieldNames()).toIterable().containsExactly("emailAddress", "reason");
    // 1 list + 1 GetAccount + 3 CreateImportJob + 3 jobs x 2 polls
    assertThat(r.sesCalls()).isEqualTo(11);
  }

  @Test
  void cleanup_deletesOneByOne_belowTheBulkThreshold_andInTheSandbox() {
    Fixture small = new Fixture(REAL); // bulk threshold 50
    IntStream.range(0, 49)
        .forEach(
            i ->
                small
                    .list("production")
                    .add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    AccountCleanupResult r1 =
        only(small.cleanup().run(List.of("production"), null, Deadline.none(small.clock)));
    assertThat(r1.method()).isEqualTo("single_delete");
    assertThat(small.list("production").count("GetAccount")).isZero();

    Fixture sandbox = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 2}");
    IntStream.range(0, 5)
        .forEach(
            i ->
                sandbox
                    .list("production")
                    .add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    sandbox.list("production").production = false;
    AccountCleanupResult r2 =
        only(sandbox.cleanup().run(List.of("production"), null, Deadline.none(sandbox.clock)));
    assertThat(r2.method()).isEqualTo("single_delete");
    assertThat(r2.removed()).isEqualTo(5);
    assertThat(sandbox.list("production").count("CreateImportJob")).isZero();
  }

  @Test
  void cleanup_fallsBackToSingleDeletes_whenCreateImportJobIsRefused() {
    Fixture f = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 2}");
    IntStream.range(0, 5)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    f.list("production").refuseImportJobs = true;

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.method()).isEqualTo("import_job+single_delete");
    assertThat(r.removed()).isEqualTo(5);
    assertThat(r.status()).isEqualTo("ok");
    assertThat(f.list("production").entries).isEmpty();
  }

  @Test
  void cleanup_recordsTheFailedRecords_ofAPartlyFailedImportJob() {
    Fixture f = new Fixture("{\"dry_run\": false, \"bulk_threshold\": 2}");
    IntStream.range(0, 6)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    f.list("production").failingRecords = a -> a.startsWith("u1") || a.startsWith("u4");

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.status()).isEqualTo("partial");
    assertThat(r.removed()).isEqualTo(4);
    assertThat(r.failed()).isEqualTo(2);
    assertThat(r.importJobs())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.processed()).isEqualTo(6);
              assertThat(j.failed()).isEqualTo(2);
            });
    assertThat(f.list("production").entries).containsOnlyKeys("u1@example.com", "u4@example.com");
  }

  @Test
  void cleanup_pacesSingleDeletesAtTheControlPlaneRate() {
    Fixture f = new Fixture(REAL);
    IntStream.range(0, 10)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.removed()).isEqualTo(10);
    // 1 list + 10 deletes at one per second (a burst of one)
    assertThat(r.sesCalls()).isEqualTo(11);
    assertThat(Duration.ofNanos(f.sleptNanos).toSeconds()).isBetween(10L, 11L);
  }

  @Test
  void cleanup_recordsADeleteStillThrottledAfterTheClientsRetries_asFailed_andContinues() {
    // the SDK client retries throttling (SuppressionCleanupIT); what still fails is one failed
    // removal
    Fixture f = new Fixture(REAL);
    IntStream.range(0, 5)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    f.list("production").fail("DeleteSuppressedDestination", 1, SdkErrors.Kind.THROTTLED);

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.removed()).isEqualTo(4);
    assertThat(r.failed()).isEqualTo(1);
    assertThat(f.paced.get("production").throttled()).isEqualTo(1);
  }

  @Test
  void cleanup_recordsAFailedDelete_andContinues_whenTheServiceFailsMidRun() {
    Fixture f = new Fixture(REAL);
    IntStream.range(0, 5)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    f.list("production").fail("DeleteSuppressedDestination", 1, SdkErrors.Kind.SERVER_ERROR);

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.status()).isEqualTo("partial");
    assertThat(r.removed()).isEqualTo(4);
    assertThat(r.failed()).isEqualTo(1);
    assertThat(f.list("production").entries).containsOnlyKeys("u0@example.com");
  }

  @Test
  void cleanup_stopsBeforeTheDeadline_reportsWhatIsLeft_andTheNextRunFinishes() {
    Fixture f = new Fixture(REAL);
    IntStream.range(0, 40)
        .forEach(
            i ->
                f.list("production")
                    .add(String.format("u%02d@example.com", i), "BOUNCE", Fixture.daysAgo(100)));
    Deadline deadline = new Deadline(f.clock.instant().plusSeconds(15), f.clock);

    AccountCleanupResult r = only(f.cleanup().run(List.of("production"), null, deadline));

    assertThat(r.stoppedByDeadline()).isTrue();
    assertThat(r.status()).isEqualTo("partial");
    assertThat(r.removed()).isBetween(12L, 15L);
    assertThat(r.removed() + r.leftForNextRun()).isEqualTo(40);
    assertThat(f.list("production").entries).hasSize((int) r.leftForNextRun());
    assertThat(f.clock.instant()).isBeforeOrEqualTo(deadline.at());

    AccountCleanupResult next =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));
    assertThat(next.removed()).isEqualTo(r.leftForNextRun());
    assertThat(f.list("production").entries).isEmpty();
  }

  @Test
  void cleanup_stopsListing_whenLessThanTheReserveIsLeft() {
    Fixture f = new Fixture(REAL);
    f.options =
        new CleanupOptions(
            2, 10_000, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10));
    IntStream.range(0, 40)
        .forEach(
            i ->
                f.list("production")
                    .add(String.format("u%02d@example.com", i), "BOUNCE", Fixture.daysAgo(100)));

    AccountCleanupResult r =
        only(
            f.cleanup()
                .run(
                    List.of("production"),
                    null,
                    new Deadline(f.clock.instant().plusSeconds(15), f.clock)));

    assertThat(r.listingComplete()).isFalse();
    assertThat(r.stoppedByDeadline()).isTrue();
    assertThat(r.listed()).isLessThan(40);
  }

  @Test
  void cleanup_isolatesAccounts_oneFailingDoesNotStopTheOthers() {
    Fixture f = new Fixture(REAL);
    f.list("production").add("a@example.com", "BOUNCE", Fixture.daysAgo(100));
    f.list("production").fail("ListSuppressedDestinations", 1, SdkErrors.Kind.SERVER_ERROR);
    f.list("staging").add("b@example.com", "BOUNCE", Fixture.daysAgo(100));

    CleanupReport report = f.cleanup().run(null, null, Deadline.none(f.clock));

    assertThat(report.accounts())
        .extracting(AccountCleanupResult::account, AccountCleanupResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("production", "failed"),
            org.assertj.core.groups.Tuple.tuple("staging", "ok"));
    assertThat(report.accounts().get(0).error())
        .isEqualTo("ListSuppressedDestinations failed: injected SERVER_ERROR");
    assertThat(report.failedAccounts()).isEqualTo(1);
    assertThat(f.list("staging").entries).isEmpty();
    assertThat(f.list("production").entries).hasSize(1);
  }

  @Test
  void cleanup_stopsAnAccount_onAccessDenied_andSaysWhatItRemovedFirst() {
    Fixture f = new Fixture(REAL);
    IntStream.range(0, 5)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    InMemorySuppressionList list = f.list("production");
    list.beforeDelete =
        a -> {
          if (a.equals("u2@example.com")) {
            list.fail("DeleteSuppressedDestination", 1, SdkErrors.Kind.ACCESS_DENIED);
          }
        };

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.status()).isEqualTo("failed");
    assertThat(r.removed()).isEqualTo(3);
    assertThat(r.error()).contains("ACCESS_DENIED");
  }

  @Test
  void aFailedAccount_sendsAWarningNotice_withTheReasonAndTheUndoForWhatWasRemoved() {
    Fixture f = new Fixture(REAL);
    IntStream.range(0, 5)
        .forEach(
            i ->
                f.list("production").add("u" + i + "@example.com", "BOUNCE", Fixture.daysAgo(100)));
    InMemorySuppressionList list = f.list("production");
    list.beforeDelete =
        a -> {
          if (a.equals("u2@example.com")) {
            list.fail("DeleteSuppressedDestination", 1, SdkErrors.Kind.ACCESS_DENIED);
          }
        };

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(r.status()).isEqualTo("failed");
    assertThat(f.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.severity()).isEqualTo("WARNING");
              assertThat(a.subject()).isEqualTo("SES suppression cleanup failed in production");
              assertThat(a.body())
                  .contains(
                      "ACCESS_DENIED",
                      "Removed before it stopped: 3",
                      "restore-suppression " + r.trail())
                  .doesNotContain("u0@example.com");
            });
  }

  @Test
  void cleanup_sendsANotice_afterARealRunThatRemovedSomething_withoutAddresses() {
    Fixture f = new Fixture(REAL);
    f.list("production").add("someone@example.com", "BOUNCE", Fixture.daysAgo(100));

    AccountCleanupResult r =
        only(f.cleanup().run(List.of("production"), null, Deadline.none(f.clock)));

    assertThat(f.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.account()).isEqualTo("production");
              assertThat(a.check()).isEqualTo("suppression-cleanup");
              assertThat(a.body())
                  .contains(r.trail())
                  .contains("restore-suppression")
                  .doesNotContain("someone@example.com");
            });

    f.list("production").add("other@example.com", "BOUNCE", Fixture.daysAgo(100));
    f.cleanup().run(List.of("production"), true, Deadline.none(f.clock));
    f.cleanup().run(List.of("staging"), false, Deadline.none(f.clock)); // nothing to remove
    assertThat(f.alerts).hasSize(1);
  }

  @Test
  void cleanup_rejectsUnknownAccounts_namingThem() {
    Fixture f = new Fixture(REAL);
    assertThatThrownBy(() -> f.cleanup().run(List.of("nope"), null, Deadline.none(f.clock)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("detail.accounts")
        .hasMessageContaining("nope");
  }

  @Test
  void cleanup_listsOnlyEligibleReasonsOlderThanTheCutoff_whenNoAlwaysRemoveDomains() {
    Fixture f = new Fixture(REAL);
    f.list("production").add("x@example.com", "BOUNCE", Fixture.daysAgo(100));
    f.cleanup().run(List.of("production"), null, Deadline.none(f.clock));
    ListFilter filter =
        new CleanupRules(dev.sesops.config.CleanupPolicy.defaults(), Fixture.NOW).listFilter(1000);
    assertThat(filter.reasons()).containsExactly("BOUNCE");
    assertThat(filter.endDate()).isEqualTo(Fixture.daysAgo(90));
  }
}
