#!/bin/sh
# End-to-end test of the receipt log and mid-log: `mid-log sample` writes
# receipts through the kiosk's own log code (src/app/receipts.c), then the
# log is tampered with in each way the verifier must name — missing,
# reordered, altered, foreign — cut mid-record as a power cut would, and
# continued. Run as `sh tests/e2e/test_mid_log.sh BUILD_DIR` from the
# repository root; prints "N passed, N failed" last.
set -u

BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
ML=$BUILD/bin/mid-log
W=$(mktemp -d "${TMPDIR:-/tmp}/mid-log-e2e.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }
e() {
    if eval "$2"; then ok "$1"; else nok "$1"; fi
}
has() { printf '%s' "$1" | grep -qE -- "$2"; }

if [ ! -x "$ML" ]; then
    echo "missing $ML (build it first)"
    echo "0 passed, 1 failed"
    exit 1
fi

# five receipts, one call each, noting where every record starts
mkdir -p "$W/log" "$W/other"
F=$W/log/receipts-20261126.cbor
OFF0=0
i=1
while [ $i -le 5 ]; do
    "$ML" sample --key "$W/dev.key" --pub "$W/dev.pub" --dir "$W/log" --count 1 \
        --time "2026-11-26T12:0$i:00+09:00" >/dev/null || nok "sample $i"
    eval "OFF$i=$(wc -c <"$F")"
    i=$((i + 1))
done
MODE=$(stat -c %a "$W/dev.key")
e "device key created 0600" '[ "$MODE" = 600 ]'
FPR1=$("$ML" fingerprint --device-key "$W/dev.pub")
"$ML" sample --key "$W/dev.key" --pub "$W/dev2.pub" --dir "$W/log" --count 0 >/dev/null
e "device key never replaced" 'cmp -s "$W/dev.pub" "$W/dev2.pub"'
"$ML" sample --key "$W/other.key" --pub "$W/other.pub" --dir "$W/other" --count 1 >/dev/null
G=$W/other/receipts-20261126.cbor

v() { OUT=$("$ML" verify --device-key "${KEY:-$W/dev.pub}" "$@" 2>&1); RC=$?; }
# bytes [a, b) of a file
part() { tail -c +"$(($2 + 1))" "$1" | head -c "$(($3 - $2))"; }

v "$F"
e "whole chain verifies" '[ $RC = 0 ] && has "$OUT" "OK: 5 record\(s\), seq 1..5"'
e "fingerprint printed" 'has "$OUT" "device key $FPR1"'

{ part "$F" 0 "$OFF2"; part "$F" "$OFF3" "$OFF5"; } >"$W/missing.cbor"
v "$W/missing.cbor"
e "missing record 3 named" '[ $RC = 1 ] && has "$OUT" "^record 3 .*: missing: expected seq 3, found seq 4"'

{ part "$F" 0 "$OFF2"; part "$F" "$OFF3" "$OFF4"; part "$F" "$OFF2" "$OFF3"; part "$F" "$OFF4" "$OFF5"; } >"$W/swap.cbor"
v "$W/swap.cbor"
e "reordered records named" '[ $RC = 1 ] && has "$OUT" "^record 3 .*reordered" && has "$OUT" "record 3 is reordered"'

cp "$F" "$W/altered.cbor"
# a digit of the transaction id of record 2 (SAMPLE-0 -> SAMPLE-1)
POS=$(grep -boa 'SAMPLE-0' "$W/altered.cbor" | sed -n 2p | cut -d: -f1)
printf '1' | dd of="$W/altered.cbor" bs=1 seek=$((POS + 7)) conv=notrunc 2>/dev/null
v "$W/altered.cbor"
e "altered record 2 named" '[ $RC = 1 ] && has "$OUT" "^record 2 .*: altered: signature does not verify"'

{ part "$F" 0 "$OFF3"; cat "$G"; part "$F" "$OFF4" "$OFF5"; } >"$W/foreign.cbor"
v "$W/foreign.cbor"
e "foreign record 4 named" '[ $RC = 1 ] && has "$OUT" "^record 4 .*: foreign: signed by key id"'

KEY=$W/other.pub v "$F"
e "wrong device key: record 1 foreign" '[ $RC = 1 ] && has "$OUT" "^record 1 .*foreign"'
unset KEY

# split across two files: the chain runs on; the second alone is mid-chain
part "$F" 0 "$OFF2" >"$W/d1.cbor"
part "$F" "$OFF2" "$OFF5" >"$W/d2.cbor"
v "$W/d1.cbor" "$W/d2.cbor"
e "chain runs across files" '[ $RC = 0 ] && has "$OUT" "OK: 5 record"'
v "$W/d2.cbor"
e "mid-chain start is said" '[ $RC = 0 ] && has "$OUT" "starts at seq 3"'
v --genesis "$W/d2.cbor"
e "--genesis refuses a mid-chain start" '[ $RC = 1 ] && has "$OUT" "missing: expected seq 1, found seq 3"'
{ part "$F" 0 "$OFF1"; part "$F" "$OFF2" "$OFF3"; part "$F" "$OFF4" "$OFF5"; } >"$W/pos.cbor"
v --subset "$W/pos.cbor"
e "a POS subset with gaps verifies with --subset" '[ $RC = 0 ] && has "$OUT" "OK: 3 record"'

# power cut: every cut inside record 5 verifies up to record 4, and the
# kiosk's log reopens, cuts the tail and goes on at seq 5
allcut=ok
c=$((OFF4 + 1))
while [ $c -lt "$OFF5" ]; do
    rm -rf "$W/cut" && mkdir "$W/cut"
    head -c "$c" "$F" >"$W/cut/receipts-20261126.cbor"
    v "$W/cut/receipts-20261126.cbor"
    { [ $RC = 0 ] && has "$OUT" "incomplete record" && has "$OUT" "OK: 4 record"; } || allcut="verify at $c"
    S=$("$ML" sample --key "$W/dev.key" --dir "$W/cut" --count 1 --time 2026-11-26T13:00:00+09:00)
    has "$S" "cut $((c - OFF4)) byte" || allcut="reopen at $c"
    v "$W/cut/receipts-20261126.cbor"
    { [ $RC = 0 ] && has "$OUT" "OK: 5 record\(s\), seq 1..5"; } || allcut="continue at $c"
    c=$((c + 1))
done
e "power cut at every byte of the last record ($((OFF5 - OFF4 - 1)) cuts): $allcut" '[ "$allcut" = ok ]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
