/* mid-kiosk: the program on the device (docs/kiosk.md, mid-kiosk(1)). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/timex.h>
#include <time.h>

#include "mid/mid_checklog.h"
#include "mid/mid_config.h"
#include "mid/mid_crypto.h"
#include "mid/mid_pinstore.h"
#include "mid/mid_run.h"
#include "mid/mid_sync.h"
#include "mid/mid_timefloor.h"
#include "mid/mid_trustdata.h"
#include "mid/mid_update.h"

#ifndef MID_VERSION
#define MID_VERSION "0.1.0"
#endif

/* Trust data is double-buffered: an update is loaded into the spare set
 * and swapped in only when it loaded, so verification never sees a
 * half-replaced store (the revocation ids point into their buffer). */
typedef struct kiosk {
    mid_config cfg;
    mid_trustdata td[2];
    uint8_t *rev_buf[2];
    int cur;
    mid_verify_ctx *verify;
    mid_checklog log;
    int64_t last_spool;
    mid_timekeeper tk;     /* the clock floor (docs/trusted-time.md) */
    int time_store_failed; /* logged once */
} kiosk;

static kiosk K;
static uint8_t rev_buf_a[MID_MAX_BUNDLE_BYTES], rev_buf_b[MID_MAX_BUNDLE_BYTES];

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The kernel's view: an NTP client (chronyd, NTS-authenticated) set and
 * disciplines the clock. adjtimex with modes 0 only reads. */
static int clock_synced(void)
{
    struct timex tx;
    int r;
    memset(&tx, 0, sizeof tx);
    r = adjtimex(&tx);
    return r >= 0 && r != TIME_ERROR && !(tx.status & STA_UNSYNC);
}

/* The newest accepted bundle's signed issue time. */
static int64_t bundle_floor(const mid_trustdata *td)
{
    int64_t t = 0;
    if (td->have_trust && td->trust.issued > t)
        t = td->trust.issued;
    if (td->have_revocation && td->revocation.issued > t)
        t = td->revocation.issued;
    /* the highest issue time ever accepted, from the anti-rollback floor
     * file (docs/trust-lifecycle.md): it holds even when an installed
     * bundle was deleted or refused */
    if (td->floor_issued > t)
        t = td->floor_issued;
    return t;
}

/* Feeds the time keeper; stores last-known-good when it says so and
 * raises the verifier's floor with it. */
static void time_event(kiosk *k, int64_t now_unix, mid_time_event ev)
{
    if (!mid_timekeeper_tick(&k->tk, now_unix, mono_ms(), clock_synced(), ev))
        return;
    if (mid_timefile_store(k->cfg.time_file, k->tk.last_good) != MID_OK) {
        if (!k->time_store_failed)
            fprintf(stderr, "mid-kiosk: last-known-good time %s cannot be written\n",
                    k->cfg.time_file);
        k->time_store_failed = 1;
    } else {
        k->time_store_failed = 0;
    }
    mid_verify_set_floor(k->verify, k->tk.floor);
}

static void on_result(void *arg, const mid_app *app, int64_t now_unix)
{
    kiosk *k = arg;
    mid_checklog_add(&k->log, now_unix, app->request.purpose, &app->result);
    /* before the result is drawn: an accepted code's time is on disk, so a
     * restart cannot forget it (replay_floor at the next start) */
    if (app->result.verdict == MID_VERDICT_VALID)
        time_event(k, now_unix, MID_TIME_VERIFIED);
}

/* mid_pin_store_fn: the lockout state, atomically, 0600. */
static mid_err pin_store(void *arg, uint32_t failures, int64_t lock_s)
{
    kiosk *k = arg;
    mid_pin_lock l;
    mid_err err;
    l.failures = failures;
    l.until = lock_s > 0 ? (int64_t)time(NULL) + lock_s : 0;
    err = mid_pinlock_store(k->cfg.pin_lock_file, &l);
    if (err)
        fprintf(stderr, "mid-kiosk: operator PIN lockout %s cannot be written: PIN not checked\n",
                k->cfg.pin_lock_file);
    return err;
}

/* The program's part of the operator status screen: what only main holds
 * (trust data in use, the check log, version). Copies, never pointers, so
 * a trust update swapping buffers cannot leave the screen dangling. */
