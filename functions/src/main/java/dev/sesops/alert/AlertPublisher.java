package dev.sesops.alert;

import dev.sesops.core.Alert;

/** Sends alerts to people (the SNS alert topic when deployed). */
public interface AlertPublisher {
  /**
   * Publishes one alert.
   *
   * @return the message id
   * @throws AlertException when it could not be delivered
   */
  String publish(Alert alert);
}
