package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link LambdaEvents} reads every sample event under events/ as the Lambda runtime's own
 * serializer does ({@code aws-lambda-java-serialization}, through aws-lambda-java-tests'
 * EventLoader), and writes the responses in the names Lambda and API Gateway read.
 */
class LambdaEventsTest {
  private static final Path EVENTS = Path.of("..", "events");

  private static List<Path> samples(String dir) throws Exception {
    try (Stream<Path> s = Files.list(EVENTS.resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static byte[] bytes(Path p) throws Exception {
    return Files.readAllBytes(p);
  }

  @Test
  void scheduledSamples_readAsTheRuntimeReadsThem() throws Exception {
    int compared = 0;
    for (String dir : List.of("monitor", "audit", "suppression-cleanup")) {
      for (Path p : samples(dir)) {
        ScheduledEvent runtime = EventLoader.loadScheduledEvent(p.toString());
        ScheduledEvent ours = LambdaEvents.read(bytes(p), ScheduledEvent.class);
        assertThat(ours.getTime() == null ? null : ours.getTime().getMillis())
            .as(p.toString())
            .isEqualTo(runtime.getTime() == null ? null : runtime.getTime().getMillis());
        ours.setTime(null);
        runtime.setTime(null);
        assertThat(ours).as(p.toString()).isEqualTo(runtime);
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(12);
  }

  @Test
  void sqsSamples_readAsTheRuntimeReadsThem() throws Exception {
    List<Path> files = samples("events");
    for (Path p : files) {
      SQSEvent runtime = EventLoader.loadSQSEvent(p.toString());
      SQSEvent ours = LambdaEvents.read(bytes(p), SQSEvent.class);
      assertThat(ours).as(p.toString()).isEqualTo(runtime);
      assertThat(ours.getRecords()).as(p.toString()).isNotEmpty();
      assertThat(ours.getRecords().get(0).getEventSourceArn())
          .isEqualTo(runtime.getRecords().get(0).getEventSourceArn());
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void apiSamples_readAsTheRuntimeReadsThem() throws Exception {
    List<Path> files = samples("api");
    for (Path p : files) {
      APIGatewayProxyRequestEvent runtime = EventLoader.loadApiGatewayRestEvent(p.toString());
      APIGatewayProxyRequestEvent ours =
          LambdaEvents.read(bytes(p), APIGatewayProxyRequestEvent.class);
      assertThat(ours).as(p.toString()).isEqualTo(runtime);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void responses_useTheNamesLambdaAndApiGatewayRead() {
    String batch =
        new String(
            LambdaEvents.write(
                new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-2")))),
            StandardCharsets.UTF_8);
    assertThat(batch).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");
    String api =
        new String(
            LambdaEvents.write(
                new APIGatewayProxyResponseEvent()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{}")
                    .withIsBase64Encoded(false)),
            StandardCharsets.UTF_8);
    assertThat(api)
        .isEqualTo(
            "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":\"{}\",\"isBase64Encoded\":false}");
  }

  @Test
  void anEventOfTheWrongShape_isBadInput_namingTheField_notItsValue() {
    assertThatThrownBy(
            () ->
                LambdaEvents.read(
                    "{\"detail\": \"secret-value\"}".getBytes(StandardCharsets.UTF_8),
                    ScheduledEvent.class))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("ScheduledEvent")
        .hasMessageContaining("detail")
        .hasMessageNotContaining("secret-value");
    assertThatThrownBy(
            () -> LambdaEvents.read("null".getBytes(StandardCharsets.UTF_8), SQSEvent.class))
        .isInstanceOf(BadInputException.class);
  }
}
