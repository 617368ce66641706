package dev.sesops.infra;

import java.util.List;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBus;
import software.constructs.Construct;

/**
 * The ops account's own SES events: SES publishes to the account's default bus only, so a rule
 * there forwards {@code aws.ses} to the {@code ses-ops-events} bus, as the member role stack does
 * in a member account. Off with context {@code forwardOwnSesEvents=false} (when the ops account
 * runs the member role stack's forwarding rule itself, or sends no mail).
 */
final class OwnSesEvents extends Construct {

  OwnSesEvents(Construct scope, String id, IEventBus opsBus) {
    super(scope, id);
    Rule.Builder.create(this, "ForwardSesEvents")
        .description(
            "ses-ops: forward this account's SES events from the default bus to "
                + EventsPipeline.BUS_NAME)
        .eventPattern(EventPattern.builder().source(List.of("aws.ses")).build())
        .targets(List.of(new EventBus(opsBus)))
        .build();
  }

  /** Context {@code forwardOwnSesEvents}: true unless {@code false}. */
  static boolean enabled(Object context) {
    return context == null || !"false".equalsIgnoreCase(context.toString().trim());
  }
}
