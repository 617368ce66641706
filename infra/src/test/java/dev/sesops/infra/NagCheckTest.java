package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;

/** Guards the nag assertions of the other tests against passing vacuously. */
class NagCheckTest {

  @Test
  void nagCheck_reportsAnUnsuppressedFinding_inAStackWithAPlainQueue() {
    // given
    App app = StackFixtures.appWithNag();
    Stack stack = new Stack(app, "Plain", StackFixtures.PROPS);
    new Queue(stack, "PlainQueue");

    // when
    var errors = StackFixtures.unsuppressedNagErrors(stack);

    // then
    assertThat(errors).anyMatch(e -> e.contains("AwsSolutions-SQS"));
  }
}
