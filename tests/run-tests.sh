#!/bin/sh
# Runs every unit-test binary and every end-to-end script, then prints one
# closing line "N passed, N failed" summed over all of them. Exit status is
# non-zero when anything failed or when no test ran at all.
# Usage: tests/run-tests.sh BUILD_DIR   (env MID_TEST_WRAP="valgrind ..." to wrap)
set -u
BUILD=${1:-build}
WRAP=${MID_TEST_WRAP:-}
export MID_BUILD="$BUILD"
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"
passed=0
failed=0
skipped=0
log=$(mktemp)
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    # shellcheck disable=SC2086
    $WRAP "$t" >"$log" 2>&1
    rc=$?
    run=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$log" | tail -n 1)
    nfail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$log" | tail -n 1)
    nskip=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test(s).*/\1/p' "$log" | tail -n 1)
    run=${run:-0}
    nfail=${nfail:-0}
    nskip=${nskip:-0}
    skipped=$((skipped + nskip))
    run=$((run - nskip))
    if [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
        # crashed, or a wrapper (valgrind) reported errors
        nfail=1
        [ "$run" -eq 0 ] && run=1
    fi
    passed=$((passed + run - nfail))
    failed=$((failed + nfail))
    if [ "$nfail" -ne 0 ]; then
        echo "FAIL $name (rc=$rc)"
        cat "$log"
    else
        echo "ok   $name: $run test(s)"
    fi
done
# End-to-end scripts print their own "N passed, N failed" line.
if [ -z "${MID_SKIP_E2E:-}" ]; then
    for s in tests/e2e/test_*.sh; do
        [ -f "$s" ] || continue
        name=$(basename "$s")
        sh "$s" "$BUILD" >"$log" 2>&1
        rc=$?
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
        p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
        f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
        p=${p:-0}
        f=${f:-0}
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        passed=$((passed + p))
        failed=$((failed + f))
        if [ "$f" -ne 0 ]; then
            echo "FAIL $name (rc=$rc)"
            cat "$log"
        else
            echo "ok   $name: $p test(s)"
        fi
    done
fi
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
