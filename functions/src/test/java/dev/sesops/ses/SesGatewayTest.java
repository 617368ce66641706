package dev.sesops.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.CreateConfigurationSetEventDestinationRequest;
import software.amazon.awssdk.services.sesv2.model.CreateConfigurationSetEventDestinationResponse;
import software.amazon.awssdk.services.sesv2.model.CreateImportJobRequest;
import software.amazon.awssdk.services.sesv2.model.CreateImportJobResponse;
import software.amazon.awssdk.services.sesv2.model.DeleteSuppressedDestinationRequest;
import software.amazon.awssdk.services.sesv2.model.DeleteSuppressedDestinationResponse;
import software.amazon.awssdk.services.sesv2.model.GetAccountRequest;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetRequest;
import software.amazon.awssdk.services.sesv2.model.GetConfigurationSetResponse;
import software.amazon.awssdk.services.sesv2.model.GetDedicatedIpsRequest;
import software.amazon.awssdk.services.sesv2.model.GetDedicatedIpsResponse;
import software.amazon.awssdk.services.sesv2.model.GetTenantRequest;
import software.amazon.awssdk.services.sesv2.model.GetTenantResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * The gateway's answers in ses-ops records, over an in-process SES v2 client (no network): "not
 * found" as empty or false, refusals and outcomes as values, and pages followed to the end.
 */
class SesGatewayTest {
  private static SesGateway over(SesV2Client v2) {
    return new SesGateway(
        () -> {
          throw new IllegalStateException("no SES v1 here");
        },
        () -> v2,
        () -> {
          throw new IllegalStateException("no CloudWatch here");
        });
  }

  /** A client whose every call SES does not know. */
  private static class Missing implements SesV2Client {
    @Override
    public String serviceName() {
      return "ses";
    }

    @Override
    public void close() {}

    @Override
    public GetTenantResponse getTenant(GetTenantRequest r) {
      throw NotFoundException.builder().message("no tenant").build();
    }

    @Override
    public GetConfigurationSetResponse getConfigurationSet(GetConfigurationSetRequest r) {
      throw NotFoundException.builder().message("no set").build();
    }

    @Override
    public DeleteSuppressedDestinationResponse deleteSuppressedDestination(
        DeleteSuppressedDestinationRequest r) {
      throw NotFoundException.builder().message("not on the list").build();
    }

    @Override
    public CreateConfigurationSetEventDestinationResponse createConfigurationSetEventDestination(
        CreateConfigurationSetEventDestinationRequest r) {
      throw NotFoundException.builder().message("no set").build();
    }

    @Override
    public CreateImportJobResponse createImportJob(CreateImportJobRequest r) {
      throw BadRequestException.builder().message("sandbox").build();
    }
  }

  @Test
  void whatSesDoesNotKnow_isEmptyOrFalse_notAnSdkException() {
    SesGateway g = over(new Missing());

    assertThat(g.tenant("t1")).isEmpty();
    assertThat(g.configurationSet("cs")).isEmpty();
    assertThat(g.deleteSuppressedDestination("a@example.com")).isFalse();
    assertThat(g.createEventBridgeDestination("cs", "d", List.of("SEND"), "arn:bus"))
        .isEqualTo(SesGateway.Created.NO_CONFIGURATION_SET);
  }

  @Test
  void anExistingEventDestination_isReportedAsExists() {
    SesGateway g =
        over(
            new Missing() {
              @Override
              public CreateConfigurationSetEventDestinationResponse
                  createConfigurationSetEventDestination(
                      CreateConfigurationSetEventDestinationRequest r) {
                assertThat(r.eventDestination().matchingEventTypesAsStrings())
                    .containsExactly("SEND", "BOUNCE");
                throw AlreadyExistsException.builder().message("exists").build();
              }
            });

    assertThat(g.createEventBridgeDestination("cs", "d", List.of("SEND", "BOUNCE"), "arn:bus"))
        .isEqualTo(SesGateway.Created.EXISTS);
  }

  @Test
  void aRefusedImportJob_isRefused_withTheSdkErrorAsItsCause() {
    assertThatThrownBy(
            () -> over(new Missing()).createSuppressionImportJob("s3://b/k", true, "CSV"))
        .isInstanceOf(SesGateway.Refused.class)
        .hasCauseInstanceOf(BadRequestException.class);
  }

  @Test
  void getAccount_leftOutAttributes_readAsNullAndNoReasons() {
    SesGateway g =
        over(
            new Missing() {
              @Override
              public GetAccountResponse getAccount(GetAccountRequest r) {
                return GetAccountResponse.builder().enforcementStatus("HEALTHY").build();
              }
            });

    AccountStatus a = g.account();

    assertThat(a.enforcementStatus()).isEqualTo("HEALTHY");
    assertThat(a.sendingEnabled()).isNull();
    assertThat(a.sending()).isFalse();
    assertThat(a.vdmEnabled()).isNull();
    assertThat(a.suppressedReasons()).isEmpty();
  }

  @Test
  void dedicatedIps_everyPage_throughThePaginationHelper() {
    List<String> tokens = new ArrayList<>();
    SesGateway g =
        over(
            new Missing() {
              @Override
              public GetDedicatedIpsResponse getDedicatedIps(GetDedicatedIpsRequest r) {
                tokens.add(String.valueOf(r.nextToken()));
                return r.nextToken() == null
                    ? GetDedicatedIpsResponse.builder()
                        .dedicatedIps(
                            software.amazon.awssdk.services.sesv2.model.DedicatedIp.builder()
                                .ip("192.0.2.1")
                                .poolName("p")
                                .build())
                        .nextToken("page2")
                        .build()
                    : GetDedicatedIpsResponse.builder()
                        .dedicatedIps(
                            software.amazon.awssdk.services.sesv2.model.DedicatedIp.builder()
                                .ip("192.0.2.2")
                                .warmupStatus("DONE")
                                .warmupPercentage(100)
                                .build())
                        .build();
              }
            });

    List<DedicatedIp> ips = Page.all(token -> g.dedicatedIps(token, 1000));

    assertThat(ips)
        .containsExactly(
            new DedicatedIp("192.0.2.1", null, null, "p"),
            new DedicatedIp("192.0.2.2", "DONE", 100, null));
    assertThat(tokens).containsExactly("null", "page2");
  }
}
