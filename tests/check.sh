#!/bin/sh
# The whole suite, as CI runs it (README: `make check`):
#   1. unit + end-to-end tests, normal build           (build/)
#   2. the same under AddressSanitizer + UBSan          (build-asan/)
#   3. the unit tests under valgrind memcheck           (build/)
#   4. bounded fuzz runs of every parser (libFuzzer)    (tests/fuzz/run.sh)
#   5. the firmware image boot test, when board/ provides it
#   6. the style rules of docs/CODE_STYLE.md         (tools/style-check.sh)
#   7. the README's two commands on a fresh Debian system (tests/fresh/:
#      mmdebstrap minbase, a new user, make demo and make check inside)
# Prints one closing line "N passed, N failed" over all phases; exits
# non-zero on any failure or when nothing ran.
set -u
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
total_p=0
total_f=0
summary=""

phase() { # name, function: the function prints "N passed, N failed"
    name=$1
    shift
    log=$(mktemp)
    echo "=== phase: $name"
    t0=$(date +%s)
    { "$@"; echo "phase-exit=$?"; } 2>&1 | tee "$log"
    secs=$(($(date +%s) - t0))
    rc=$(sed -n 's/^phase-exit=//p' "$log" | tail -n 1)
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
    f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    p=${p:-0}
    f=${f:-0}
    if [ "${rc:-1}" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
    summary="$summary
  $name: $p passed, $f failed (${secs} s)"
    rm -f "$log"
}

unit_normal() {
    make -j"$JOBS" BUILD=build tests-build || { echo "0 passed, 1 failed"; return; }
    sh tests/run-tests.sh build
}

unit_asan() {
    make -j"$JOBS" BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
        SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" tests-build \
        || { echo "0 passed, 1 failed"; return; }
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        sh tests/run-tests.sh build-asan
}

unit_valgrind() {
    MID_SKIP_E2E=1 MID_VALGRIND=1 \
    MID_TEST_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp" \
        sh tests/run-tests.sh build
}

fuzz_smoke() { # each harness that ran clean for FUZZ_SECONDS counts as one pass
    flog=$(mktemp)
    sh tests/fuzz/run.sh "$FUZZ_SECONDS" 2>&1 | tee "$flog"
    fp=$(grep -cE '^[a-z0-9_]+ +[0-9?]+ .* ok$' "$flog")
    ff=$(grep -cE '^[a-z0-9_]+ +[0-9?]+ .* FAILED' "$flog")
    rm -f "$flog"
    echo "$fp passed, $ff failed"
    [ "$ff" -eq 0 ] && [ "$fp" -gt 0 ]
}

image_test() {
    if [ -f board/image.mk ] && [ -z "${MID_SKIP_IMAGE:-}" ]; then
        make image-test BOARD=qemu-x86_64
    else
        echo "image test skipped (MID_SKIP_IMAGE set or no board/image.mk)"
    fi
}

fresh_system() {
    if [ -n "${MID_SKIP_FRESH:-}" ]; then
        echo "fresh-system phase skipped (MID_SKIP_FRESH set)"
        return 0
    fi
    sh tests/fresh/fresh-system.sh
}

style_check() {
    sh tools/style-check.sh
}

phase "unit+e2e" unit_normal
phase "asan+ubsan" unit_asan
phase "valgrind" unit_valgrind
phase "fuzz" fuzz_smoke
phase "image" image_test
phase "style" style_check
phase "fresh-system" fresh_system
echo "=== summary$summary"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ] && [ "$total_p" -gt 0 ]
