#!/bin/sh
# End-to-end test of mid-issue, mid-holder and mid-verify, run by
# tests/run-tests.sh as `sh tests/e2e/test_tools.sh BUILD_DIR` from the
# repository root. Everything happens in a temporary directory with keys
# made on the spot; the residents are the invented ones of
# assets/residents.tsv. Prints "N passed, N failed" last and exits non-zero
# on any failure.
set -u

BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
BIN=$BUILD/bin
REPO=$(pwd)
RECORDS=$REPO/assets/residents.tsv
W=$(mktemp -d "${TMPDIR:-/tmp}/mid-e2e.XXXXXX")
ERRLOG=$W/stderr.log
: >"$ERRLOG"
trap 'rm -rf "$W"' EXIT INT TERM
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }
# e NAME EXPR: one test case, passes when the shell expression EXPR
# (evaluated here, so it sees $OUT, $RC, ...) succeeds
e() {
    if eval "$2"; then ok "$1"; else nok "$1"; fi
}
has() { printf '%s' "$1" | grep -qF -- "$2"; }
hasnt() { ! printf '%s' "$1" | grep -qF -- "$2"; }
view_of() { printf '%s' "$1" | sed 's/.*"view"://'; }

for tool in mid-issue mid-holder mid-verify; do
    if [ ! -x "$BIN/$tool" ]; then
        echo "missing $BIN/$tool (build it first)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

ISSUE=$BIN/mid-issue
HOLDER=$BIN/mid-holder
VERIFY=$BIN/mid-verify
T0=2026-11-26T12:00:00+09:00
T0_S=1795662000

# verify ARGS...: runs mid-verify against this world; sets OUT and RC
verify() {
    OUT=$("$VERIFY" --root "$W/root.pub.pem" --trust "$W/trust.bundle" \
        --revocation "$W/revocation.bundle" "$@" 2>>"$ERRLOG")
    RC=$?
}
present() { # present ID TIME -> QR text on stdout
    "$HOLDER" present --cred "$W/creds/$1.cred" --key "$W/dev/$1.pem" \
        --time "$2" --text 2>>"$ERRLOG"
}

cd "$W" || exit 1

# ---- keys and bundles ----
KID=$("$ISSUE" keygen --out root.pem --pub root.pub.pem 2>>"$ERRLOG")
e "keygen prints a 16-hex-digit kid" \
    'printf "%s" "$KID" | grep -Eq "^[0-9a-f]{16}$"'
"$ISSUE" keygen --out issuer.pem --pub issuer.pub.pem >/dev/null 2>>"$ERRLOG"
"$ISSUE" keygen --out root.pem >/dev/null 2>&1
RC=$?
e "keygen refuses to overwrite a key" '[ $RC -eq 2 ]'
e "private key file is mode 0600" '[ "$(stat -c %a root.pem)" = 600 ]'

"$ISSUE" trust --root root.pem \
    --issuer "issuer.pub.pem:resident,licence:2026-01-01:2030-01-01T00:00:00+09:00" \
    --seq 3 --issued "$T0" --out trust.bundle >/dev/null 2>>"$ERRLOG"
e "trust bundle written" '[ -s trust.bundle ]'
INFO=$("$ISSUE" info trust.bundle --root root.pub.pem 2>>"$ERRLOG")
e "info: trust bundle, seq, signature ok" \
    'has "$INFO" "kind: trust bundle" && has "$INFO" "seq: 3" &&
     has "$INFO" "signature: ok"'
"$ISSUE" trust --root root.pem --issuer "issuer.pub.pem:passport:2026-01-01:2027-01-01" \
    --seq 1 --out bad.bundle >/dev/null 2>&1
RC=$?
e "trust refuses an unknown doctype" '[ $RC -eq 2 ] && [ ! -e bad.bundle ]'

# ---- device keys and credentials ----
mkdir dev
NREC=0
for id in $(awk -F'\t' '!/^#/ && NF && $1 != "id" { print $1 }' "$RECORDS"); do
    "$HOLDER" keygen --out "dev/$id.pem" --pub "dev/$id.pub.pem" >/dev/null 2>>"$ERRLOG"
    NREC=$((NREC + 1))
done
"$ISSUE" sign --issuer issuer.pem --records "$RECORDS" --devices dev --out creds \
    --nbf 2026-01-01 --exp 2028-01-01 >sign.out 2>>"$ERRLOG"
