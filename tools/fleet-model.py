#!/usr/bin/env python3
"""National-scale model of mid-sync (docs/sync.md): K kiosks with the
shipped policy (sync.conf defaults, mid-sync.timer) polling one static
server. Simulates request arrival times second by second and prints peak
requests per second and bytes per day. Pure Python, seeded, ~10 s.

  tools/fleet-model.py [--kiosks 18000] [--seed 1]

The policy mirrors src/app/sync.c and the units:
  after a success: next = now + interval + U(0, jitter)
  after the n-th failure: d = min(cap, min * 2^(n-1)); next = now + U(ceil(d/2), d)
  the timer ticks OnUnitInactiveSec + U(0, RandomizedDelaySec) apart and
  a round runs at the first tick at or after `next`; first tick after
  boot OnBootSec + U(0, RandomizedDelaySec)."""
import argparse, math, random

INTERVAL, JITTER = 3600, 900
BACKOFF_MIN, BACKOFF_MAX = 60, 3600
TICK, TICK_RAND, ON_BOOT = 300, 300, 120
DAY = 86400
# bytes on the wire
REQ_HDR = 230            # GET + Host + UA + If-None-Match + If-Modified-Since
RESP_304 = 220           # status line + Date, ETag, Last-Modified, Server
RESP_200_HDR = 260
TLS_HANDSHAKE = 6500     # TLS 1.3 full handshake incl. a 2-cert chain, both ways
TRUST_LIST = 3300        # 32 issuer keys (MID_MAX_TRUST_KEYS), ~100 B each
REV_LISTS = {"30-day credentials (41,000 ids)": 330_000,
             "90-day credentials (123,000 ids)": 986_000}


def tick_after(t, rnd):
    """First timer tick at or after t, for a timer with random spacing:
    the expected wait is half a spacing; sampled uniformly."""
    spacing = TICK + rnd.uniform(0, TICK_RAND)
    return t + rnd.uniform(0, spacing)


def backoff(n, rnd):
    d = BACKOFF_MIN
    for _ in range(1, n):
        if d >= BACKOFF_MAX:
            break
        d *= 2
    d = min(d, BACKOFF_MAX)
    return rnd.uniform(math.ceil(d / 2), d)


def simulate(k, horizon, rnd, start, server_down=None):
    """start(i) -> first round time; server_down=(t0, t1): every round in
    it fails. Returns per-second arrival counts (rounds; 2 GETs each)."""
    bins = [0] * (horizon + 1)
    for i in range(k):
        t = start(i)
        fails = 0
        while t <= horizon:
            bins[int(t)] += 1
            if server_down and server_down[0] <= t < server_down[1]:
                fails += 1
                nxt = t + backoff(fails, rnd)
            else:
                fails = 0
                nxt = t + INTERVAL + rnd.uniform(0, JITTER)
            t = tick_after(nxt, rnd)
    return bins


def peaks(bins, lo, hi):
    w = bins[lo:hi]
    p1 = max(w)
    p60 = max(sum(w[j:j + 60]) for j in range(0, len(w) - 60, 10)) / 60
    mean = sum(w) / len(w)
    return p1, p60, mean


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosks", type=int, default=18000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    k = a.kiosks
    H = 2 * DAY
    rows = []
    # 1. steady state: phases already spread (a fleet running for days)
    b = simulate(k, H, rnd, lambda i: rnd.uniform(0, INTERVAL + JITTER))
    rows.append(("steady state (day 2)", *peaks(b, DAY, H)))
    # 2. the whole fleet boots in the same second (national power cut
    #    over, every kiosk overdue): first tick OnBootSec + U(0, 300 s)
    b = simulate(k, H, rnd, lambda i: ON_BOOT + rnd.uniform(0, TICK_RAND))
    rows.append(("all boot together, all overdue (first hour)", *peaks(b, 0, 3600)))
    # 3. first install of the fleet: fresh state spreads the first round
    #    over the jitter on top of the first tick
    b = simulate(k, H, rnd, lambda i: tick_after(ON_BOOT + rnd.uniform(0, TICK_RAND) +
                                                  rnd.uniform(0, JITTER), rnd))
    rows.append(("fresh fleet, all boot together (first hour)", *peaks(b, 0, 3600)))
    # 4. the server is down for 2 h, then back: backoff caps at 1 h
    t0, t1 = DAY, DAY + 7200
    b = simulate(k, H, rnd, lambda i: rnd.uniform(0, INTERVAL + JITTER), server_down=(t0, t1))
    rows.append(("2 h server outage: the hour after it ends", *peaks(b, t1, t1 + 3600)))
    rows.append(("2 h server outage: during it", *peaks(b, t0, t1)))
    # 5. for comparison: no jitter, no backoff, a cron at minute 0
    rows.append(("naive: every kiosk at hh:00:00, no jitter", float(k), k / 60, k / 3600))

    print("## Requests at the server (%d kiosks, interval %d s + U(0,%d s), backoff %d..%d s, "
          "timer %d s + U(0,%d s))" % (k, INTERVAL, JITTER, BACKOFF_MIN, BACKOFF_MAX, TICK, TICK_RAND))
    print()
    print("| scenario | peak rounds/s (1 s) | peak rounds/s (60 s avg) | mean rounds/s |")
    print("|---|---|---|---|")
    for name, p1, p60, mean in rows:
        print("| %s | %.0f | %.1f | %.2f |" % (name, p1, p60, mean))
    print()
    print("A round is 2 GETs (trust.bundle, revocation.bundle) on one TLS connection each.")
    print()
    # bytes per day
    polls = DAY / (INTERVAL + JITTER / 2 + (TICK + TICK_RAND / 2) / 2)
    print("## Bytes per day at the server (%d kiosks, %.1f rounds per kiosk and day)" % (k, polls))
    print()
    print("| revocation list | published every | full downloads/day | bytes/day | of which lists | Mbit/s at the steady 60-s peak |")
    print("|---|---|---|---|---|---|")
    steady_peak = rows[0][2]
    for name, size in REV_LISTS.items():
        for every_h in (1, 6, 24):
            full = min(polls, 24 / every_h)
            overhead = polls * 2 * (REQ_HDR + TLS_HANDSHAKE) + polls * 2 * RESP_304
            lists = full * (size + RESP_200_HDR) + (TRUST_LIST / 30)  # trust list ~monthly
            per = overhead + lists
            mbit = steady_peak * (overhead / polls + lists / polls) * 8 / 1e6
            print("| %s | %d h | %.0f | %.1f GB | %.1f GB | %.0f |" %
                  (name, every_h, full * k, per * k / 1e9, lists * k / 1e9, mbit))
    print()
    # deltas (not built): what they would save
    daily_ids = 500_000 / 365
    delta = daily_ids * 8 + 400
    print("Deltas (NOT implemented): one day's additions are ~%d ids = %.0f KB signed; "
          "daily publishing with deltas would cost %.2f GB/day instead of %.1f GB/day "
          "(30-day list)." % (daily_ids, delta / 1000, (polls * 2 * (REQ_HDR + TLS_HANDSHAKE + RESP_304) + delta) * k / 1e9,
                               (polls * 2 * (REQ_HDR + TLS_HANDSHAKE + RESP_304) + 330_000) * k / 1e9))


if __name__ == "__main__":
    main()