static void status_fill(kiosk *k, mid_app *app, int64_t now_unix)
{
    mid_status_info *s = &app->status;
    const mid_trustdata *td = &k->td[k->cur];
    uint32_t today = mid_date_pack(mid_date_from_unix_kst(now_unix));
    uint64_t lines = 0;

    snprintf(s->version, sizeof s->version, "%s", MID_VERSION);
    snprintf(s->kiosk_id, sizeof s->kiosk_id, "%s", k->cfg.kiosk_id);
    snprintf(s->export_dir, sizeof s->export_dir, "%s", k->cfg.usb_export_dir);
    s->build_time = td->build_floor == INT64_MAX ? 0 : td->build_floor;
    s->have_trust = td->have_trust;
    s->trust_seq = td->have_trust ? td->trust.seq : 0;
    s->trust_issued = td->have_trust ? td->trust.issued : 0;
    s->n_keys = 0;
    for (size_t i = 0; td->have_trust && i < td->trust.count && i < MID_MAX_TRUST_KEYS; i++) {
        const mid_trust_key *tk = &td->trust.keys[i];
        mid_status_key *sk = &s->keys[s->n_keys++];
        memcpy(sk->kid, tk->kid, sizeof sk->kid);
        sk->doctypes = tk->doctypes;
        sk->nbf = tk->nbf;
        sk->exp = tk->exp;
        sk->period = now_unix < tk->nbf    ? MID_KEY_NOT_YET
                     : now_unix >= tk->exp ? MID_KEY_EXPIRED
                                           : MID_KEY_VALID;
    }
    s->have_revocation = td->have_revocation;
    s->revocation_seq = td->have_revocation ? td->revocation.seq : 0;
    s->revocation_issued = td->have_revocation ? td->revocation.issued : 0;
    s->revocation_ids = td->have_revocation ? (uint64_t)td->revocation.count : 0;
    /* the buffer holds the header line and one line per check of its day */
    if (k->log.day == today) {
        for (size_t i = 0; i < k->log.len; i++)
            lines += k->log.buf[i] == '\n';
        lines = lines > 0 ? lines - 1 : 0;
    }
    s->log_lines_today = lines;
    s->log_dropped = k->log.dropped;
}

/* A stick counts only when a file system is mounted at the directory:
 * an empty mount point on the kiosk's own disk must not swallow the log
 * while the screen says it was exported. */
static int usb_mounted(const char *dir)
{
    char parent[MID_CONFIG_PATH_MAX + 4];
    struct stat a, b;
    if (stat(dir, &a) != 0 || !S_ISDIR(a.st_mode))
        return 0;
    snprintf(parent, sizeof parent, "%s/..", dir);
    if (stat(parent, &b) != 0)
        return 0;
    return a.st_dev != b.st_dev;
}

/* Files mid_checklog_export copies (the same name filter). */
static unsigned checklog_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    unsigned n = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "checklog-", 9) == 0 && strstr(e->d_name, ".csv") &&
            !strstr(e->d_name, ".tmp."))
            n++;
    closedir(d);
    return n;
}

static void export_log(kiosk *k, mid_app *app, int64_t now_unix)
{
    const char *dir = k->cfg.usb_export_dir;
    unsigned total;
    int copied;

    if (!usb_mounted(dir)) {
        fprintf(stderr, "mid-kiosk: check log export: nothing mounted at %s\n", dir);
        mid_app_export_done(app, MID_EXPORT_NO_USB, 0, 0);
        return;
    }
    if (mid_checklog_flush(&k->log, now_unix, 1) != MID_OK)
        fprintf(stderr, "mid-kiosk: check log export: today's file could not be written\n");
    total = checklog_files(k->log.dir);
    copied = mid_checklog_export(&k->log, dir);
    if (copied < 0)
        copied = 0;
    fprintf(stderr, "mid-kiosk: check log export to %s: %d of %u files\n", dir, copied, total);
    mid_app_export_done(app, (unsigned)copied >= total ? MID_EXPORT_DONE : MID_EXPORT_FAILED,
                        (unsigned)copied, total);
}

/* Loads the installed files into the spare set and swaps it in. A piece
 * that no longer loads (below the floor, damaged) keeps the last good copy
 * in RAM; the log and notice (msg) say why. */
