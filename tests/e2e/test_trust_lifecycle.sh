#!/bin/sh
# End-to-end test of the trust lifecycle (docs/trust-lifecycle.md), run by
# tests/run-tests.sh as `sh tests/e2e/test_trust_lifecycle.sh BUILD_DIR`:
# mid-issue's validity options, `mid-kiosk --install-bundle` (the
# provisioning entry point) against the floor file, and mid-verify's
# REVOCATION_STALE check. Keys are made on the spot in a temporary
# directory. Prints "N passed, N failed" last; exits non-zero on failure.
set -u

BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
BIN=$BUILD/bin
REPO=$(pwd)
RECORDS=$REPO/assets/residents.tsv
W=$(mktemp -d "${TMPDIR:-/tmp}/mid-trust-e2e.XXXXXX")
ERRLOG=$W/stderr.log
: >"$ERRLOG"
trap 'rm -rf "$W"' EXIT INT TERM
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }
e() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
has() { printf '%s' "$1" | grep -qF -- "$2"; }

for tool in mid-issue mid-holder mid-verify mid-kiosk; do
    if [ ! -x "$BIN/$tool" ]; then
        echo "missing $BIN/$tool (build it first)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
ISSUE=$BIN/mid-issue
HOLDER=$BIN/mid-holder
VERIFY=$BIN/mid-verify
KIOSK=$BIN/mid-kiosk
NOW=$(date +%s)
T0=2026-11-26T12:00:00+09:00
T0_S=1795662000

cd "$W" || exit 1
"$ISSUE" keygen --out root.pem --pub root.pub.pem >/dev/null 2>>"$ERRLOG"
"$ISSUE" keygen --out other.pem --pub other.pub.pem >/dev/null 2>>"$ERRLOG"
"$ISSUE" keygen --out issuer.pem --pub issuer.pub.pem >/dev/null 2>>"$ERRLOG"
SPEC="issuer.pub.pem:resident,licence:2026-01-01:2030-01-01"

# trust SEQ OUT [ARGS...]: a trust bundle issued now (or per ARGS)
trust() {
    s=$1
    o=$2
    shift 2
    "$ISSUE" trust --root root.pem --issuer "$SPEC" --seq "$s" --out "$o" "$@" \
        >/dev/null 2>>"$ERRLOG"
}
revoke() {
    s=$1
    o=$2
    shift 2
    "$ISSUE" revoke --root root.pem --records "$RECORDS" --seq "$s" --out "$o" "$@" \
        >/dev/null 2>>"$ERRLOG"
}

# ---- mid-issue: format 2 and its options ----
trust 5 t5.bundle
INFO=$("$ISSUE" info t5.bundle --root root.pub.pem 2>>"$ERRLOG")
e "trust: format 2 by default, valid for a year, refresh 30 days" \
    'has "$INFO" "format: 2" && has "$INFO" "valid_until:" && has "$INFO" "refresh_hours: 720" &&
     has "$INFO" "signature: ok"'
revoke 5 r5.bundle --valid-hours 48 --refresh-hours 6
INFO=$("$ISSUE" info r5.bundle --root root.pub.pem 2>>"$ERRLOG")
e "revoke --valid-hours 48 --refresh-hours 6" \
    'has "$INFO" "format: 2" && has "$INFO" "refresh_hours: 6"'
trust 9 x.bundle --valid-hours 2 --refresh-hours 3
RC=$?
e "refresh longer than the validity: refused" '[ $RC -eq 2 ] && [ ! -e x.bundle ]'
trust 9 x.bundle --format 1 --valid-hours 2
RC=$?
e "format 1 with a validity: refused" '[ $RC -eq 2 ] && [ ! -e x.bundle ]'
trust 9 x.bundle --format 3
RC=$?
e "unknown --format: refused" '[ $RC -eq 2 ] && [ ! -e x.bundle ]'
trust 9 x.bundle --issued "$NOW" --valid-until "$((NOW - 10))"
RC=$?
e "valid-until before issued: refused" '[ $RC -eq 2 ] && [ ! -e x.bundle ]'

