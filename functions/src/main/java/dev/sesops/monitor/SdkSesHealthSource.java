package dev.sesops.monitor;

import dev.sesops.aws.AccountClients;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import dev.sesops.ses.SesGateway;
import java.time.Instant;
import java.util.List;

/** Reads health through the account's {@link SesGateway}. */
public final class SdkSesHealthSource implements SesHealthSource {
  private final AccountClients clients;

  public SdkSesHealthSource(AccountClients clients) {
    this.clients = clients;
  }

  @Override
  public AccountStatus account(AccountConfig account) {
    return SesGateway.of(clients, account).account();
  }

  @Override
  public Quota quota(AccountConfig account) {
    return SesGateway.of(clients, account).quota();
  }

  @Override
  public Reputation reputation(AccountConfig account, Instant from, Instant to) {
    return SesGateway.of(clients, account)
        .reputation(from, to, Evaluator.REPUTATION_PERIOD_SECONDS);
  }

  @Override
  public List<SendPoint> sendStatistics(AccountConfig account) {
    return SesGateway.of(clients, account).sendStatistics();
  }
}
