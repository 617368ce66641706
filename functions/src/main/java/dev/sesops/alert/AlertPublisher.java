package dev.sesops.alert;

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
