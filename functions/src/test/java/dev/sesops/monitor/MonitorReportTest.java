package dev.sesops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.core.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorReportTest {
  @Test
  void anAccountNotReached_makesTheRunUnknown_neverOk() {
    MonitorReport r =
        new MonitorReport("run", Instant.EPOCH, 1, false, Map.of(), List.of(), List.of("slow"));

    assertThat(r.worst()).isEqualTo(Level.UNKNOWN);
  }

  @Test
  void nothingSelectedAndNothingMissed_isOk() {
    assertThat(
            new MonitorReport("run", Instant.EPOCH, 1, false, Map.of(), List.of(), List.of())
                .worst())
        .isEqualTo(Level.OK);
  }
}
