package dev.sesops.alert;

import dev.sesops.aws.SdkErrors;
import dev.sesops.core.Alert;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes alerts to the SNS topic with the account, severity and check as message attributes. */
public final class SnsAlertPublisher implements AlertPublisher {
  private final SnsClient sns;
  private final String topicArn;

  public SnsAlertPublisher(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  @Override
  public String publish(Alert alert) {
    try {
      return sns.publish(
              r ->
                  r.topicArn(topicArn)
                      .subject(alert.subject())
                      .message(alert.body())
                      .messageAttributes(attributes(alert)))
          .messageId();
    } catch (SdkException e) {
      throw new AlertException(
          "alert for "
              + alert.account()
              + "/"
              + alert.check()
              + " not published: "
              + SdkErrors.describe(e),
          e);
    }
  }

  private static Map<String, MessageAttributeValue> attributes(Alert alert) {
    Map<String, MessageAttributeValue> m = new java.util.LinkedHashMap<>();
    m.put("account", attr(alert.account()));
    m.put("severity", attr(alert.severity()));
    m.put("check", attr(alert.check()));
    if (alert.scope() != null) {
      m.put("scope", attr(alert.scope()));
    }
    return m;
  }

  private static MessageAttributeValue attr(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
