#!/usr/bin/env python3
"""Scale model of a fleet run on Step Functions Distributed Map (docs/performance.md, docs/fleet.md).

A discrete simulation from measured per-account costs, not a benchmark: it schedules every Map
child on MaxConcurrency slots, bounded by the Lambda concurrency left to the fleet and by Lambda's
scaling rate, each child taking the per-account time of its job at SES's 1 call/s (the pacer's burst
of 2 included), plus a cold start when a new execution environment is needed. It checks Lambda's
15-minute limit per child and Step Functions' payload and concurrency limits, and prices the run.

  python3 scripts/fleet-scale-model.py                 # the two target scenarios, Markdown table
  python3 scripts/fleet-scale-model.py --concurrency 40 --batch 10
  python3 scripts/fleet-scale-model.py --direct        # also the one-invocation path, and its cut-over
"""
import argparse
import heapq
import math

# ---- measured (docs/performance.md, 2026-11-29/12-03, this repository's benchmarks) ----
AUDIT_SES_CALLS_1000 = 43        # scripts/bench-audit.sh: SES calls for 1,000 identities
AUDIT_CODE_S_1000 = 1.6          # same run: the audit's own time for 1,000 identities (median 1576 ms)
MONITOR_SES_CALLS = 4            # GetAccount, ListTenants (v2), GetSendQuota, GetSendStatistics; CloudWatch beside them
MONITOR_WARM_OVERHEAD_S = 0.04   # warm invocation against the emulator, SES calls included: 37 ms median
COLD_START_S = 1.2               # cold monitor run with the Lambda flags, process start to result (1191 ms)
MONITOR_PARALLEL_IN_BATCH = 8    # Monitor.MAX_PARALLEL: accounts of one batch checked at once
PACER_BURST = 2                  # AccountClients.PACER_BURST: calls that may go at once after an idle spell

# ---- assumed (AWS, not measurable here) ----
SES_LATENCY_S = 0.08             # one SES control-plane round trip from Lambda in the same Region
ORG_CALLS_PER_S = 5              # Organizations ListAccounts/ListTagsForResource, sustained (throttled per account)
ORG_PAGE = 20                    # ListAccounts page size
SUMMARY_S_PER_1000 = 6.0         # the summary step reading ResultWriter files, per 1,000 children

# ---- AWS limits and prices (us-east-1, arm64, 2026) ----
LAMBDA_TIMEOUT_S = 900
LAMBDA_ACCOUNT_CONCURRENCY = 1000
LAMBDA_SCALE_PER_10S = 1000      # each function may add 1,000 environments every 10 s
SFN_MAX_CONCURRENCY = 10000      # Distributed Map children at once
SFN_PAYLOAD_BYTES = 256 * 1024   # a child's output (and a state's input/output)
PRICE_GB_S = 0.0000133334        # Lambda arm64 per GB-second
PRICE_REQUEST = 0.20 / 1e6
PRICE_TRANSITION = 0.025 / 1000  # Step Functions Standard, per state transition
TRANSITIONS_PER_CHILD = 3        # child start, its Task, its end
TRANSITIONS_PARENT = 6
PRICE_METRIC = 0.01 / 1000       # CloudWatch GetMetricData, per metric requested
PRICE_S3_PUT = 0.005 / 1000
MEMORY_GB = 1.0


def paced(calls):
    """Seconds for `calls` SES calls at 1/s with the pacer's burst, plus their round trips."""
    return max(0, calls - PACER_BURST) + calls * SES_LATENCY_S


def audit_item_s(identities):
    calls = 3 + math.ceil(identities / 1000) + 4 * math.ceil(identities / 100)
    return paced(calls) + AUDIT_CODE_S_1000 * identities / 1000 + 0.1, calls


def monitor_batch_s(batch):
    rounds = math.ceil(batch / MONITOR_PARALLEL_IN_BATCH)
    return rounds * paced(MONITOR_SES_CALLS) + MONITOR_WARM_OVERHEAD_S


