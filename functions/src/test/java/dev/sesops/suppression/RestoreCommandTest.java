package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RestoreCommandTest {
  private static final String TRAIL =
      "s3://reports-bucket/suppression-trail/production/2025/06/01/20250601T030000Z-abcdef12.jsonl";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Fixture f, String... args) {
    return RestoreCommand.run(
        args,
        f::cleanup,
        f.clock,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void restoreCommand_exits0_andPrintsTheReport_whenEverythingIsBack() {
    Fixture f = new Fixture("{}");
    f.store.put(
        TRAIL,
        "{\"account\":\"production\",\"email_address\":\"a@example.com\",\"reason\":\"COMPLAINT\"}\n");
    assertThat(run(f, TRAIL)).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"restored\" : 1");
    assertThat(f.list("production").entries.get("a@example.com").reason()).isEqualTo("COMPLAINT");
  }

  @Test
  void restoreCommand_exits2_onUsageErrors() {
    Fixture f = new Fixture("{}");
    assertThat(run(f)).isEqualTo(2);
    assertThat(err()).startsWith("usage: restore-suppression");
    assertThat(run(f, "not-a-uri")).isEqualTo(2);
    assertThat(err()).contains("trail: expected an S3 URI");
  }

  @Test
  void restoreCommand_exits1_withAClearMessage_whenTheTrailIsMissingOrBroken() {
    Fixture f = new Fixture("{}");
    assertThat(run(f, TRAIL)).isEqualTo(1);
    assertThat(err())
        .contains("restore failed, nothing was put back: " + TRAIL + " does not exist");
    f.store.put(
        TRAIL,
        "{\"account\":\"production\",\"email_address\":\"a@example.com\",\"reason\":\"BOUNCE\"}\nnot json\n");
    assertThat(run(f, TRAIL)).isEqualTo(1);
    assertThat(err()).contains("nothing was put back: trail line 2: not valid JSON");
    assertThat(f.list("production").calls).isEmpty();
  }

  @Test
  void restoreCommand_exits1_andSaysWhatIsNotBack_whenPartlyRestored() {
    Fixture f = new Fixture("{}");
    f.store.put(
        TRAIL,
        "{\"account\":\"production\",\"email_address\":\"a@example.com\",\"reason\":\"BOUNCE\"}\n"
            + "{\"account\":\"production\",\"email_address\":\"b@example.com\",\"reason\":\"BOUNCE\"}\n");
    f.list("production")
        .fail("PutSuppressedDestination", 1, dev.sesops.aws.SdkErrors.Kind.SERVER_ERROR);
    assertThat(run(f, TRAIL)).isEqualTo(1);
    assertThat(err()).contains("restore INCOMPLETE: 1 of 2 entries restored, 1 failed");
  }
}
