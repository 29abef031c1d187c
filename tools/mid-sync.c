/* mid-sync — pulls trust.bundle and revocation.bundle from a web server
 * and installs newer ones (docs/sync.md, docs/man/mid-sync.1). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "mid/mid_net.h"
#include "mid/mid_sync.h"
#include "mid/mid_trustdata.h"

#define PROG "mid-sync"
#define MAX_DEADLINE_S (7 * 86400L)

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static uint32_t rand32(void *ctx)
{
    uint32_t r = 0;
    (void)ctx;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r = (uint32_t)time(NULL) ^ (uint32_t)getpid() * 2654435761u;
    return r;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: " PROG " [--config PATH] [--once | --until-ok | --status]\n"
               "       [--now] [--max-rounds N] [--deadline SECONDS]\n"
               "  --config PATH   sync configuration (default " MID_SYNC_CONF_DEFAULT_PATH ")\n"
               "  --once          one round if one is due (the timer), then exit\n"
               "  --until-ok      rounds (sleeping as scheduled) until one succeeds\n"
               "  --status        print the status file and the installed bundles\n"
               "  --now           ignore the schedule for the first round\n"
               "  --max-rounds N  stop after N rounds\n"
               "  --deadline S    stop after S seconds\n"
               "without --once/--until-ok/--status: rounds for ever, as scheduled\n");
}

static int show_status(const mid_sync_agent *a)
{
    static mid_trustdata td;
    static uint8_t rev_buf[MID_MAX_BUNDLE_BYTES];
    mid_sync_status st;
    char msg[256];
    mid_err e = mid_sync_status_load(a->status_path, &st);
    int ok;

    printf("status_file=%s (%s)\n", a->status_path, e ? mid_err_str(e) : "ok");
    if (!e) {
        printf("last_success=%lld last_attempt=%lld next_attempt=%lld failures=%u\n",
               (long long)st.last_success, (long long)st.last_attempt,
               (long long)st.next_attempt, (unsigned)st.failures);
        printf("last_error=%d (%s)\n", st.last_error,
               st.last_error ? mid_err_str((mid_err)st.last_error) : "none");
        printf("rounds=%llu full_downloads=%llu not_modified=%llu installs=%llu\n",
               (unsigned long long)st.rounds, (unsigned long long)st.full_downloads,
               (unsigned long long)st.not_modified, (unsigned long long)st.installs);
    }
    /* every installed file, verified whole as the kiosk loads it */
    (void)mid_trustdata_load(&td, &a->kcfg, rev_buf, sizeof rev_buf, msg, sizeof msg);
    printf("installed_trust=%s seq=%llu\n", td.have_trust ? "ok" : "MISSING-OR-BAD",
           (unsigned long long)(td.have_trust ? td.trust.seq : 0));
    printf("installed_revocation=%s seq=%llu\n", td.have_revocation ? "ok" : "MISSING-OR-BAD",
           (unsigned long long)(td.have_revocation ? td.revocation.seq : 0));
    ok = td.have_trust && td.have_revocation && !e;
    return ok ? 0 : 1;
}

static void log_round(const mid_sync_agent *a, const mid_sync_round_result *r, int64_t now)
{
    static const char *const names[MID_SYNC_BUNDLES] = {"trust", "revocation"};
    char line[384];
    size_t n = 0;
    int w;
    w = snprintf(line, sizeof line, PROG ": round %s", r->err ? "failed" : "ok");
    n = w > 0 ? (size_t)w : 0;
    for (int i = 0; i < MID_SYNC_BUNDLES && n < sizeof line; i++) {
        w = snprintf(line + n, sizeof line - n, " %s=%d%s%s", names[i], r->http_status[i],
                     r->installed[i] ? ":installed" : "",
                     r->bundle_err[i] ? ":" : "");
        n += w > 0 ? (size_t)w : 0;
        if (r->bundle_err[i] && n < sizeof line) {
            w = snprintf(line + n, sizeof line - n, "%s(%d)", mid_err_str(r->bundle_err[i]),
                         (int)r->bundle_err[i]);
            n += w > 0 ? (size_t)w : 0;
        }
    }
    fprintf(stderr, "%s; next in %lld s\n", line, (long long)(a->st.next_attempt - now));
}