static void reload_trust(kiosk *k, mid_app *app, char *msg, size_t msg_cap)
{
    int next = 1 - k->cur;
    char lmsg[256];
    mid_trustdata_load(&k->td[next], &k->cfg, k->rev_buf[next], MID_MAX_BUNDLE_BYTES,
                       lmsg, sizeof lmsg);
    mid_trustdata_keep_good(&k->td[next], &k->td[k->cur]);
    if (k->td[next].kept_trust || k->td[next].kept_revocation)
        snprintf(msg, msg_cap, "신뢰 데이터 오류, 이전 데이터 사용 (Trust data problem, keeping the last good copy): %.150s",
                 lmsg);
    fprintf(stderr, "mid-kiosk: trust data reloaded: trust seq=%llu%s revocation seq=%llu%s\n",
            (unsigned long long)(k->td[next].have_trust ? k->td[next].trust.seq : 0),
            k->td[next].kept_trust ? " (last good copy)" : "",
            (unsigned long long)(k->td[next].have_revocation ? k->td[next].revocation.seq : 0),
            k->td[next].kept_revocation ? " (last good copy)" : "");
    if (k->td[next].have_trust) {
        mid_verify_set_trust(k->verify, &k->td[next].trust,
                             k->td[next].have_revocation ? &k->td[next].revocation : NULL);
        k->cur = next;
        mid_timekeeper_bundle(&k->tk, bundle_floor(&k->td[next]));
        mid_verify_set_floor(k->verify, k->tk.floor);
        mid_app_set_revocation_issued(app, k->td[next].have_revocation
                                               ? k->td[next].revocation.issued
                                               : 0);
    }
}

/* mid-sync's last result for the status screen (docs/sync.md). */
static void sync_status_read(kiosk *k, mid_app *app)
{
    char dir[MID_CONFIG_PATH_MAX], path[MID_CONFIG_PATH_MAX + 16];
    mid_status_info *s = &app->status;
    mid_sync_status st;
    mid_err err;
    s->sync_present = 0;
    if (mid_sync_default_state_dir(k->cfg.trust_path, dir, sizeof dir) != MID_OK)
        return;
    snprintf(path, sizeof path, "%s/%s", dir, MID_SYNC_STATUS_NAME);
    err = mid_sync_status_load(path, &st);
    if (err == MID_ERR_SYNC_STATUS) {
        s->sync_present = 1;
        s->sync_last_success = 0;
        s->sync_last_error = (int)err;
    } else if (err == MID_OK) {
        s->sync_present = 1;
        s->sync_last_success = st.last_success;
        s->sync_last_error = st.last_error;
    }
}

static void housekeeping(void *arg, mid_app *app, int64_t now_unix)
{
    kiosk *k = arg;
    char msg[256];
    int refused = 0;

    status_fill(k, app, now_unix);
    time_event(k, now_unix, MID_TIME_TICK);
    if (mid_app_take_export(app))
        export_log(k, app, now_unix);
    (void)mid_checklog_flush(&k->log, now_unix, 0);
    if (now_unix - k->last_spool < 5)
        return;
    k->last_spool = now_unix;
    msg[0] = '\0';
    /* Reload after our own install, and when another process (mid-sync,
     * provisioning) replaced a bundle or the floor file: the same loader,
     * so the same floors (docs/trust-lifecycle.md). */
    if (mid_update_scan_spool(&k->cfg, &k->td[k->cur], &refused, msg, sizeof msg) > 0 ||
        mid_trustdata_changed(&k->td[k->cur], &k->cfg))
        reload_trust(k, app, msg, sizeof msg);
    sync_status_read(k, app);
    if (msg[0])
        mid_app_show_notice(app, msg);
}

/* mid-kiosk --install-bundle FILE...: the boot-partition provisioning
 * (provision-import) and any installer's way in, through the one install
 * function every path uses. Exit 0: all installed; 1: some refused
 * (verified and judged: foreign, older, expired...); 2: could not judge
 * (no root key, I/O, the lock), so the caller keeps the files. */
