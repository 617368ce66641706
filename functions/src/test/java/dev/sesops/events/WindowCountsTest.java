package dev.sesops.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowCountsTest {
  private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");
  private static final long[] SEND = {1, 0, 0, 0, 0, 0, 0};
  private static final long[] HARD = {0, 0, 1, 0, 0, 0, 0};

  @Test
  void hourWindow_holdsTwelveFiveMinuteBuckets_dayWindowTwentyFourHours() {
    WindowCounts w = new WindowCounts();
    w.add(T.minus(Duration.ofMinutes(70)), SEND); // out of the 1 h window, in the 24 h one
    w.add(T.minus(Duration.ofMinutes(50)), SEND);
    w.add(T, SEND);
    w.add(T, HARD);

    assertThat(w.hour(T)).isEqualTo(new Counts(2, 0, 1, 0, 0, 0, 0));
    assertThat(w.day(T)).isEqualTo(new Counts(3, 0, 1, 0, 0, 0, 0));
    // an hour later with nothing new: the 1 h window is empty, the day still counts all
    assertThat(w.hour(T.plus(Duration.ofMinutes(65)))).isEqualTo(Counts.ZERO);
    assertThat(w.day(T.plus(Duration.ofHours(1)))).isEqualTo(new Counts(3, 0, 1, 0, 0, 0, 0));
    assertThat(w.day(T.plus(Duration.ofHours(25)))).isEqualTo(Counts.ZERO);
  }

  @Test
  void movingForward_clearsTheSlotsThatFellOut_andALateEventStillLandsInItsBucket() {
    WindowCounts w = new WindowCounts();
    w.add(T, SEND);
    w.add(T.plus(Duration.ofHours(2)), SEND); // the 5-minute ring wrapped: T's slot was cleared
    w.add(
        T.plus(Duration.ofHours(2)).minus(Duration.ofMinutes(20)),
        HARD); // late, still inside the hour

    Instant now = T.plus(Duration.ofHours(2));
    assertThat(w.hour(now)).isEqualTo(new Counts(1, 0, 1, 0, 0, 0, 0));
    assertThat(w.day(now)).isEqualTo(new Counts(2, 0, 1, 0, 0, 0, 0));
    // older than both rings: dropped, never added to a slot that now means another time
    w.add(T.minus(Duration.ofHours(30)), HARD);
    assertThat(w.day(now).hardBounces()).isEqualTo(1);
  }

  @Test
  void encodedSize_isTheSame_emptyOrAfterADayOfTraffic() {
    WindowCounts empty = new WindowCounts();
    WindowCounts busy = new WindowCounts();
    for (int m = 0; m < 24 * 60; m += 5) {
      busy.add(T.plus(Duration.ofMinutes(m)), new long[] {90_000, 80_000, 900, 90, 9, 1, 5});
    }

    assertThat(empty.encode()).hasSize(WindowCounts.BYTES);
    assertThat(busy.encode()).hasSize(WindowCounts.BYTES);
    WindowCounts back = WindowCounts.decode(busy.encode());
    Instant end = T.plus(Duration.ofMinutes(24 * 60 - 5));
    assertThat(back.day(end)).isEqualTo(busy.day(end));
    assertThat(back.hour(end))
        .isEqualTo(new Counts(12 * 90_000, 12 * 80_000, 12 * 900, 12 * 90, 12 * 9, 12, 60));
  }

  @Test
  void aFiveMinuteCounterSaturates_insteadOfWrapping() {
    WindowCounts w = new WindowCounts();
    w.add(T, new long[] {20_000_000, 0, 0, 0, 0, 0, 0});
    WindowCounts back = WindowCounts.decode(w.encode());
    assertThat(back.hour(T).sends()).isEqualTo(0xFF_FFFF);
    assertThat(back.day(T).sends()).isEqualTo(20_000_000);
  }

  @Test
  void decode_refusesAnItemOfAnotherFormat() {
    assertThatThrownBy(() -> WindowCounts.decode(new byte[12]))
        .isInstanceOf(EventsException.class)
        .hasMessageContaining("12 bytes");
  }
}
