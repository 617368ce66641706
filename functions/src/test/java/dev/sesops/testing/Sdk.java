package dev.sesops.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds test SDK clients with the production HTTP client (UrlConnection), test keys and an
 * explicit endpoint: the no-argument forms use moto, the others any endpoint (e.g. WireMock). Close
 * them after use.
 */
public final class Sdk {

  private Sdk() {}

  /** SES v1 client on moto. */
  public static SesClient ses() {
    return ses(Emulator.moto());
  }

  /** SES v1 client on {@code endpoint}. */
  public static SesClient ses(URI endpoint) {
    return build(SesClient.builder(), endpoint);
  }

  /** SES v1 client on {@code endpoint} in {@code region} (moto keeps identities per Region). */
  public static SesClient ses(URI endpoint, Region region) {
    return build(SesClient.builder(), endpoint, region);
  }

  /**
   * SES v2 client on {@code endpoint} (moto lacks GetAccount and the suppression list: use
   * WireMock).
   */
  public static SesV2Client sesV2(URI endpoint) {
    return build(SesV2Client.builder(), endpoint);
  }

  /**
   * CloudWatch client on {@code endpoint} (it speaks Smithy RPC v2 CBOR, which moto does not: use
   * WireMock).
   */
  public static CloudWatchClient cloudWatch(URI endpoint) {
    return build(CloudWatchClient.builder(), endpoint);
  }

  /** SNS client on moto. */
  public static SnsClient sns() {
    return sns(Emulator.moto());
  }

  /** SNS client on {@code endpoint}. */
  public static SnsClient sns(URI endpoint) {
    return build(SnsClient.builder(), endpoint);
  }

  /** SQS client on moto. */
  public static SqsClient sqs() {
    return sqs(Emulator.moto());
  }

  /** SQS client on {@code endpoint}. */
  public static SqsClient sqs(URI endpoint) {
    return build(SqsClient.builder(), endpoint);
  }

  /** DynamoDB client on moto. */
  public static DynamoDbClient dynamoDb() {
    return dynamoDb(Emulator.moto());
  }

  /** DynamoDB client on {@code endpoint}. */
  public static DynamoDbClient dynamoDb(URI endpoint) {
    return build(DynamoDbClient.builder(), endpoint);
  }

  /**
   * Creates the state table's shape on {@code dynamo}: string keys {@code pk} and {@code sk}, on
   * demand.
   */
  public static void createStateTable(DynamoDbClient dynamo, String table) {
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
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
  }

  /** S3 client on moto. */
  public static S3Client s3() {
    return s3(Emulator.moto());
  }

  /**
   * S3 client on {@code endpoint}: path-style, and checksums only when an operation requires them,
   * because moto stores the SDK's default aws-chunked body with trailing checksum verbatim.
   */
  public static S3Client s3(URI endpoint) {
    return build(
        S3Client.builder()
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED),
        endpoint);
  }

  /** STS client on moto. */
  public static StsClient sts() {
    return sts(Emulator.moto());
  }

  /** STS client on {@code endpoint}. */
  public static StsClient sts(URI endpoint) {
    return build(StsClient.builder(), endpoint);
  }

  /** Secrets Manager client on moto. */
  public static SecretsManagerClient secretsManager() {
    return secretsManager(Emulator.moto());
  }

  /** Secrets Manager client on {@code endpoint}. */
  public static SecretsManagerClient secretsManager(URI endpoint) {
    return build(SecretsManagerClient.builder(), endpoint);
  }

  /** Test keys as an SDK credentials provider. */
  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(Emulator.ACCESS_KEY_ID, Emulator.SECRET_ACCESS_KEY));
  }

  private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
      B builder, URI endpoint) {
    return build(builder, endpoint, Emulator.REGION);
  }

  private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
      B builder, URI endpoint, Region region) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials())
        // a builder, not an instance: closing the SDK client then closes its HTTP client too
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