int main(int argc, char **argv)
{
    static mid_sync_agent agent;
    const char *conf = MID_SYNC_CONF_DEFAULT_PATH;
    int once = 0, until_ok = 0, status = 0, now_flag = 0;
    long max_rounds = -1, deadline = -1;
    mid_sync_config cfg;
    mid_sync_transport tp;
    char msg[256];
    int64_t start;
    long rounds = 0;
    int rc = 1;

    for (int i = 1; i < argc; i++) {
        char *end;
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            conf = argv[++i];
        } else if (strcmp(argv[i], "--once") == 0) {
            once = 1;
        } else if (strcmp(argv[i], "--until-ok") == 0) {
            until_ok = 1;
        } else if (strcmp(argv[i], "--status") == 0) {
            status = 1;
        } else if (strcmp(argv[i], "--now") == 0) {
            now_flag = 1;
        } else if ((strcmp(argv[i], "--max-rounds") == 0 || strcmp(argv[i], "--deadline") == 0) &&
                   i + 1 < argc) {
            long v = strtol(argv[i + 1], &end, 10);
            if (*end || v < 1 || v > MAX_DEADLINE_S) {
                fprintf(stderr, PROG ": bad %s\n", argv[i]);
                return 2;
            }
            if (argv[i][2] == 'm')
                max_rounds = v;
            else
                deadline = v;
            i++;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (once + until_ok + status > 1) {
        usage(stderr);
        return 2;
    }
    if (mid_sync_config_load(conf, &cfg, msg, sizeof msg) != MID_OK) {
        fprintf(stderr, PROG ": configuration %s: %s\n", conf, msg);
        return 2;
    }
    if (mid_net_curl_init(&tp) != MID_OK) {
        fprintf(stderr, PROG ": libcurl initialisation failed\n");
        return 2;
    }
    if (mid_sync_agent_init(&agent, &cfg, &tp, rand32, NULL, msg, sizeof msg) != MID_OK) {
        fprintf(stderr, PROG ": %s\n", msg[0] ? msg : "cannot start");
        rc = 2;
        goto done;
    }
    if (msg[0])
        fprintf(stderr, PROG ": %s\n", msg);
    if (status) {
        rc = show_status(&agent);
        goto done;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    start = (int64_t)time(NULL);
    if (agent.st.next_attempt == 0 && !now_flag) {
        /* first start ever (or lost state): a fleet switched on together
         * spreads its first requests over the jitter */
        int64_t t = start + (int64_t)(rand32(NULL) % ((uint32_t)cfg.jitter_s + 1u));
        agent.st.next_attempt = t;
    }
    for (;;) {
        int64_t now = (int64_t)time(NULL);
        mid_sync_round_result r;
        if (g_stop)
            break;
        if (deadline > 0 && now - start >= deadline) {
            fprintf(stderr, PROG ": deadline reached\n");
            break;
        }
        if (!now_flag && !mid_sync_due(&agent, now)) {
            if (once) {
                (void)mid_sync_status_save(agent.status_path, &agent.st);
                fprintf(stderr, PROG ": not due for %lld s\n",
                        (long long)(agent.st.next_attempt - now));
                rc = 0;
                break;
            }
            sleep(1);
            continue;
        }
        now_flag = 0;
        (void)mid_sync_round(&agent, now, &r);
        rounds++;
        log_round(&agent, &r, now);
        rc = r.err ? 1 : 0;
        if (once || (until_ok && r.err == MID_OK))
            break;
        if (max_rounds > 0 && rounds >= max_rounds)
            break;
    }
done:
    mid_net_curl_cleanup();
    return rc;
}
