#!/bin/sh
# make bench, last step (tools/bench.sh runs it after every BUILD/bench/*).
#
#  1. The real mid-kiosk program, headless (SDL dummy driver), wall clock,
#     on a looping mid-holder video of phone screens (demo residents), at
#     640x480 and 1280x720, MID_BENCH_E2E_SECONDS (20) each: resident memory
#     sampled from /proc/PID/status (VmRSS every 0.5 s, VmHWM), CPU from
#     /proc/PID/task/*/stat. The file camera is not paced (src/camera/file.c
#     delivers a frame per read), so the decoder thread runs flat out: its
#     CPU is reported per frame and projected to 30 fps; the UI thread is
#     paced at 30 fps by the loop and is reported as measured.
#  2. zxing-cpp: installs libzxing-dev when missing (root, or sudo -n), and
#     when BUILD/bench/bench_decode was linked without it (the Makefile does
#     not include bench/bench.mk) links a copy with it and runs its corpus
#     (ZBar vs zxing-cpp on the same degraded frames).
#  3. With MID_BENCH_E2E_AB=1 each size runs twice, side by side: the
#     legacy decoder order (kiosk.conf decoder_zxing_first = no: ZBar
#     first) and the default (zxing-cpp first, issue 12), in turns.
# Nothing here asserts a time or a size: it prints them next to the targets.
# Usage: tools/bench-e2e.sh BUILD_DIR
set -u
BUILD=${1:-build-bench}
RUN_S=${MID_BENCH_E2E_SECONDS:-20}
B=$BUILD/bin
D=assets/demo
RSS_TARGET_KB=$((40 * 1024))
PKGS="zbar sdl2 SDL2_ttf libv4l2 libqrencode libpng" # as the Makefile's PKGS
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"
rc=0
W=$(mktemp -d /tmp/mid-bench-e2e.XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM
TCK=$(getconf CLK_TCK)

if [ ! -x "$B/mid-kiosk" ] || [ ! -x "$B/mid-holder" ]; then
    echo "bench-e2e: $B/mid-kiosk or mid-holder missing (make bench builds them)"
    exit 1
fi

# ticks of utime+stime of one task
ticks() { awk '{print $14 + $15}' "$1" 2>/dev/null || echo 0; }
kb() { awk -v k="$2:" '$1 == k {print $2}' "$1" 2>/dev/null; }

# kiosk_run LABEL SIZE [KIOSK_CONF] : video, run, sample, report
kiosk_run() {
    label=$1
    size=$2
    conf=${3:-/dev/null}
    now=$(date +%s)
    echo $((now - 86400)) > "$W/build-time"
    # today's list: the committed one is past revocation_max_hours
    "$B/mid-issue" revoke --root $D/root.pem --records assets/residents.tsv --seq 2 \
        --issued $((now - 3600)) --out "$W/revocation.bundle" >/dev/null || exit 1
    # 1 s of empty counter, a portrait-carrying code (QR version 25) for
    # 1 s, 0.5 s gap, a code without portrait (version 13) for 1 s; looped.
    # Looping shows the same presentations again: REPLAY results after the
    # first pass, which draw the result screen all the same.
    if ! "$B/mid-holder" video --start "$now" --fps 30 --size "$size" --seed 5 \
        --out "$W/$label.y4m" --cred $D/creds/R001.cred --key $D/devices/R001.pem \
        --cred $D/creds/R002.cred --key $D/devices/R002.pem \
        --seconds 1 --gap 0.5 --blank-lead 1 --noise 3 >/dev/null 2>"$W/$label.holder"; then
        echo "  $label: mid-holder failed:"; sed 's/^/    /' "$W/$label.holder"
        rc=1
        return
    fi
    "$B/mid-kiosk" --video "$W/$label.y4m" --loop --purpose adult --headless \
        --config "$conf" --root $D/root.pub.pem --trust $D/trust.bundle \
        --revocation "$W/revocation.bundle" --build-time "$W/build-time" \
        --result-timeout 2 --results "$W/$label.results" 2>"$W/$label.log" &
    pid=$!
    started=$(date +%s.%N)
    # let it open the window and fonts, then measure a steady state
    sleep 2
    t0_main=$(ticks /proc/$pid/task/$pid/stat)
    t0_all=$(ticks /proc/$pid/stat)
    s0=$(date +%s.%N)
    : > "$W/$label.rss"
    i=0
    while [ $i -lt $((RUN_S * 2)) ] && kill -0 $pid 2>/dev/null; do
        kb /proc/$pid/status VmRSS >> "$W/$label.rss"
        sleep 0.5
        i=$((i + 1))
    done
    s1=$(date +%s.%N)
    t1_main=$(ticks /proc/$pid/task/$pid/stat)
    t1_all=$(ticks /proc/$pid/stat)
    # the decoder thread(s): every thread of ours but the main (UI) one;
    # SDL's audio thread is counted apart
    dec_ticks=0
    aux_ticks=0
    threads=0
    for t in /proc/"$pid"/task/*; do
        tid=${t##*/}
        threads=$((threads + 1))
        [ "$tid" = "$pid" ] && continue
        case $(cat "$t/comm" 2>/dev/null) in
        mid-kiosk) dec_ticks=$((dec_ticks + $(ticks "$t/stat"))) ;;
        *) aux_ticks=$((aux_ticks + $(ticks "$t/stat"))) ;;
        esac
    done
    hwm=$(kb /proc/$pid/status VmHWM)
    anon=$(kb /proc/$pid/status RssAnon)
    file=$(kb /proc/$pid/status RssFile)
    nres=$(grep -c . "$W/$label.results" 2>/dev/null)
    kill -TERM $pid 2>/dev/null
    wait $pid
    krc=$?
    line=$(grep 'mid-kiosk: frames=' "$W/$label.log" | tail -n 1)
    frames=$(echo "$line" | sed -n 's/.*frames=\([0-9]*\).*/\1/p')
    if [ -z "$frames" ] || [ "$frames" -eq 0 ] || [ "$krc" -ne 0 ]; then
        echo "  $label: mid-kiosk ended with $krc:"; tail -n 5 "$W/$label.log" | sed 's/^/    /'
        rc=1
        return
    fi
    med=$(sort -n "$W/$label.rss" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)] + 0}')
    mx=$(sort -n "$W/$label.rss" | tail -n 1)
    awk -v label="$label" -v size="$size" -v s0="$s0" -v s1="$s1" -v st="$started" \
        -v tck="$TCK" -v m0="$t0_main" -v m1="$t1_main" -v a0="$t0_all" -v a1="$t1_all" \
        -v dec="$dec_ticks" -v aux="$aux_ticks" -v frames="$frames" -v hwm="$hwm" \
        -v anon="$anon" -v file="$file" -v med="$med" -v mx="$mx" -v target="$RSS_TARGET_KB" \
        -v threads="$threads" -v nres="${nres:-0}" 'BEGIN {
            wall = s1 - s0
            ui = (m1 - m0) / tck; all = (a1 - a0) / tck
            per = dec / tck * 1000 / frames        # whole life of the thread
            fps = frames / (s1 - st)
            ui_share = 100 * ui / wall
            printf "  %s (%s): %.1f s measured; %d threads; %d verdicts; ~%.0f frames/s decoded " \
                   "(file source, not paced)\n", label, size, wall, threads, nres, fps
            printf "    RSS  peak (VmHWM) %.1f MB; sampled median %.1f MB, max %.1f MB " \
                   "(anon %.1f + file %.1f MB)   target <= 40 MB: %s\n", hwm / 1024, med / 1024,
                   mx / 1024, anon / 1024, file / 1024, (hwm <= target ? "met" : "NOT MET")
            printf "    CPU  process %.0f %% of one core over the run (decoder unpaced); UI thread " \
                   "(paced at 30 fps) %.1f %%; audio/other threads %.1f s\n", 100 * all / wall,
                   ui_share, aux / tck
            printf "         decoder thread %.2f ms CPU per frame -> %.1f %% of one core at 30 fps\n",
                   per, per * 3
            printf "         projected with a 30 fps camera: %.1f %% of one core " \
                   "(%.1f %% of this 2-core machine)\n", ui_share + per * 3,
                   (ui_share + per * 3) / 2
        }'
}

