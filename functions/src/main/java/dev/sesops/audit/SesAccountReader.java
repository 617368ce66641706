package dev.sesops.audit;

import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.DedicatedIp;
import java.util.List;
import java.util.Map;

/**
 * Reads one account's SES setup. Every method is one or a few paced SES control-plane calls;
 * failures surface as the SDK's exceptions and are reported by the caller as a check that could not
 * run.
 */
interface SesAccountReader {
  /** Batch size of the SES v1 GetIdentity*Attributes calls. */
  int BATCH = 100;

  /** SES v2 GetAccount. */
  AccountStatus accountStatus();

  /** SES v1 ListIdentities, every page (up to 1,000 a page). */
  List<String> identities();

  /** The four SES v1 attribute calls for at most {@link #BATCH} identities, in the given order. */
  List<IdentityAttributes> attributes(List<String> identities);

  /** SES v2 ListConfigurationSets, then GetConfigurationSet and its event destinations per set. */
  List<ConfigurationSetInfo> configurationSets();

  /** SES v1 GetSendStatistics (one call): two weeks of delivery attempts and complaints, summed. */
  SendingSignals.SendTotals sendTotals();

  /**
   * SES v2 ListContactLists, then GetContactList per list (SES allows one per account): names and
   * topic counts.
   */
  List<SendingSignals.ContactList> contactLists();

  /** SES v2 GetDedicatedIps, every page (all pools). */
  List<DedicatedIp> dedicatedIps();

  /** SES v2 ListDedicatedIpPools, every page. */
  List<String> dedicatedIpPools();

  /**
   * SES v2 GetEmailIdentity per identity: its default configuration set ("" for none). Identities
   * SES does not know are left out; an empty map also means "not read" (readers that cannot tell).
   */
  default Map<String, String> defaultConfigurationSets(List<String> identities) {
    return Map.of();
  }

  /** SES control-plane calls made so far. */
  long calls();
}