static int install_bundles(const mid_config *cfg, int n, char **files)
{
    static mid_trustdata itd;
    char lmsg[256];
    int refused = 0, failed = 0;

    if (n <= 0) {
        fprintf(stderr, "mid-kiosk: --install-bundle needs at least one file\n");
        return 2;
    }
    for (int i = 0; i < n; i++) {
        mid_update_result r;
        /* reload each time: the previous file may have raised the floor */
        mid_trustdata_load(&itd, cfg, rev_buf_a, MID_MAX_BUNDLE_BYTES, lmsg, sizeof lmsg);
        if (!itd.have_root) {
            fprintf(stderr, "mid-kiosk: install %s: no root key (%s)\n", files[i], lmsg);
            return 2;
        }
        mid_update_apply_file(files[i], cfg, &itd, &r);
        if (r.err == MID_OK) {
            printf("mid-kiosk: installed %s: kind=%s seq=%llu format=%d\n", files[i],
                   r.kind == MID_BUNDLE_KIND_TRUST ? "trust" : "revocation",
                   (unsigned long long)r.seq, r.format);
        } else {
            fprintf(stderr, "mid-kiosk: refused %s: %s (error %d)\n", files[i],
                    mid_err_str(r.err), (int)r.err);
            if (mid_err_is_system(r.err))
                failed++;
            else
                refused++;
        }
    }
    return failed ? 2 : refused ? 1
                                : 0;
}

