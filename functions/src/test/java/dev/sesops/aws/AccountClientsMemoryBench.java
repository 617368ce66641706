package dev.sesops.aws;

import dev.sesops.config.AccountConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Retained heap of the per-account clients as a container sees more accounts (not a timed test; run
 * with {@code mvn -o -q -pl functions test -Dtest=AccountClientsMemoryBench}). Prints one line per
 * size: accounts seen, entries held, retained MB (median of 3 runs after GC).
 */
class AccountClientsMemoryBench {

  private static long usedAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      Runtime r = Runtime.getRuntime();
      best = Math.min(best, r.totalMemory() - r.freeMemory());
    }
    return best;
  }

  @Test
  void retainedHeap_byAccountsSeen() throws Exception {
    for (int n : new int[] {10, 100, 250, 1_000, 4_000}) {
      long[] mb = new long[3];
      int entries = 0;
      for (int run = 0; run < 3; run++) {
        long before = usedAfterGc();
        AccountClients clients =
            new AccountClients(
                UrlConnectionHttpClient.create(),
                Region.US_EAST_1,
                AnonymousCredentialsProvider.create());
        for (int i = 0; i < n; i++) {
          AccountConfig a = AccountClientsCacheTest.account(i, i % 2 == 0);
          clients.ses(a);
          clients.sesV2(a);
          clients.cloudWatch(a);
        }
        entries = clients.accountEntries();
        mb[run] = (usedAfterGc() - before) / 1024;
        clients.close();
      }
      java.util.Arrays.sort(mb);
      System.out.printf("BENCH accounts=%d entries=%d retained_kb=%d%n", n, entries, mb[1]);
    }
  }
}
