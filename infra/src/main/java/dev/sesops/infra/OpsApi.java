package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * The REST API: IAM-authorized, regional, throttled, with access logs, a request validator and the
 * API function's alias behind {@code ANY /} and {@code ANY /{proxy+}}.
 *
 * <p>Created in the stack's own scope so the logical ids stay those of the one-file stack (see
 * {@link Storage}).
 */
final class OpsApi {
  private final Stack stack;
  private RestApi api;

  OpsApi(Stack stack, Alias target) {
    this.stack = stack;
    restApi(target);
  }

  RestApi restApi() {
    return api;
  }

  private void restApi(Alias target) {
    LogGroup accessLogs =
        LogGroup.Builder.create(stack, "ApiAccessLogs")
            .retention(SesOpsStack.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    MethodOptions iam = MethodOptions.builder().authorizationType(AuthorizationType.IAM).build();
    api =
        RestApi.Builder.create(stack, "Api")
            .restApiName("ses-ops")
            .description("ses-ops: the ses-helper commands for tooling (IAM auth)")
            .endpointTypes(List.of(EndpointType.REGIONAL))
            // Access and execution logs need the account-level API Gateway CloudWatch role;
            // retained on delete because other APIs in the account may rely on it.
            .cloudWatchRole(true)
            .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
            .defaultMethodOptions(iam)
            .deployOptions(
                StageOptions.builder()
                    .stageName("v1")
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(
                        AccessLogFormat.jsonWithStandardFields(
                            JsonWithStandardFieldProps.builder()
                                .caller(true)
                                .httpMethod(true)
                                .ip(true)
                                .protocol(true)
                                .requestTime(true)
                                .resourcePath(true)
                                .responseLength(true)
                                .status(true)
                                .user(true)
                                .build()))
                    // Execution logs at ERROR only and no data trace: bodies may hold recipient
                    // addresses.
                    .loggingLevel(MethodLoggingLevel.ERROR)
                    .dataTraceEnabled(false)
                    .metricsEnabled(true)
                    .throttlingRateLimit(10)
                    .throttlingBurstLimit(20)
                    // SES control-plane calls run at about 1 per second per account: keep the proxy
                    // low.
                    .methodOptions(
                        Map.of(
                            "/{proxy+}/*",
                            MethodDeploymentOptions.builder()
                                .loggingLevel(MethodLoggingLevel.ERROR)
                                .dataTraceEnabled(false)
                                .metricsEnabled(true)
                                .throttlingRateLimit(5)
                                .throttlingBurstLimit(10)
                                .build()))
                    .build())
            .build();
    RequestValidator validator =
        api.addRequestValidator(
            "RequestValidator",
            RequestValidatorOptions.builder()
                .requestValidatorName("ses-ops-validate-body-and-parameters")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
    LambdaIntegration integration =
        LambdaIntegration.Builder.create(target).proxy(true).allowTestInvoke(false).build();
    MethodOptions methodOptions =
        MethodOptions.builder()
            .authorizationType(AuthorizationType.IAM)
            .requestValidator(validator)
            .build();
    Method root = api.getRoot().addMethod("ANY", integration, methodOptions);
    Method proxy =
        api.getRoot().addResource("{proxy+}").addMethod("ANY", integration, methodOptions);

    for (Method method : List.of(root, proxy)) {
      NagSuppressions.addResourceSuppressions(
          method,
          List.of(
              SesOpsStack.suppression(
                  "AwsSolutions-COG4",
                  "IAM authorization is the chosen authorizer: callers are IAM principals of the team, "
                      + "not end users in a Cognito user pool.")));
    }
    NagSuppressions.addResourceSuppressions(
        api.getDeploymentStage(),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-APIG3",
                "Every method requires SigV4 (IAM) and the stage is throttled; the callers are the "
                    + "team's own tooling, so a WAF web ACL adds cost without a rule to apply.")));
    NagSuppressions.addResourceSuppressions(
        api.getNode().findChild("CloudWatchRole"),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM4",
                "The account-level API Gateway CloudWatch role uses AWS's managed policy "
                    + "AmazonAPIGatewayPushToCloudWatchLogs, the documented way to enable API logging.")));
  }
}
