#!/bin/sh
# tests/fuzz/afl.sh [SECONDS] — the same harnesses under AFL++.
#
# Builds each harness with afl-clang-fast (ASan + UBSan, persistent mode
# through standalone_main.c), seeds it from tests/vectors like run.sh, runs
# afl-fuzz for SECONDS (default 60) per harness, prints executions and
# coverage per harness, and exits non-zero if any harness crashed. Installs
# afl++ (and clang) through apt-get when missing: it runs on a fresh Debian
# 12 as root. Output: tests/fuzz/corpus-afl-<harness>/ (git-ignored, made
# afresh by each run so the figures are the run's own), with crashes in
# .../default/crashes/; the inputs AFL++ found are added to the shared
# corpus tests/fuzz/corpus-<harness>/ for the next run of either fuzzer.
#
# Environment: MID_FUZZ_HARNESSES, MID_FUZZ_BUILD (default build-afl).
set -u
SECS=${1:-60}
case "$SECS" in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
OUT=${MID_FUZZ_BUILD:-build-afl}
. tests/fuzz/harnesses.sh
HARNESSES=${MID_FUZZ_HARNESSES:-$MID_FUZZ_ALL}
mkdir -p "$OUT"

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if ! command -v afl-clang-fast >/dev/null 2>&1 || ! command -v afl-fuzz >/dev/null 2>&1 ||
    ! command -v clang >/dev/null 2>&1 ||
    [ ! -f /usr/include/mbedtls/ecdsa.h ]; then
    echo "afl.sh: installing afl++, clang, libmbedtls-dev" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
        afl++ clang libclang-rt-14-dev libmbedtls-dev >/dev/null || exit 2
fi

export AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1
# other work shares the machine: do not insist on a free core
export AFL_NO_AFFINITY="${AFL_NO_AFFINITY:-1}"
export AFL_USE_ASAN=1
export AFL_USE_UBSAN=1
export AFL_QUIET=1

CFLAGS="-std=c11 -D_DEFAULT_SOURCE -g -O1 -fno-omit-frame-pointer \
 -Iinclude -Isrc -Itests/fuzz"
CORE=$(ls src/core/*.c src/crypto/*.c)

# shellcheck disable=SC2086
clang -std=c11 -D_DEFAULT_SOURCE -O1 -Iinclude -Isrc -o "$OUT/mkseeds" tests/fuzz/mkseeds.c \
    $CORE -lmbedcrypto -lm || exit 2
"$OUT/mkseeds" tests/vectors tests/fuzz/corpus || exit 2

dict() {
    d=$(harness_dict "$1")
    [ -z "$d" ] || echo "-x $d"
}
stat_of() { sed -n "s/^$1 *: *//p" "$2" 2>/dev/null | head -n 1; }

failed=0
summary="$OUT/summary.txt"
printf '%-11s %12s %9s %9s %7s %6s %6s  %s\n' harness execs execs/s map_cvg edges corpus hangs \
    result >"$summary"
for h in $HARNESSES; do
    src=$(harness_src "$h")
    def=$(harness_def "$h")
    srcs=$(harness_extra "$h")
    libs=$(harness_libs "$h")
    # shellcheck disable=SC2086
    if ! afl-clang-fast $CFLAGS $def -o "$OUT/afl_$h" "$src" tests/fuzz/standalone_main.c \
        $CORE $srcs -lmbedcrypto $libs -lm >"$OUT/afl_$h.build.log" 2>&1; then
        cat "$OUT/afl_$h.build.log" >&2
        echo "afl.sh: build of $h failed" >&2
        failed=1
        continue
    fi
    in="$OUT/in-$h"
    rm -rf "$in"
    mkdir -p "$in"
    # seeds: the vector-derived corpus and the hand-written ones (AFL
    # wants files of a sane size; skip anything over 64 KiB)
    for d in "tests/fuzz/corpus-$h" "tests/fuzz/seeds/$h"; do
        [ -d "$d" ] && find "$d" -maxdepth 1 -type f -size -64k -exec cp {} "$in/" \;
    done
    [ -n "$(ls "$in")" ] || printf 'x' >"$in/x"
    outd="tests/fuzz/corpus-afl-$h"
    rm -rf "$outd"
    echo "== $h: ${SECS}s" >&2
    afl-fuzz -i "$in" -o "$outd" -V "$SECS" -m none -t 2000+ $(dict "$h") \
        -- "$OUT/afl_$h" >"$OUT/afl_$h.log" 2>&1
    rc=$?
    st="$outd/default/fuzzer_stats"
    execs=$(stat_of execs_done "$st")
    eps=$(stat_of execs_per_sec "$st")
    cvg=$(stat_of bitmap_cvg "$st")
    edges=$(stat_of edges_found "$st")
    corp=$(stat_of corpus_count "$st")
    hangs=$(stat_of saved_hangs "$st")
    [ -n "$hangs" ] || hangs=$(stat_of unique_hangs "$st")
    ncrash=$(find "$outd/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
    if [ -d "$outd/default/queue" ]; then
        mkdir -p "tests/fuzz/corpus-$h"
        for f in "$outd"/default/queue/id:*; do
            case "$f" in *orig:*) continue ;; esac # a seed, already there
            [ -f "$f" ] && cp "$f" "tests/fuzz/corpus-$h/afl-$(cksum <"$f" | cut -d' ' -f1)"
        done
    fi
    result=ok
    if [ "$rc" -ne 0 ] || [ ! -f "$st" ]; then
        result="FAILED (afl-fuzz rc=$rc, see $OUT/afl_$h.log)"
        tail -n 20 "$OUT/afl_$h.log" >&2
        failed=1
    elif [ "$ncrash" -gt 0 ]; then
        result="CRASHES: $ncrash in $outd/default/crashes"
        failed=1
    fi
    printf '%-11s %12s %9s %9s %7s %6s %6s  %s\n' "$h" "${execs:-?}" "${eps:-?}" "${cvg:-?}" \
        "${edges:-?}" "${corp:-?}" "${hangs:-?}" "$result" >>"$summary"
done
cat "$summary"
[ "$failed" -eq 0 ]
