package dev.sesops.fleet;

import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a fleet run: the config's accounts and, with an organization block, the
 * discovered ones.
 */
public final class FleetPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(FleetPlanner.class);

  private final ConfigSource config;
  private final Supplier<Organization> organization;

  public FleetPlanner(ConfigSource config, Supplier<Organization> organization) {
    this.config = config;
    this.organization = organization;
  }

  /**
   * The items. When Organizations cannot be read the hand-written accounts still run, and the
   * summary names the discovery failure (so the run alerts).
   */
  ItemList plan() {
    SesOpsConfig cfg = config.load();
    if (cfg.organization() == null) {
      return ItemList.of(cfg, null);
    }
    try {
      return ItemList.of(cfg, new Discovery(organization.get()).discover(cfg.organization()));
    } catch (OrganizationsException e) {
      LOG.warn(
          "organization discovery failed, running the {} hand-written accounts only: {}",
          cfg.accounts().size(),
          e.getMessage());
      return ItemList.withoutDiscovery(cfg, e.getMessage());
    }
  }
}
