package dev.sesops.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.lambda.Code;

/** Builds apps the way SesOpsApp does, with a stub asset for the functions jar and cdk-nag on. */
final class StackFixtures {

  static final String OPS_ACCOUNT = "111122223333";
  static final String REGION = "eu-west-1";
  static final StackProps PROPS =
      StackProps.builder()
          .env(Environment.builder().account(OPS_ACCOUNT).region(REGION).build())
          .build();

  private StackFixtures() {}

  static App appWithNag() {
    App app = new App();
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return app;
  }

  static Code stubCode() {
    try {
      return Code.fromAsset(
          Path.of(StackFixtures.class.getResource("/stub-function").toURI()).toString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** cdk-nag findings that no suppression covers, as readable lines (empty when clean). */
  static List<String> unsuppressedNagErrors(Stack stack) {
    List<SynthesisMessage> errors =
        Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    return errors.stream()
        .map(m -> m.getId() + ": " + m.getEntry().getData())
        .collect(Collectors.toList());
  }
}
