package dev.sesops.protection;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.core.Alert;
import java.util.ArrayList;
import java.util.List;

/** Keeps every alert published. */
final class RecordingAlerts implements AlertPublisher {
  final List<Alert> sent = new ArrayList<>();

  @Override
  public synchronized String publish(Alert alert) {
    sent.add(alert);
    return "msg-" + sent.size();
  }

  List<String> subjects() {
    return sent.stream().map(Alert::subject).toList();
  }
}