echo "=== bench-e2e"
echo "bench-e2e: the real mid-kiosk, headless (SDL $SDL_VIDEODRIVER), wall clock, looping" \
     "mid-holder video, purpose adult, result timeout 2 s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${MID_BENCH_E2E_AB:-0}" = 1 ]; then
    printf 'decoder_zxing_first = no\n' > "$W/legacy.conf"
    kiosk_run vga-legacy 640x480 "$W/legacy.conf"
    kiosk_run vga-new 640x480
    kiosk_run hd-new 1280x720
    kiosk_run hd-legacy 1280x720 "$W/legacy.conf"
else
    kiosk_run vga 640x480
    kiosk_run hd 1280x720
fi

# ---- zxing-cpp ------------------------------------------------------------
zx_header() { [ -f /usr/include/ZXing/ReadBarcode.h ]; }
if ! zx_header; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo -n"
    echo "bench-e2e: installing libzxing-dev (zxing-cpp, for the decoder comparison)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq --no-install-recommends libzxing-dev >/dev/null 2>&1 ||
        { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends libzxing-dev; } ||
        echo "bench-e2e: could not install libzxing-dev: no ZBar/zxing-cpp comparison"
fi
if nm "$BUILD/bench/bench_decode" 2>/dev/null | grep -q ' T bench_zxing_decode$'; then
    : # bench/bench.mk linked it in: bench_decode has run the corpus already
elif zx_header && [ -f "$BUILD/obj/bench/bench_decode.o" ]; then
    ZX=$BUILD/bench-zx
    mkdir -p "$ZX"
    CXX=${CXX:-g++}
    # shellcheck disable=SC2046,SC2086
    if $CXX -std=c++17 -O2 -Wall -Wextra -Werror $(pkg-config --cflags zxing) \
            -c bench/bench_zxing.cc -o "$ZX/bench_zxing.o" &&
        $CXX -o "$ZX/bench_decode" "$BUILD/obj/bench/bench_decode.o" "$ZX/bench_zxing.o" \
            "$BUILD"/obj/tests/fakes/*.o "$BUILD"/obj/tests/fixtures/*.o \
            -Wl,--start-group "$BUILD/libmid_app.a" "$BUILD/libmid_adapters.a" \
            "$BUILD/libmid_core.a" -Wl,--end-group \
            $(pkg-config --libs $PKGS) -lmbedcrypto -lpthread -lm \
            $(pkg-config --libs zxing 2>/dev/null || echo -lZXing); then
        echo "=== bench_decode --corpus (linked with zxing-cpp by tools/bench-e2e.sh)"
        "$ZX/bench_decode" --corpus || rc=1
    else
        echo "bench-e2e: linking bench_decode with zxing-cpp failed"
        rc=1
    fi
else
    echo "bench-e2e: no ZBar/zxing-cpp comparison (no libzxing-dev, or $BUILD/obj/bench/bench_decode.o missing)"
fi
exit $rc