# ---- mid-kiosk --install-bundle: the provisioning way in ----
mkdir data
printf '%s\n' "$NOW" >build-time
cat >kiosk.conf <<CONF
root_key = $W/root.pub.pem
trust_bundle = $W/data/trust.bundle
revocation_bundle = $W/data/revocation.bundle
build_time_file = $W/build-time
spool_dir = $W/data/spool
CONF
install() { OUT=$("$KIOSK" --config "$W/kiosk.conf" --install-bundle "$@" 2>&1); RC=$?; }
install t5.bundle r5.bundle
e "install trust 5 and revocation 5: exit 0" '[ $RC -eq 0 ] && cmp -s t5.bundle data/trust.bundle &&
    cmp -s r5.bundle data/revocation.bundle'
e "the floor file records both" \
    'grep -q "^trust 2 5 " data/bundle.floor && grep -q "^revocation 2 5 " data/bundle.floor'
trust 4 t4.bundle
install t4.bundle
e "older trust bundle: exit 1, not newer, nothing changed" \
    '[ $RC -eq 1 ] && has "$OUT" "bundle not newer (error 403)" && cmp -s t5.bundle data/trust.bundle'
install t5.bundle
e "the same again: exit 1 (lower or equal is refused)" '[ $RC -eq 1 ]'
trust 6 t6x.bundle --issued "$((NOW - 172800))" --valid-hours 24 --refresh-hours 12
install t6x.bundle
e "expired trust bundle: exit 1, bundle expired (305)" \
    '[ $RC -eq 1 ] && has "$OUT" "bundle expired (error 305)" && cmp -s t5.bundle data/trust.bundle'
trust 7 t7l.bundle --format 1
install t7l.bundle
e "legacy bundle after format 2: exit 1, legacy refused (408)" \
    '[ $RC -eq 1 ] && has "$OUT" "legacy bundle refused (error 408)"'
"$ISSUE" trust --root other.pem --issuer "$SPEC" --seq 8 --out foreign.bundle >/dev/null 2>&1
install foreign.bundle
e "foreign signer: exit 1" '[ $RC -eq 1 ] && has "$OUT" "bundle from unknown signer"'
install missing.bundle
e "missing file: exit 2 (the caller keeps its files)" '[ $RC -eq 2 ]'
revoke 3 r3.bundle
install r3.bundle
e "older revocation list: exit 1" '[ $RC -eq 1 ] && cmp -s r5.bundle data/revocation.bundle'

# an older genuine bundle copied over the installed one (what `mv -f`
# used to do): the loader refuses it as tampering, and says so
cp t4.bundle data/trust.bundle
trust 10 t10.bundle
install t10.bundle
e "a rolled-back file is reported by the loader (406) and still replaced by a newer one" \
    'has "$OUT" "bundle below accepted floor (error 406)" && [ $RC -eq 0 ] &&
     cmp -s t10.bundle data/trust.bundle'

# deleted floor: the installed bundles hold the line
rm data/bundle.floor
install t5.bundle
e "deleted floor: an older bundle is still refused" '[ $RC -eq 1 ] && cmp -s t10.bundle data/trust.bundle'
trust 11 t11.bundle
install t11.bundle
e "deleted floor: the next install writes it again" \
    '[ $RC -eq 0 ] && grep -q "^trust 2 11 " data/bundle.floor && grep -q "^revocation 2 5 " data/bundle.floor'

# two installers at once: the higher one wins, whatever the order
trust 20 t20.bundle
trust 21 t21.bundle
( "$KIOSK" --config "$W/kiosk.conf" --install-bundle t20.bundle >/dev/null 2>&1 & \
  "$KIOSK" --config "$W/kiosk.conf" --install-bundle t21.bundle >/dev/null 2>&1 & wait )
e "concurrent installers: seq 21 installed and in the floor" \
    'cmp -s t21.bundle data/trust.bundle && grep -q "^trust 2 21 " data/bundle.floor'

# ---- mid-verify: REVOCATION_STALE ----
mkdir dev
for id in R001; do
    "$HOLDER" keygen --out "dev/$id.pem" --pub "dev/$id.pub.pem" >/dev/null 2>>"$ERRLOG"