def simulate(children, child_s, concurrency, lambda_limit):
    """Wall time of the Map: children on `concurrency` slots, new environments cold, Lambda scaling."""
    slots = min(concurrency, lambda_limit, SFN_MAX_CONCURRENCY)
    free = [0.0] * slots           # when each slot (a warm environment once used) is free again
    warm = [False] * slots
    heapq.heapify(free)
    order = list(range(slots))
    end = 0.0
    envs = 0
    for _ in range(children):
        t = heapq.heappop(free)
        i = order.pop(0)
        cold = not warm[i]
        if cold:
            # Lambda adds at most LAMBDA_SCALE_PER_10S environments per 10 s
            t = max(t, 10.0 * (envs // LAMBDA_SCALE_PER_10S))
            envs += 1
            warm[i] = True
        done = t + child_s + (COLD_START_S if cold else 0.0)
        end = max(end, done)
        heapq.heappush(free, done)
        order.append(i)
    return end, envs


def plan_s(accounts, tag_filter):
    calls = math.ceil(accounts / ORG_PAGE) + (accounts if tag_filter else 0)
    return COLD_START_S + calls / ORG_CALLS_PER_S + 0.5


def scenario(name, job, accounts, regions, identities, concurrency, batch, tag_filter, lambda_reserve):
    items = accounts * regions
    lambda_limit = LAMBDA_ACCOUNT_CONCURRENCY - lambda_reserve
    if job == "audit":
        child_s, calls = audit_item_s(identities)
        children = items
        metrics = 0
        out_bytes = 600
    else:
        child_s = monitor_batch_s(batch)
        children = math.ceil(items / batch)
        metrics = 2 * items
        out_bytes = 3000 * batch
    map_s, envs = simulate(children, child_s, concurrency, lambda_limit)
    p = plan_s(accounts, tag_filter)
    s = COLD_START_S + SUMMARY_S_PER_1000 * children / 1000
    wall = p + map_s + s
    gb_s = MEMORY_GB * (children * child_s + envs * COLD_START_S + p + s)
    cost = (gb_s * PRICE_GB_S + (children + 2) * PRICE_REQUEST
            + (children * TRANSITIONS_PER_CHILD + TRANSITIONS_PARENT) * PRICE_TRANSITION
            + metrics * PRICE_METRIC + (4 + children / 1000) * PRICE_S3_PUT)
    checks = []
    checks.append("child %.0f s < 900 s" % child_s if child_s < LAMBDA_TIMEOUT_S else "CHILD OVER 15 MIN")
    checks.append("output %d KB < 256 KB" % (out_bytes // 1024) if out_bytes < SFN_PAYLOAD_BYTES else "OUTPUT TOO BIG")
    checks.append("concurrency %d <= Lambda %d" % (min(concurrency, lambda_limit), lambda_limit))
    return dict(name=name, job=job, items=items, children=children, child_s=child_s, plan_s=p, map_s=map_s,
                summary_s=s, wall=wall, cost=cost, envs=envs, checks=checks)


def direct(job, items, identities):
    """The one-invocation path: every account in one Lambda invocation (MAX_PARALLEL 8 for the monitor)."""
    if job == "monitor":
        return COLD_START_S + math.ceil(items / MONITOR_PARALLEL_IN_BATCH) * paced(MONITOR_SES_CALLS)
    child_s, _ = audit_item_s(identities)
    # the audit runs accounts in parallel, but its 8 DNS threads and 1 GB are shared: 1,000 lookups an account
    dns_s = identities * 0.2 * 5 * 0.01 / 8
    return COLD_START_S + child_s + items * dns_s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--concurrency", type=int, default=100, help="MaxConcurrency (context fleetMaxConcurrency)")
    ap.add_argument("--batch", type=int, default=10, help="monitor ItemBatcher size (fleetMonitorBatchSize)")
    ap.add_argument("--reserve", type=int, default=100, help="Lambda concurrency kept for the API and others")
    ap.add_argument("--no-tags", action="store_true", help="no tag filter: no ListTagsForResource per account")
    ap.add_argument("--direct", action="store_true", help="also the direct path and where it stops fitting")
    a = ap.parse_args()
    rows = [
        scenario("daily audit, 1,000 accounts x 1,000 identities", "audit", 1000, 1, 1000, a.concurrency, 1,
                 not a.no_tags, a.reserve),
        scenario("15-min monitor, 1,000 accounts x 3 Regions", "monitor", 1000, 3, 0, a.concurrency, a.batch,
                 not a.no_tags, a.reserve),
    ]
    targets = {"audit": 30 * 60, "monitor": 5 * 60}
    runs_per_day = {"audit": 1, "monitor": 96}
    print("| scenario | items / children | per child | plan + map + summary | wall time | target | cost per run | per 30 days | limits |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ok = "pass" if r["wall"] <= targets[r["job"]] else "FAIL"
        print("| %s | %d / %d | %.1f s | %.0f + %.0f + %.0f s | **%.1f min** | <= %d min: %s | $%.3f | $%.2f | %s |" % (
            r["name"], r["items"], r["children"], r["child_s"], r["plan_s"], r["map_s"], r["summary_s"],
            r["wall"] / 60, targets[r["job"]] // 60, ok, r["cost"], r["cost"] * runs_per_day[r["job"]] * 30,
            "; ".join(r["checks"])))
    print()
    print("Concurrency %d, monitor batch %d, Lambda reserve %d, tag filter %s." % (
        a.concurrency, a.batch, a.reserve, "off" if a.no_tags else "on (one ListTagsForResource per account)"))
    if a.direct:
        print()
        print("| direct path (one invocation) | items | wall time | function timeout |")
        print("|---|---|---|---|")
        for job, identities, timeout in (("monitor", 0, 120), ("audit", 1000, 840)):
            limit = 0
            for n in (10, 25, 50, 100, 200, 400, 800, 1600, 3000):
                t = direct(job, n, identities)
                print("| %s | %d | %.0f s | %d s%s |" % (job, n, t, timeout, "" if t <= timeout else " (over)"))
                if t <= timeout / 2:
                    limit = n
            print("| %s: largest fleet within half the timeout | %d | | |" % (job, limit))


if __name__ == "__main__":
    main()
