#!/bin/sh
# Release builds (VARIANT=release, what firmware images ship) must not
# contain the test hooks: no screenshots, no injectable clock, no camera
# fault injection, no crash points. Builds build-release/ (incremental).
set -u
pass=0
fail=0
check() { # name, command...
    n=$1
    shift
    if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "ok   $n"; else fail=$((fail + 1)); echo "FAIL $n"; fi
}
if ! make -s -j2 BUILD=build-release VARIANT=release build-release/bin/mid-kiosk >/tmp/mid-release-build.log 2>&1; then
    cat /tmp/mid-release-build.log
    echo "0 passed, 1 failed"
    exit 1
fi
K=build-release/bin/mid-kiosk
check "release --version says no test hooks" sh -c "! $K --version | grep -q debug"
for opt in --headless --screenshot-dir --frame-clock --fps --max-frames --camera-fault; do
    check "release --help has no $opt" sh -c "! $K --help | grep -q -- '$opt'"
    check "release refuses $opt" sh -c "$K $opt 1 2>&1 | grep -q 'unknown option'"
done
check "release binary has no crash hook" sh -c "! grep -q MID_TEST_CRASH_AT $K"
check "debug binary does have it (the check can fail)" sh -c "make -s BUILD=build VARIANT=debug build/bin/mid-kiosk >/dev/null 2>&1; grep -q MID_TEST_CRASH_AT build/bin/mid-kiosk"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