static void on_signal(int sig)
{
    (void)sig;
    mid_run_stop();
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: mid-kiosk [options]\n"
            "  --config PATH        configuration (default " MID_CONFIG_DEFAULT_PATH ")\n"
            "  --device PATH        V4L2 camera (overrides camera_device)\n"
            "  --video FILE         read frames from a Y4M file or PGM pattern\n"
            "  --loop               loop the video\n"
            "  --purpose ID         fixed purpose: adult, real_name, licence, custom\n"
            "  --lang ko|en\n"
            "  --root PEM --trust FILE --revocation FILE --build-time FILE\n"
            "  --result-timeout S   seconds a result stays (default 55)\n"
            "  --windowed           not full screen\n"
            "  --results FILE|-     one line per verdict (reason codes only)\n"
            "  --exit-at-end        stop when the video ends\n"
            "  --install-bundle FILE...  verify and install signed bundles, then exit\n"
#ifndef MID_RELEASE
            "test and demo only (absent from release builds):\n"
            "  --headless           no window (SDL dummy driver)\n"
            "  --screenshot-dir DIR PNG of every new screen\n"
            "  --frame-clock T      time = T + frame/fps instead of the wall clock\n"
            "  --fps N              frame rate of the frame clock (30)\n"
            "  --max-frames N\n"
            "  --camera-fault N:M   the camera is gone for M reads from read N\n"
#endif
            "  --version\n");
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int set_path(char *dst, size_t cap, const char *src)
{
    int n = snprintf(dst, cap, "%s", src);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

int main(int argc, char **argv)
{
    static mid_verify_ctx vctx;
    mid_trustdata *td;
    const char *config_path = MID_CONFIG_DEFAULT_PATH, *video = NULL, *device = NULL;
    const char *root = NULL, *trust = NULL, *revocation = NULL, *build_time = NULL;
    const char *purpose = NULL, *lang = NULL, *results = NULL;
    int loop = 0, windowed = 0, headless = 0, exit_at_end = 0, install_from = 0;
    uint64_t fault_from = 0, fault_count = 0;
    (void)headless;
    (void)fault_from;
    (void)fault_count;
    long result_timeout = 0;
#ifndef MID_RELEASE
    long v;
#endif
    mid_run_opts o;
    mid_run_stats st;
    mid_config cfg;
    mid_verify_config vcfg;
    mid_zbar_config zcfg;
    mid_sdl_config scfg;
    char cfg_msg[256], trust_msg[256], notice[600];
    static mid_pin_hash pin_hash;
    mid_pin_lock pin_lock;
    int64_t last_good = 0;
    mid_err err;
    int rc = 2;

    memset(&o, 0, sizeof o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE(var)                                                \
    do {                                                         \
        if (!val) {                                              \
            fprintf(stderr, "mid-kiosk: %s needs a value\n", a); \
            return 2;                                            \
        }                                                        \
        var = val;                                               \
        i++;                                                     \
    } while (0)
        if (!strcmp(a, "--config"))
            TAKE(config_path);
        else if (!strcmp(a, "--device"))
            TAKE(device);
        else if (!strcmp(a, "--video"))
            TAKE(video);
        else if (!strcmp(a, "--loop"))
            loop = 1;
        else if (!strcmp(a, "--purpose"))
            TAKE(purpose);
        else if (!strcmp(a, "--lang"))
            TAKE(lang);
        else if (!strcmp(a, "--root"))
            TAKE(root);
        else if (!strcmp(a, "--trust"))
            TAKE(trust);
        else if (!strcmp(a, "--revocation"))
            TAKE(revocation);
        else if (!strcmp(a, "--build-time"))
            TAKE(build_time);
        else if (!strcmp(a, "--results"))
            TAKE(results);
        else if (!strcmp(a, "--windowed"))
            windowed = 1;
        else if (!strcmp(a, "--exit-at-end"))
            exit_at_end = 1;
        else if (!strcmp(a, "--install-bundle")) {
            install_from = i + 1;
            break; /* the rest are bundle files */
        } else if (!strcmp(a, "--result-timeout")) {
            const char *s = NULL;
            TAKE(s);
            if (parse_long(s, 1, 3600, &result_timeout)) {
                fprintf(stderr, "mid-kiosk: bad --result-timeout\n");
                return 2;
            }
        }
#ifndef MID_RELEASE
        else if (!strcmp(a, "--headless"))
            headless = 1;
        else if (!strcmp(a, "--screenshot-dir"))
            TAKE(o.screenshot_dir);
        else if (!strcmp(a, "--frame-clock")) {
            const char *s = NULL;
            TAKE(s);
            if (parse_long(s, 0, 4102444800L, &v)) {
                fprintf(stderr, "mid-kiosk: bad --frame-clock\n");
                return 2;
            }
            o.frame_clock = 1;
            o.clock_start = v;
        } else if (!strcmp(a, "--fps")) {
            const char *s = NULL;
            TAKE(s);
            if (parse_long(s, 1, 240, &v)) {
                fprintf(stderr, "mid-kiosk: bad --fps\n");
                return 2;
            }
            o.fps = (int)v;
        } else if (!strcmp(a, "--camera-fault")) {
            const char *s = NULL;
            char *colon;
            long from, count;
            TAKE(s);
            colon = strchr(s, ':');
            if (!colon || (*colon = '\0', parse_long(s, 0, 1000000000L, &from)) ||
                parse_long(colon + 1, 1, 1000000000L, &count)) {
                fprintf(stderr, "mid-kiosk: bad --camera-fault (N:M)\n");
                return 2;
            }
            fault_from = (uint64_t)from;
            fault_count = (uint64_t)count;
        } else if (!strcmp(a, "--max-frames")) {
            const char *s = NULL;
            TAKE(s);
            if (parse_long(s, 1, 1000000000L, &v)) {
                fprintf(stderr, "mid-kiosk: bad --max-frames\n");
                return 2;
            }
            o.max_frames = (uint64_t)v;
        }
#endif
        else if (!strcmp(a, "--version")) {
            printf("mid-kiosk %s%s\n", MID_VERSION,
#ifdef MID_RELEASE
                   ""
#else
                   " (debug: test hooks built in)"
#endif
            );
            return 0;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "mid-kiosk: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
#undef TAKE
    }

    /* A bad configuration never stops the kiosk: defaults plus a notice. */
    notice[0] = '\0';
    if ((err = mid_config_load(config_path, &cfg, cfg_msg, sizeof cfg_msg)) == MID_ERR_CONFIG_DROPIN) {
        fprintf(stderr, "mid-kiosk: per-device configuration %s; running on safe defaults\n",
                cfg_msg);
        snprintf(notice, sizeof notice, "기기별 설정 오류 (Per-device configuration error): %s",
                 cfg_msg);
    } else if (err != MID_OK) {
        fprintf(stderr, "mid-kiosk: configuration %s: %s; running on safe defaults\n",
                config_path, cfg_msg);
        snprintf(notice, sizeof notice, "설정 파일 오류 (Configuration error): %s", cfg_msg);
    } else if (cfg_msg[0]) {
        fprintf(stderr, "mid-kiosk: %s\n", cfg_msg);
    }
    if ((device && set_path(cfg.camera_device, sizeof cfg.camera_device, device)) ||
        (root && set_path(cfg.root_key_path, sizeof cfg.root_key_path, root)) ||
        (trust && set_path(cfg.trust_path, sizeof cfg.trust_path, trust)) ||
        (revocation && set_path(cfg.revocation_path, sizeof cfg.revocation_path, revocation)) ||
        (build_time && set_path(cfg.build_time_path, sizeof cfg.build_time_path, build_time))) {
        fprintf(stderr, "mid-kiosk: path too long\n");
        return 2;
    }
    if (purpose) {
        int found = -1;
        for (int p = 0; p < MID_PURPOSE_COUNT; p++)
            if (!strcmp(purpose, mid_purpose_id((mid_purpose)p)))
                found = p;
        if (found < 0) {
            fprintf(stderr, "mid-kiosk: unknown purpose %s\n", purpose);
            return 2;
        }
        cfg.fixed_purpose = found;
        cfg.purposes |= 1u << (unsigned)found;
    }
    if (lang)
        cfg.lang = !strcmp(lang, "en") ? MID_LANG_EN : MID_LANG_KO;
    if (result_timeout)
        cfg.result_timeout_s = (int)result_timeout;
    if (windowed || headless)
        cfg.fullscreen = 0;
    if (headless) {
        setenv("SDL_VIDEODRIVER", "dummy", 0);
        setenv("SDL_AUDIODRIVER", "dummy", 0);
    }

    if (mid_crypto_init() != MID_OK) {
        fprintf(stderr, "mid-kiosk: crypto initialisation failed\n");
        return 2;
    }
    K.rev_buf[0] = rev_buf_a;
    K.rev_buf[1] = rev_buf_b;
    td = &K.td[0];
    if (install_from)
        return install_bundles(&cfg, argc - install_from, argv + install_from);
    if (mid_trustdata_load(td, &cfg, K.rev_buf[0], MID_MAX_BUNDLE_BYTES, trust_msg, sizeof trust_msg) != MID_OK &&
        !notice[0])
        snprintf(notice, sizeof notice, "신뢰 데이터 오류 (Trust data problem): %s", trust_msg);
    /* The clock floor: build time, newest bundle, last-known-good time. */
    err = mid_timefile_load(cfg.time_file, &last_good);
    if (err) {
        fprintf(stderr, "mid-kiosk: last-known-good time %s: %s; floor without it\n",
                cfg.time_file, mid_err_str(err));
        if (!notice[0])
            snprintf(notice, sizeof notice, "시각 기록 오류 (Time record problem): %s: %s",
                     cfg.time_file, mid_err_str(err));
        last_good = 0;
    }
    mid_timekeeper_init(&K.tk, td->build_floor, bundle_floor(td), last_good);
    mid_verify_config_default(&vcfg);
    vcfg.build_floor = K.tk.floor;
    /* every code accepted before this start was dated <= last_good + skew */
    vcfg.replay_floor = last_good > 0 ? last_good + cfg.skew_s : 0;
    vcfg.freshness_s = cfg.freshness_s;
    vcfg.skew_s = cfg.skew_s;
    vcfg.revocation_max_s = (int64_t)cfg.revocation_max_hours * 3600;
    vcfg.revocation_warn_only = cfg.revocation_policy == MID_REVOCATION_POLICY_WARN;
    err = mid_verify_init(&vctx, &td->trust, td->have_revocation ? &td->revocation : NULL, &vcfg);
    if (err) {
        fprintf(stderr, "mid-kiosk: verifier: %s\n", mid_err_str(err));
        return 2;
    }

    if (video) {
        err = mid_camera_file_open(video, loop, &o.camera);
        /* on the wall clock a video plays at its own rate, as a camera would */
        if (!err && !o.frame_clock)
            err = mid_camera_file_pace(o.camera, 0);
    } else {
        mid_v4l2_config vc;
        mid_v4l2_config_default(&vc);
        vc.device = cfg.camera_device;
        vc.width = cfg.camera_width;
        vc.height = cfg.camera_height;
        vc.format = cfg.camera_format;
        vc.exposure_absolute = cfg.camera_exposure;
        vc.focus_absolute = cfg.camera_focus;
        vc.power_line_hz = cfg.camera_power_line_hz;
        err = mid_camera_v4l2_open(&vc, &o.camera);
    }
#ifndef MID_RELEASE
    if (!err && fault_count)
        err = mid_camera_flaky_wrap(o.camera, fault_from, fault_count, &o.camera);
#endif
    if (err) {
        fprintf(stderr, "mid-kiosk: camera %s: %s\n", video ? video : cfg.camera_device,
                mid_err_str(err));
        goto done;
    }
    mid_zbar_config_default(&zcfg);
    zcfg.density = cfg.decoder_density;
    zcfg.test_inverted = cfg.decoder_inverted;
    zcfg.prefilter_blur = cfg.decoder_prefilter;
    zcfg.fallback_zxing = cfg.decoder_fallback;
    zcfg.zxing_first = cfg.decoder_zxing_first;
    zcfg.skip_idle = cfg.decoder_skip_idle;
    if ((err = mid_decoder_zbar_create(&zcfg, &o.decoder)) != MID_OK) {
        fprintf(stderr, "mid-kiosk: decoder: %s\n", mid_err_str(err));
        goto done;
    }
    mid_sdl_config_default(&scfg);
    scfg.fullscreen = cfg.fullscreen;
    scfg.sound = cfg.sound;
    if ((err = mid_ui_sdl_create(&scfg, &o.ui)) != MID_OK) {
        fprintf(stderr, "mid-kiosk: display: %s\n", mid_err_str(err));
        goto done;
    }
    if (results) {
        o.results = !strcmp(results, "-") ? stdout : fopen(results, "w");
        if (!o.results) {
            fprintf(stderr, "mid-kiosk: cannot open %s\n", results);
            goto done;
        }
    }
    /* The operator PIN: a private hash file, the lockout state. */
    err = mid_pinfile_load(cfg.pin_file, &pin_hash);
    if (err == MID_OK) {
        mid_err lerr = mid_pinlock_load(cfg.pin_lock_file, (int64_t)time(NULL), &pin_lock);
        if (lerr)
            fprintf(stderr, "mid-kiosk: operator PIN lockout %s: %s; locked\n",
                    cfg.pin_lock_file, mid_err_str(lerr));
        o.pin_hash = &pin_hash;
        o.pin_failures = pin_lock.failures;
        o.pin_locked_s = mid_pin_lock_remaining(&pin_lock, (int64_t)time(NULL));
        o.pin_store = pin_store;
        o.pin_store_arg = &K;
    } else if (err != MID_ERR_IO) {
        fprintf(stderr, "mid-kiosk: operator PIN %s: %s; status screen off\n", cfg.pin_file,
                mid_err_str(err));
        if (!notice[0])
            snprintf(notice, sizeof notice, "운영자 PIN 파일 오류 (Operator PIN file): %s",
                     mid_err_message(err, MID_LANG_KO));
    }
    o.cfg = cfg;
    o.verify = &vctx;
    o.revocation_issued = td->have_revocation ? td->revocation.issued : 0;
    o.notice = notice;
    o.exit_at_end = exit_at_end;
    K.cfg = cfg;
    K.verify = &vctx;
    mid_checklog_init(&K.log, cfg.checklog_dir, cfg.kiosk_id,
                      o.frame_clock ? o.clock_start : (int64_t)time(NULL));
    o.on_result = on_result;
    o.housekeeping = housekeeping;
    o.hook_arg = &K;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    err = mid_run(&o, &st);
    fprintf(stderr,
            "mid-kiosk: frames=%llu results=%llu valid=%llu invalid=%llu camera_lost=%llu "
            "multiple_codes=%llu not_mid=%llu screenshots=%llu\n",
            (unsigned long long)st.frames, (unsigned long long)st.results,
            (unsigned long long)st.valid, (unsigned long long)st.invalid,
            (unsigned long long)st.camera_lost, (unsigned long long)st.multiple_codes,
            (unsigned long long)st.not_mid, (unsigned long long)st.screenshots);
    (void)mid_checklog_flush(&K.log, 0, 1);
    if (!o.frame_clock) /* a clean stop: the time as it is now */
        time_event(&K, (int64_t)time(NULL), MID_TIME_SHUTDOWN);
    rc = err == MID_OK ? 0 : 1;
done:
    if (o.results && o.results != stdout)
        fclose(o.results);
    if (o.ui)
        o.ui->ops->destroy(o.ui);
    mid_decoder_destroy(o.decoder);
    mid_camera_destroy(o.camera);
    mid_wipe(&pin_hash, sizeof pin_hash);
    mid_crypto_deinit();
    return rc;
}
