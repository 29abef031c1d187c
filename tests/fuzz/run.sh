#!/bin/sh
# tests/fuzz/run.sh [SECONDS] — libFuzzer runs of every fuzz harness.
#
# Builds each harness in tests/fuzz/ with clang -fsanitize=fuzzer,address,
# undefined (installing clang and libclang-rt-14-dev through apt-get when
# they are missing: it runs on a fresh Debian 12 as root), seeds the
# corpora from tests/vectors (tests/fuzz/mkseeds.c), runs each harness for
# SECONDS (default 60), prints executions and coverage per harness, and
# exits non-zero if any harness crashed, leaked, timed out or broke an
# invariant. Crash inputs land in tests/fuzz/crash-<harness>-*.
#
# Environment: MID_FUZZ_HARNESSES="cbor cose" to run a subset;
# MID_FUZZ_BUILD=dir (default build-fuzz). Corpora persist between runs in
# tests/fuzz/corpus-<harness>/ (git-ignored).
set -u
SECS=${1:-60}
case "$SECS" in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
OUT=${MID_FUZZ_BUILD:-build-fuzz}
. tests/fuzz/harnesses.sh
HARNESSES=${MID_FUZZ_HARNESSES:-$MID_FUZZ_ALL}
mkdir -p "$OUT"

# ---- toolchain ----
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
probe() {
    printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
        >"$OUT/probe.c"
    clang -fsanitize=fuzzer,address,undefined -o "$OUT/probe" "$OUT/probe.c" >/dev/null 2>&1 &&
        [ -f /usr/include/mbedtls/ecdsa.h ]
}
if ! probe; then
    echo "run.sh: installing clang, libclang-rt-14-dev, libmbedtls-dev" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
        clang libclang-rt-14-dev libmbedtls-dev >/dev/null || exit 2
    probe || { echo "run.sh: clang cannot build libFuzzer targets" >&2; exit 2; }
fi
[ -f /usr/include/jansson.h ] || {
    echo "run.sh: installing libjansson-dev" >&2
    $SUDO apt-get install -y -qq --no-install-recommends libjansson-dev >/dev/null || exit 2
}

CFLAGS="-std=c11 -D_DEFAULT_SOURCE -g -O1 -fno-omit-frame-pointer \
 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 -Iinclude -Isrc -Itests/fuzz"
CORE=$(ls src/core/*.c src/crypto/*.c)

# ---- seeds ----
# shellcheck disable=SC2086
clang -std=c11 -D_DEFAULT_SOURCE -O1 -Iinclude -Isrc -o "$OUT/mkseeds" tests/fuzz/mkseeds.c \
    $CORE -lmbedcrypto -lm || exit 2
"$OUT/mkseeds" tests/vectors tests/fuzz/corpus || exit 2

max_len() {
    case "$1" in
    base45) echo 3400 ;;       # QR text limit 3391
    verify) echo 3410 ;;
    verify_raw) echo 2260 ;;   # MID_MAX_PAYLOAD
    bundle) echo 4096 ;;
    floor) echo 600 ;;         # MID_FLOOR_MAX_BYTES 512
    receipt) echo 512 ;;       # MID_RECEIPT_MAX_COSE is 384
    receiptlog) echo 4096 ;;   # a few records and a tail
    pos) echo 1200 ;;          # MID_POS_MAX_LINE is 1024
    pinfile) echo 200 ;;     # MID_PIN_FILE_MAX and a little more
    sync) echo 4200 ;;          # MID_SYNC_STATUS_MAX_BYTES + 1
    *) echo 2300 ;;
    esac
}
dict() {
    d=$(harness_dict "$1")
    [ -z "$d" ] || echo "-dict=$d"
}

failed=0
summary="$OUT/summary.txt"
printf '%-11s %12s %9s %7s %7s %7s  %s\n' harness execs execs/s cov ft corpus result >"$summary"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
for h in $HARNESSES; do
    src=$(harness_src "$h")
    def=$(harness_def "$h")
    srcs=$(harness_extra "$h")
    libs=$(harness_libs "$h")
    # shellcheck disable=SC2086
    if ! clang $CFLAGS $def -o "$OUT/fuzz_$h" "$src" $CORE $srcs -lmbedcrypto $libs -lm; then
        echo "run.sh: build of $h failed" >&2
        failed=1
        continue
    fi
    corpus="tests/fuzz/corpus-$h"
    mkdir -p "$corpus"
    extra=""
    [ -d "tests/fuzz/seeds/$h" ] && extra="tests/fuzz/seeds/$h"
    log="$OUT/fuzz_$h.log"
    echo "== $h: ${SECS}s, max_len $(max_len "$h")" >&2
    # shellcheck disable=SC2086,SC2046
    "$OUT/fuzz_$h" -max_total_time="$SECS" -max_len="$(max_len "$h")" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="tests/fuzz/crash-$h-" \
        $(dict "$h") "$corpus" $extra >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    ncorp=$(find "$corpus" -type f | wc -l)
    result=ok
    if [ "$rc" -ne 0 ]; then
        result="FAILED (rc=$rc, see $log)"
        failed=1
        grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -n 20 >&2
    fi
    printf '%-11s %12s %9s %7s %7s %7s  %s\n' "$h" "${execs:-?}" "${eps:-?}" "${cov:-?}" \
        "${ft:-?}" "$ncorp" "$result" >>"$summary"
done
cat "$summary"
[ "$failed" -eq 0 ]
