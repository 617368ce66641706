package dev.sesops.events;

import dev.sesops.core.Window;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One scope's counts for its rate windows, in two fixed-size rings: the last 12 five-minute buckets
 * (the 1 h window) and the last 24 hours (the 24 h window). Adding an event moves the rings forward
 * and clears what fell out, so the item never grows with history or with the number of batches: it
 * encodes to {@link #BYTES} bytes whatever it holds, and reading or writing it costs the same on
 * the first batch of the day and the thousandth.
 */
final class WindowCounts {
  static final int FIELDS = 7;
  static final int FIVE_SLOTS = 12;
  static final int HOUR_SLOTS = 24;
  static final long FIVE = 300;
  static final long HOUR = 3600;
  private static final byte FORMAT = 2;

  /**
   * Encoded size: format byte, two ring heads, 12 five-minute slots of 7 unsigned 24-bit counters
   * and 24 hourly slots of 7 unsigned 32-bit counters: 933 bytes, so the item with its key stays
   * within the 1 KB a write unit covers (a five-minute counter saturates at 16.7 million, 55,000 a
   * second from one scope).
   */
  static final int BYTES = 1 + 4 + 4 + FIVE_SLOTS * FIELDS * 3 + HOUR_SLOTS * FIELDS * 4;

  private static final long MAX_FIVE = 0xFF_FFFFL;
  private static final long MAX_HOUR = 0xFFFF_FFFFL;

  private long headFive = -1;
  private long headHour = -1;
  private final long[][] five = new long[FIVE_SLOTS][FIELDS];
  private final long[][] hours = new long[HOUR_SLOTS][FIELDS];

  WindowCounts copy() {
    WindowCounts c = new WindowCounts();
    c.headFive = headFive;
    c.headHour = headHour;
    for (int i = 0; i < FIVE_SLOTS; i++) {
      c.five[i] = five[i].clone();
    }
    for (int i = 0; i < HOUR_SLOTS; i++) {
      c.hours[i] = hours[i].clone();
    }
    return c;
  }

  /**
   * Adds {@code delta} (indexed as {@link Tally#fields}) at time {@code t}; what is older than both
   * rings is dropped.
   */
  void add(Instant t, long[] delta) {
    long s = t.getEpochSecond();
    addTo(five, FIVE_SLOTS, Math.floorDiv(s, FIVE), delta, true);
    addTo(hours, HOUR_SLOTS, Math.floorDiv(s, HOUR), delta, false);
  }

  private void addTo(long[][] ring, int n, long idx, long[] delta, boolean isFive) {
    long head = isFive ? headFive : headHour;
    if (head < 0 || idx > head) {
      long clearFrom = head < 0 ? idx - n + 1 : Math.max(head + 1, idx - n + 1);
      for (long i = clearFrom; i <= idx; i++) {
        java.util.Arrays.fill(ring[(int) Math.floorMod(i, n)], 0);
      }
      if (isFive) {
        headFive = idx;
      } else {
        headHour = idx;
      }
      head = idx;
    }
    if (idx <= head - n) {
      return;
    }
    long[] slot = ring[(int) Math.floorMod(idx, n)];
    long max = isFive ? MAX_FIVE : MAX_HOUR;
    for (int f = 0; f < FIELDS; f++) {
      slot[f] = Math.min(max, slot[f] + delta[f]);
    }
  }

  /**
   * The 1 h window at {@code now}: the five-minute buckets from 55 minutes before the current one
   * to it.
   */
  Counts hour(Instant now) {
    return sum(five, FIVE_SLOTS, headFive, Math.floorDiv(now.getEpochSecond(), FIVE));
  }

  /** The 24 h window at {@code now}: the hours from 23 hours before the current one to it. */
  Counts day(Instant now) {
    return sum(hours, HOUR_SLOTS, headHour, Math.floorDiv(now.getEpochSecond(), HOUR));
  }

  Counts window(Window w, Instant now) {
    return w == Window.H1 ? hour(now) : day(now);
  }

  private static Counts sum(long[][] ring, int n, long head, long nowIdx) {
    if (head < 0) {
      return Counts.ZERO;
    }
    long end = Math.max(nowIdx, head);
    long[] t = new long[FIELDS];
    for (long i = Math.max(head - n + 1, end - n + 1); i <= head; i++) {
      long[] slot = ring[(int) Math.floorMod(i, n)];
      for (int f = 0; f < FIELDS; f++) {
        t[f] += slot[f];
      }
    }
    return new Counts(t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
  }

  /** The newest five-minute bucket holding an event, or null when empty. */
  Instant lastBucket() {
    return headFive < 0 ? null : Instant.ofEpochSecond(headFive * FIVE);
  }

  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.put(FORMAT);
    b.putInt((int) headFive);
    b.putInt((int) headHour);
    for (long[] slot : five) {
      for (long v : slot) {
        b.put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
      }
    }
    for (long[] slot : hours) {
      for (long v : slot) {
        b.putInt((int) v);
      }
    }
    return b.array();
  }

  static WindowCounts decode(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES || bytes[0] != FORMAT) {
      throw new EventsException(
          "window item of an unknown format (" + (bytes == null ? 0 : bytes.length) + " bytes)",
          null);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.get();
    WindowCounts w = new WindowCounts();
    w.headFive = b.getInt();
    w.headHour = b.getInt();
    for (long[] slot : w.five) {
      for (int f = 0; f < FIELDS; f++) {
        slot[f] = ((b.get() & 0xFFL) << 16) | ((b.get() & 0xFFL) << 8) | (b.get() & 0xFFL);
      }
    }
    for (long[] slot : w.hours) {
      for (int f = 0; f < FIELDS; f++) {
        slot[f] = Integer.toUnsignedLong(b.getInt());
      }
    }
    return w;
  }
}
