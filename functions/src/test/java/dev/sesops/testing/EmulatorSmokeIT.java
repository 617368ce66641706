package dev.sesops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.IdentityVerificationAttributes;
import software.amazon.awssdk.services.ses.model.Message;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.NotificationType;
import software.amazon.awssdk.services.ses.model.SendDataPoint;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.ses.model.VerificationStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Proves moto server answers, through the real SDK clients over HTTP, every call the functions rely
 * on (DESIGN.md section 6). Names are unique per run because moto keeps state until it restarts.
 */
class EmulatorSmokeIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void restoreSdkProperties() {
    Emulator.clearSdkProperties();
  }

  @Test
  void sesV1_sendsEmail_fromVerifiedIdentity_andRejectsUnverifiedSender() {
    try (SesClient ses = Sdk.ses()) {
      String sender = "noreply-" + RUN + "@example.com";

      ses.verifyEmailIdentity(r -> r.emailAddress(sender));
      Map<String, IdentityVerificationAttributes> verification =
          ses.getIdentityVerificationAttributes(r -> r.identities(sender)).verificationAttributes();
      String messageId = ses.sendEmail(email(sender)).messageId();

      assertThat(ses.listIdentities().identities()).contains(sender);
      assertThat(verification.get(sender).verificationStatus())
          .isEqualTo(VerificationStatus.SUCCESS);
      assertThat(messageId).isNotBlank();
      assertThatThrownBy(() -> ses.sendEmail(email("stranger-" + RUN + "@unverified.example")))
          .isInstanceOf(MessageRejectedException.class)
          .satisfies(e -> assertThat(((SesException) e).statusCode()).isEqualTo(400));
    }
  }

  @Test
  void sesV1_reportsSendQuota_andCountsSendsInStatistics() {
    try (SesClient ses = Sdk.ses()) {
      String sender = "stats-" + RUN + "@example.com";
      ses.verifyEmailIdentity(r -> r.emailAddress(sender));
      long attemptsBefore = deliveryAttempts(ses);

      ses.sendEmail(email(sender));
      var quota = ses.getSendQuota();

      assertThat(quota.max24HourSend()).isPositive();
      assertThat(quota.maxSendRate()).isPositive();
      assertThat(quota.sentLast24Hours()).isGreaterThanOrEqualTo(1.0);
      assertThat(deliveryAttempts(ses)).isEqualTo(attemptsBefore + 1);
    }
  }

  @Test
  void sesV1_domainIdentity_getsThreeDkimTokens_andMailFromAttributes() {
    try (SesClient ses = Sdk.ses()) {
      String domain = "d" + RUN + ".example.com";

      ses.verifyDomainIdentity(r -> r.domain(domain));
      List<String> tokens = ses.verifyDomainDkim(r -> r.domain(domain)).dkimTokens();
      ses.setIdentityMailFromDomain(r -> r.identity(domain).mailFromDomain("mail." + domain));
      var mailFrom =
          ses.getIdentityMailFromDomainAttributes(r -> r.identities(domain))
              .mailFromDomainAttributes();

      assertThat(tokens).hasSize(3).doesNotHaveDuplicates();
      assertThat(mailFrom.get(domain).mailFromDomain()).isEqualTo("mail." + domain);
    }
  }

  @Test
  void sesV1_notificationAttributes_keepForwardingButOmitTopicsInMoto_soTopicChecksUseWireMock() {
    // A canary: moto 5.1.1 stores SetIdentityNotificationTopic but never returns
    // Bounce/Complaint/DeliveryTopic.
    try (SesClient ses = Sdk.ses();
        SnsClient sns = Sdk.sns()) {
      String domain = "n" + RUN + ".example.com";
      String topicArn = sns.createTopic(r -> r.name("bounces-" + RUN)).topicArn();
      ses.verifyDomainIdentity(r -> r.domain(domain));

      ses.setIdentityNotificationTopic(
          r -> r.identity(domain).notificationType(NotificationType.BOUNCE).snsTopic(topicArn));
      ses.setIdentityFeedbackForwardingEnabled(r -> r.identity(domain).forwardingEnabled(false));
      var attributes =
          ses.getIdentityNotificationAttributes(r -> r.identities(domain)).notificationAttributes();

      assertThat(attributes.get(domain).forwardingEnabled()).isFalse();
      assertThat(attributes.get(domain).bounceTopic()).isNull();
    }
  }

  @Test
  void sesV1_getIdentityDkimAttributes_isNotImplementedInMoto_soTestsUseWireMockForIt() {
    // A canary: when moto implements this, DKIM tests may move from WireMock to moto.
    try (SesClient ses = Sdk.ses()) {
      assertThatThrownBy(() -> ses.getIdentityDkimAttributes(r -> r.identities("example.com")))
          .isInstanceOf(SesException.class)
          .satisfies(e -> assertThat(((SesException) e).statusCode()).isEqualTo(500));
    }
  }

  @Test
  void secretsManager_returnsTheSecretItStored() {
    try (SecretsManagerClient secrets = Sdk.secretsManager()) {
      String name = "ses-ops/config-" + RUN;
      String document = "{\"accounts\":{\"production\":{\"region\":\"us-east-1\"}}}";

      String arn = secrets.createSecret(r -> r.name(name).secretString(document)).arn();
      var read = secrets.getSecretValue(r -> r.secretId(name));

      assertThat(read.secretString()).isEqualTo(document);
      assertThat(read.arn()).isEqualTo(arn);
      assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("missing-" + RUN)))
          .isInstanceOf(
              software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException.class);
    }
  }

  @Test
  void sns_deliversPublishedAlert_toSubscribedQueue_asEnvelopeWithAttributes() throws Exception {
    try (SnsClient sns = Sdk.sns();
        SqsClient sqs = Sdk.sqs()) {
      String topicArn = sns.createTopic(r -> r.name("alerts-" + RUN)).topicArn();
      String queueUrl = sqs.createQueue(r -> r.queueName("alerts-" + RUN)).queueUrl();
      String queueArn =
          sqs.getQueueAttributes(
                  r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      String subscriptionArn =
          sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn))
              .subscriptionArn();
      sns.setSubscriptionAttributes(
          r ->
              r.subscriptionArn(subscriptionArn)
                  .attributeName("RawMessageDelivery")
                  .attributeValue("false"));

      sns.publish(
          r ->
              r.topicArn(topicArn)
                  .subject("SES account production: PROBATION")
                  .message("{\"account\":\"production\",\"level\":\"CRITICAL\"}")
                  .messageAttributes(
                      Map.of(
                          "level",
                          MessageAttributeValue.builder()
                              .dataType("String")
                              .stringValue("CRITICAL")
                              .build())));
      var messages =
          sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10))
              .messages();

      assertThat(messages).hasSize(1);
      JsonNode envelope = JSON.readTree(messages.get(0).body());
      assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
      assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn);
      assertThat(envelope.path("Subject").asText()).isEqualTo("SES account production: PROBATION");
      assertThat(JSON.readTree(envelope.path("Message").asText()).path("level").asText())
          .isEqualTo("CRITICAL");
      assertThat(envelope.path("MessageAttributes").path("level").path("Value").asText())
          .isEqualTo("CRITICAL");
    }
  }

  @Test
  void dynamoDb_conditionalPut_writesOnce_andRejectsTheSecondWriteOfTheSameKey() {
    try (DynamoDbClient dynamo = Sdk.dynamoDb()) {
      String table = "alert-state-" + RUN;
      dynamo.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("pk")
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName("sk")
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                      KeySchemaElement.builder()
                          .attributeName("sk")
                          .keyType(KeyType.RANGE)
                          .build()));
      PutItemRequest put =
          PutItemRequest.builder()
              .tableName(table)
              .item(
                  Map.of(
                      "pk", AttributeValue.fromS("account#production"),
                      "sk", AttributeValue.fromS("signal#bounce"),
                      "level", AttributeValue.fromS("WARNING")))
              .conditionExpression("attribute_not_exists(pk)")
              .build();

      dynamo.putItem(put);

      assertThatThrownBy(() -> dynamo.putItem(put))
          .isInstanceOf(ConditionalCheckFailedException.class);
      var item =
          dynamo
              .getItem(
                  r ->
                      r.tableName(table)
                          .key(
                              Map.of(
                                  "pk",
                                  AttributeValue.fromS("account#production"),
                                  "sk",
                                  AttributeValue.fromS("signal#bounce"))))
              .item();
      assertThat(item.get("level").s()).isEqualTo("WARNING");
    }
  }

  @Test
  void s3_roundTripsTheExactBytes_ofAnObject() {
    try (S3Client s3 = Sdk.s3()) {
      String bucket = "reports-" + RUN;
      byte[] bytes = new byte[70_000];
      new Random(42).nextBytes(bytes);
      s3.createBucket(r -> r.bucket(bucket));

      s3.putObject(
          r -> r.bucket(bucket).key("audit/2026/report.json").contentType("application/json"),
          RequestBody.fromBytes(bytes));
      var object = s3.getObjectAsBytes(r -> r.bucket(bucket).key("audit/2026/report.json"));

      GetObjectResponse response = object.response();
      assertThat(object.asByteArray()).isEqualTo(bytes);
      assertThat(response.contentLength()).isEqualTo(bytes.length);
      assertThat(response.contentType()).isEqualTo("application/json");
      assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("missing")))
          .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class);
    }
  }

  @Test
  void s3_withTheSdkDefaultChecksums_motoStoresTheAwsChunkedBodyVerbatim() {
    // Why Sdk.s3() (and any production S3 client pointed at moto) uses WHEN_REQUIRED checksums.
    // A canary: when this fails, moto decodes aws-chunked bodies and the setting may go.
    String bucket = "chunked-" + RUN;
    byte[] bytes = "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(Emulator.moto())
            .forcePathStyle(true)
            .region(Emulator.REGION)
            .credentialsProvider(Sdk.credentials())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      s3.createBucket(r -> r.bucket(bucket));

      s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromBytes(bytes));
      String stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String();

      assertThat(stored)
          .isNotEqualTo("hello world")
          .contains("chunk-signature=")
          .contains("x-amz-checksum-crc32:");
    }
  }

  @Test
  void sts_assumeRole_returnsTemporaryCredentialsForTheRole() {
    try (StsClient sts = Sdk.sts()) {
      var response =
          sts.assumeRole(
              r ->
                  r.roleArn("arn:aws:iam::111122223333:role/ses-ops")
                      .roleSessionName("ses-ops-" + RUN)
                      .externalId("optional"));

      Credentials credentials = response.credentials();
      assertThat(credentials.accessKeyId()).isNotBlank();
      assertThat(credentials.secretAccessKey()).isNotBlank();
      assertThat(credentials.sessionToken()).isNotBlank();
      assertThat(response.assumedRoleUser().arn())
          .contains("111122223333")
          .contains("ses-ops-" + RUN);
    }
  }

  @Test
  void sdkSystemProperties_pointAClientWithDefaultSettings_atMoto() {
    Emulator.pointSdkAt(Emulator.moto());

    try (StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(sts.getCallerIdentity().account()).isNotBlank();
    }
  }

  @Test
  void moto_failsWithHowToStartIt_whenNothingAnswers() throws Exception {
    URI closed;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    assertThatThrownBy(() -> Emulator.requireAnswering(closed))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("scripts/emulator.sh install && scripts/emulator.sh start");
  }

  private static SendEmailRequest email(String sender) {
    return SendEmailRequest.builder()
        .source(sender)
        .destination(Destination.builder().toAddresses("success@simulator.amazonses.com").build())
        .message(
            Message.builder()
                .subject(Content.builder().data("ses-ops smoke test").build())
                .body(Body.builder().text(Content.builder().data("hello").build()).build())
                .build())
        .build();
  }

  private static long deliveryAttempts(SesClient ses) {
    return ses.getSendStatistics().sendDataPoints().stream()
        .mapToLong(SendDataPoint::deliveryAttempts)
        .sum();
  }
}