done
"$ISSUE" sign --issuer issuer.pem --records "$RECORDS" --devices dev --out creds --only R001 \
    --nbf 2026-01-01 --exp 2028-01-01 >/dev/null 2>>"$ERRLOG"
Q=$("$HOLDER" present --cred creds/R001.cred --key dev/R001.pem --time "$T0" --text 2>>"$ERRLOG")
trust 1 vt.bundle --issued 2026-11-01
revoke 1 fresh.bundle --issued "$((T0_S - 3600))"
revoke 1 old.bundle --issued "$((T0_S - 20 * 86400))"
revoke 1 gone.bundle --issued "$((T0_S - 10 * 86400))" --valid-hours 48 --refresh-hours 24
verify() {
    r=$1
    shift
    OUT=$("$VERIFY" --root root.pub.pem --trust vt.bundle --revocation "$r" --purpose adult \
        --time "$T0" --text "$Q" "$@" 2>>"$ERRLOG")
    RC=$?
}
verify fresh.bundle
e "revocation list 1 h old: valid, twelve checks pass" \
    '[ $RC -eq 0 ] && [ "$(printf "%s" "$OUT" | grep -o "\"status\":\"pass\"" | wc -l)" -eq 12 ] &&
     has "$OUT" "\"revocation_age_s\":3600"'
verify old.bundle
e "20 days old, default limit 336 h: REVOCATION_STALE (306)" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"REVOCATION_STALE\"" &&
     has "$OUT" "\"error_code\":306" && has "$OUT" "\"message_en\":\"Revocation list too old; cannot verify\""'
verify old.bundle --revocation-policy warn
e "20 days old under the warn-only policy: valid, flagged" \
    '[ $RC -eq 0 ] && has "$OUT" "\"revocation_stale_warned\":true"'
verify old.bundle --revocation-max-hours 720
e "20 days old with a 720 h limit: valid" '[ $RC -eq 0 ]'
verify gone.bundle --revocation-policy warn
e "past its signed valid_until: fails even warn-only (305)" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"REVOCATION_STALE\"" && has "$OUT" "\"error_code\":305"'
trust 2 vtx.bundle --issued 2025-11-01 --valid-until 2026-11-20
OUT=$("$VERIFY" --root root.pub.pem --trust vtx.bundle --revocation fresh.bundle --purpose adult \
    --time "$T0" --text "$Q" 2>>"$ERRLOG")
RC=$?
e "expired trust bundle: ISSUER_KEY, bundle expired (305)" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"ISSUER_KEY\"" && has "$OUT" "\"error_code\":305"'

# ---- a running kiosk picks up an install by another process (mid-sync) ----
"$HOLDER" video --cred creds/R001.cred --key dev/R001.pem --start "$NOW" --seconds 2 --fps 10 \
    --size 320x240 --out v.y4m >/dev/null 2>>"$ERRLOG"
"$KIOSK" --config "$W/kiosk.conf" --video v.y4m --loop --headless --purpose adult \
    --max-frames 130 >/dev/null 2>kiosk.log &
KPID=$!
sleep 2
trust 30 t30.bundle
install t30.bundle
e "install while the kiosk runs: exit 0" '[ $RC -eq 0 ]'
n=0
until grep -q "reloaded: trust seq=30 " kiosk.log || [ $n -ge 80 ]; do sleep 0.1; n=$((n + 1)); done
e "the running kiosk reloaded seq 30 within its 5 s scan" 'grep -q "reloaded: trust seq=30 revocation seq=5" kiosk.log'
# an older genuine bundle copied over it behind the installer's back
cp t21.bundle data/trust.bundle
n=0
until grep -q "last good copy" kiosk.log || [ $n -ge 80 ]; do sleep 0.1; n=$((n + 1)); done
e "a rolled-back file in a running kiosk: logged (406), last good copy kept" \
    'grep -q "bundle below accepted floor (error 406)" kiosk.log &&
     grep -q "reloaded: trust seq=30 (last good copy)" kiosk.log'
wait "$KPID"
e "the kiosk ran to its end" '[ $? -eq 0 ]'

e "stderr never carried a name or RRN" '! grep -q "한가람\|[0-9]\{6\}-[0-9]\{7\}" "$ERRLOG" kiosk.log'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