RC=$?
NCRED=$(ls creds/*.cred 2>/dev/null | wc -l)
e "sign: one credential per resident ($NREC)" '[ $RC -eq 0 ] && [ "$NCRED" -eq "$NREC" ]'
e "sign output has no names" '! grep -q "한가람" sign.out creds/credentials.tsv'
INFO=$("$ISSUE" info creds/L001.cred --issuer issuer.pub.pem 2>>"$ERRLOG")
e "info: credential, licence, signature ok, no personal data" \
    'has "$INFO" "doctype: licence" && has "$INFO" "signature: ok" &&
     hasnt "$INFO" "강도윤" && hasnt "$INFO" "0203154"'

"$ISSUE" revoke --root root.pem --records "$RECORDS" --seq 5 --issued "$T0" \
    --out revocation.bundle >/dev/null 2>>"$ERRLOG"
INFO=$("$ISSUE" info revocation.bundle --root root.pub.pem 2>>"$ERRLOG")
e "revoke from records: one id (R010)" 'has "$INFO" "revoked_ids: 1"'
# the same id twice, in both cases, plus a comment: de-duplicated
R010=$(awk -F'\t' '$1 == "R010" { print $2 }' creds/credentials.tsv)
printf '# lost cards\n%s\n%s\n' "$R010" "$(printf '%s' "$R010" | tr a-f A-F)" >ids.txt
"$ISSUE" revoke --root root.pem --ids ids.txt --seq 6 --out rev2.bundle >/dev/null 2>>"$ERRLOG"
INFO=$("$ISSUE" info rev2.bundle --root root.pub.pem --list 2>>"$ERRLOG")
e "revoke --ids: sorted and de-duplicated" \
    'has "$INFO" "revoked_ids: 1" && has "$INFO" "$R010"'
awk 'BEGIN { for (i = 0; i <= 128000; i++) printf "%016x\n", i }' >many.txt
"$ISSUE" revoke --root root.pem --ids many.txt --seq 7 --out big.bundle >/dev/null 2>&1
RC=$?
e "revoke refuses more than MID_MAX_REVOKED ids" '[ $RC -eq 2 ] && [ ! -e big.bundle ]'

# ---- verification ----
Q=$(present R001 "$T0")
e "present --text gives MID1: text" 'printf "%s" "$Q" | grep -q "^MID1:"'
verify --purpose adult --time "$T0" --text "$Q"
V=$(view_of "$OUT")
e "valid: exit 0" '[ $RC -eq 0 ]'
e "valid: JSON verdict valid" 'has "$OUT" "\"verdict\":\"valid\""'
e "adult view: adult only, no name, no rrn" \
    'has "$V" "\"adult\":true" && hasnt "$V" "\"name\"" && hasnt "$V" "\"rrn\""'
e "all twelve checks pass" \
    '[ "$(printf "%s" "$OUT" | grep -o "\"status\":\"pass\"" | wc -l)" -eq 12 ]'

verify --purpose adult --time 2026-11-26T12:01:01+09:00 --text "$Q"
e "stale (+61 s): exit 1, FRESHNESS, no view" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"FRESHNESS\"" &&
     has "$OUT" "\"view\":null"'
verify --purpose adult --time "$T0_S" --text "$Q"
e "time as Unix seconds" '[ $RC -eq 0 ]'

# flip one character near the end (the device signature): Base45 may or
# may not stay valid, either way the verdict must be invalid
N=$(printf '%s' "$Q" | wc -c)
POS=$((N - 20))
C=$(printf '%s' "$Q" | cut -c"$POS")
if [ "$C" = A ]; then R=B; else R=A; fi
F=$(printf '%s' "$Q" | cut -c1-$((POS - 1)))$R$(printf '%s' "$Q" | cut -c$((POS + 1))-)
verify --purpose adult --time "$T0" --text "$F"
e "forged (one character flipped): exit 1, invalid" \
    '[ $RC -eq 1 ] && has "$OUT" "\"verdict\":\"invalid\"" && [ "$F" != "$Q" ]'
verify --purpose adult --time "$T0" --text "MID2:ABC"
e "not a mobile ID: FORMAT, error_code 100" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"FORMAT\"" &&
     has "$OUT" "\"error_code\":100"'

verify --purpose adult --time "$T0" --text "$(present R010 "$T0")"
e "revoked resident: exit 1, REVOKED" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"REVOKED\""'
OUT=$("$VERIFY" --root root.pub.pem --trust trust.bundle --purpose adult \
    --time "$T0" --text "$(present R001 "$T0")" 2>>"$ERRLOG")
e "no revocation data: fails closed (405)" 'has "$OUT" "\"error_code\":405"'
verify --purpose licence --time "$T0" --text "$(present R001 "$T0")"
e "resident card for a licence check: exit 1, PURPOSE" \
    '[ $RC -eq 1 ] && has "$OUT" "\"failed_check\":\"PURPOSE\""'

verify --purpose real_name --time "$T0" --text "$(present R001 "$T0")"
e "real_name: name and masked RRN" \
    'has "$OUT" "\"rrn\":\"900101-1******\"" && has "$OUT" "\"name\":\"한가람\""'
verify --purpose real_name --show-rrn --time "$T0" --text "$(present R001 "$T0")"
e "--show-rrn shows all 13 digits" 'has "$OUT" "\"rrn\":\"900101-1234568\""'
verify --purpose adult --time "$T0" --text "$(present R002 "$T0")"
e "born 2007: adult in 2026 (year rule)" '[ $RC -eq 0 ] && has "$OUT" "\"adult\":true"'
verify --purpose adult --time "$T0" --text "$(present R003 "$T0")"
e "born 2008: minor in 2026, still a valid check" \
    '[ $RC -eq 0 ] && has "$OUT" "\"adult\":false"'
verify --purpose licence --time "$T0" --text "$(present L004 "$T0")"
e "suspended licence shows suspended" 'has "$OUT" "\"licence_status\":\"suspended\""'
verify --purpose licence --time "$T0" --text "$(present L005 "$T0")"
e "licence past its expiry shows expired" 'has "$OUT" "\"licence_status\":\"expired\""'
verify --purpose custom:age,doctype --time "$T0" --text "$(present R007 "$T0")"
e "custom purpose: exactly the chosen items" \
    'has "$OUT" "\"items\":[\"age\",\"doctype\"]" && hasnt "$OUT" "\"name\""'
printf '%s\n' "$(present R004 "$T0")" >q.txt
OUT=$("$VERIFY" --root root.pub.pem --trust trust.bundle --revocation revocation.bundle \
    --purpose adult --time "$T0" --stdin <q.txt 2>>"$ERRLOG")
e "--stdin with a trailing newline" 'has "$OUT" "\"verdict\":\"valid\""'
"$VERIFY" --root root.pub.pem --trust trust.bundle --purpose adult --text x >/dev/null 2>&1
RC=$?
e "usage error (no time): exit 2" '[ $RC -eq 2 ]'
"$VERIFY" --root root.pub.pem --trust revocation.bundle --purpose adult --now --text x \
    >err.json 2>/dev/null
RC=$?
e "bad trust bundle: exit 2 with a JSON error" \
    '[ $RC -eq 2 ] && grep -q "\"verdict\":\"error\"" err.json'

# ---- images ----
"$HOLDER" present --cred creds/L001.cred --key dev/L001.pem --time "$T0" \
    --png l001.png --module 4 2>>"$ERRLOG"
verify --purpose licence --time "$T0" --image l001.png
e "PNG round trip through ZBar: valid (licence with portrait)" \
    '[ $RC -eq 0 ] && has "$OUT" "\"width\":32"'
"$HOLDER" present --cred creds/R005.cred --key dev/R005.pem --time "$T0" \
    --png r005.png 2>>"$ERRLOG"
verify --purpose adult --time "$T0" --image r005.png
e "PNG round trip: valid (small resident card)" '[ $RC -eq 0 ]'

"$HOLDER" window --cred creds/R006.cred --key dev/R006.pem --time "$T0" \
    --frames 5 --screenshot win.png >/dev/null 2>>"$ERRLOG"
verify --purpose real_name --time "$T0" --image win.png
e "window (SDL dummy driver): screenshot decodes and verifies" '[ $RC -eq 0 ]'

# ---- video ----
"$HOLDER" video --cred creds/R001.cred --key dev/R001.pem --start "$T0" \
    --seconds 3 --fps 10 --size 640x480 --out v.y4m >/dev/null 2>>"$ERRLOG"
HDR=$(head -n 1 v.y4m | wc -c)
SIZE=$(wc -c <v.y4m)
e "video 3 s at 10 fps: size = header + 30 * (640*480*3/2 + 6)" \
    '[ "$SIZE" -eq $((HDR + 30 * (640 * 480 * 3 / 2 + 6))) ]'
e "video header" 'head -n 1 v.y4m | grep -q "^YUV4MPEG2 W640 H480 F10:1 "'
"$HOLDER" video --cred creds/R002.cred --key dev/R002.pem --cred creds/L002.cred \
    --key dev/L002.pem --start "$T0" --seconds 1 --fps 4 --size 320x240 \
    --blank-lead 0.5 --gap 1 --blur 0.8 --noise 6 --contrast 0.7 --moire \
    --perspective 0.1 --glare --seed 7 --out v2.y4m >/dev/null 2>>"$ERRLOG"
HDR=$(head -n 1 v2.y4m | wc -c)
SIZE=$(wc -c <v2.y4m)
e "two residents, blank lead and gap: 2*(2+4)+4 = 16 frames" \
    '[ "$SIZE" -eq $((HDR + 16 * (320 * 240 * 3 / 2 + 6))) ]'
"$HOLDER" video --cred creds/R002.cred --key dev/R002.pem --cred creds/L002.cred \
    --key dev/L002.pem --start "$T0" --seconds 1 --fps 4 --size 320x240 \
    --blank-lead 0.5 --gap 1 --blur 0.8 --noise 6 --contrast 0.7 --moire \
    --perspective 0.1 --glare --seed 7 --out v3.y4m >/dev/null 2>>"$ERRLOG"
# the frames differ only where the QR's signature bytes do (ECDSA signs
# with a random k): the blank lead is identical
LEAD=$((HDR + 2 * (320 * 240 * 3 / 2 + 6)))
e "same --seed: identical blank frames" \
    '[ "$(head -c $LEAD v2.y4m | cksum)" = "$(head -c $LEAD v3.y4m | cksum)" ]'

# ---- camera (the phone in front of a V4L2 output device; --out: raw YU12) ----
FR=$((640 * 480 * 3 / 2))
"$HOLDER" camera --cred creds/R001.cred --key dev/R001.pem --out cam.yuv --frames 4 \
    --fps 30 >cam.out 2>>"$ERRLOG"
RC=$?
SIZE=$(wc -c <cam.yuv)
e "camera --out: 4 raw YU12 frames of 640x480" '[ $RC -eq 0 ] && [ "$SIZE" -eq $((4 * FR)) ]'
e "camera: markers on stdout" \
    'grep -q "^camera: streaming 640x480 YU12 at 30 fps to cam.yuv" cam.out &&
     [ "$(grep -c "^camera: code in view uptime=[0-9]" cam.out)" -eq 1 ] &&
     grep -q "^camera: stopped after 4 frames" cam.out'
# frame 3's Y plane as a PGM; signed with the current time, verified now
y_plane() { # RAW INDEX OUT.pgm
    { printf 'P5\n640 480\n255\n'; dd if="$1" bs=$FR skip="$2" count=1 status=none | head -c $((640 * 480)); } >"$3"
}
y_plane cam.yuv 2 cam.pgm
verify --purpose adult --time "$(date +%s)" --image cam.pgm
e "camera: a frame decodes and verifies at the current time" '[ $RC -eq 0 ]'
"$HOLDER" camera --cred creds/R001.cred --key dev/R001.pem --out camh.yuv --frames 2 \
    --hidden >camh.out 2>>"$ERRLOG"
y_plane camh.yuv 1 camh.pgm
verify --purpose adult --time "$(date +%s)" --image camh.pgm
e "camera --hidden: the phone is out of view (no code)" \
    '[ $RC -ne 0 ] && ! grep -q "code in view" camh.out'
MSG=$("$HOLDER" camera --cred creds/R001.cred --key dev/R001.pem --device cam.yuv 2>&1)
RC=$?
e "camera --device on a regular file: refused" '[ $RC -ne 0 ] && has "$MSG" "is not a video device"'
MSG=$("$HOLDER" camera --cred creds/R001.cred --key dev/R001.pem --device nodev 2>&1)
RC=$?
e "camera --device missing: refused, nothing created" '[ $RC -ne 0 ] && [ ! -e nodev ]'

# ---- records parser ----
printf 'id\tdoctype\tname\trrn\tissue_date\tlicence_class\tlicence_number\tlicence_expiry\tlicence_status\tportrait\trevoked\tnote\n' >bad.tsv
printf 'X1\tresident\t가나다\t9013011234567\t20200101\t\t\t\t\tno\t0\t\n' >>bad.tsv
MSG=$("$ISSUE" sign --issuer issuer.pem --records bad.tsv --devices dev --out badcreds 2>&1)
RC=$?
e "records: bad RRN named by line and column, value not echoed" \
    '[ $RC -eq 2 ] && has "$MSG" "bad.tsv:2: column rrn" && hasnt "$MSG" "9013011234567"'
printf 'id\tdoctype\tname\trrn\tissue_date\tlicence_class\tlicence_number\tlicence_expiry\tlicence_status\tportrait\trevoked\tnote\n' >blank.tsv
printf 'X2\tresident\t\343\205\244\t9001011234568\t20200101\t\t\t\t\tno\t0\t\n' >>blank.tsv
MSG=$("$ISSUE" sign --issuer issuer.pem --records blank.tsv --devices dev --out blankcreds 2>&1)
RC=$?
e "records: a name of U+3164 HANGUL FILLER is refused at issuing (payload-format 3.1)" \
    '[ $RC -eq 2 ] && has "$MSG" "blank.tsv:2: column name" && [ ! -e blankcreds/X2.cred ]'

# ---- sizes (docs/tools.md) ----
printf 'id\tdoctype\tname\trrn\tissue_date\tlicence_class\tlicence_number\tlicence_expiry\tlicence_status\tportrait\trevoked\tnote\n' >m.tsv
printf 'S\tresident\t최윤\t8511202045193\t20190722\t\t\t\t\tno\t0\t\n' >>m.tsv
printf 'L\tlicence\t제갈하늘빛나래솔가람누리온새미로별하은빛솔\t9210051301270\t20211111\t4\t11-23-012345-61\t20321231\tsuspended\tno\t0\t\n' >>m.tsv
printf 'P\tlicence\t제갈하늘빛나래솔가람누리온새미로별하은빛솔\t9210051301270\t20211111\t4\t11-23-012345-61\t20321231\tsuspended\tyes\t0\t\n' >>m.tsv
for id in S L P; do
    "$HOLDER" keygen --out "dev/$id.pem" --pub "dev/$id.pub.pem" >/dev/null 2>>"$ERRLOG"
done
"$ISSUE" sign --issuer issuer.pem --records m.tsv --devices dev --out m32 \
    --nbf 2026-01-01 --exp 2028-01-01 --portrait-size 32x40 >/dev/null 2>>"$ERRLOG"
"$ISSUE" sign --issuer issuer.pem --records m.tsv --devices dev --out m48 \
    --nbf 2026-01-01 --exp 2028-01-01 --portrait-size 48x40 --only P >/dev/null 2>>"$ERRLOG"
stats() {
    "$HOLDER" present --cred "$1.cred" --key "dev/$2.pem" --time "$T0" --stats 2>&1 >/dev/null
}
echo "size: smallest resident card:        $(stats m32/S S)"
echo "size: largest licence, no portrait:  $(stats m32/L L)"
echo "size: licence + 32x40 portrait:      $(stats m32/P P)"
echo "size: licence + 48x40 portrait:      $(stats m48/P P)"
BYTES=$(stats m32/L L | sed 's/presentation: \([0-9]*\) CBOR.*/\1/')
e "largest licence without portrait fits the 400-byte budget" '[ "$BYTES" -le 400 ]'
"$HOLDER" present --cred m48/P.cred --key dev/P.pem --time "$T0" --png p48.png \
    --module 3 2>>"$ERRLOG"
verify --purpose custom:portrait,doctype --time "$T0" --image p48.png
e "48x40 portrait (largest QR) round trip through ZBar" \
    '[ $RC -eq 0 ] && has "$OUT" "\"width\":48"'

# ---- nothing personal on stderr ----
e "stderr never carried a name or RRN" \
    '! grep -q -e "한가람" -e "900101" -e "강도윤" "$ERRLOG"'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
