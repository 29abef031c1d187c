#!/bin/sh
# End to end: the real mid-kiosk program (SDL dummy driver, file camera,
# frame clock) on phone-screen videos made by mid-holder from the demo
# residents. Asserts each run's verdict lines and screens.
# Usage: tests/e2e/test_kiosk.sh BUILD_DIR     Prints "N passed, N failed".
set -u
BUILD=${1:-build}
B=$BUILD/bin
D=assets/demo
T=1795000000               # fixed: inside the demo credentials' validity
FPS=10
W=$(mktemp -d /tmp/mid-e2e-kiosk.XXXXXX)
# The committed demo revocation list is as old as the demo keys: past the
# kiosk's default revocation_max_hours at $T it would fail every verdict
# (REVOCATION_STALE). Publish one an hour before $T, as the issuer would.
"$B/mid-issue" revoke --root $D/root.pem --records assets/residents.tsv --seq 2 \
    --issued $((T - 3600)) --out "$W/revocation.bundle" >/dev/null || exit 1
SHOTS=${MID_SCREENSHOT_DIR:-$BUILD/screenshots/e2e}
mkdir -p "$SHOTS"
pass=0
fail=0
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
echo $((T - 86400)) > "$W/build-time"

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2"; }

# video NAME START ARGS... : mid-holder video into $W/NAME.y4m
video() {
    n=$1
    s=$2
    shift 2
    "$B/mid-holder" video --start "$s" --fps $FPS --size 640x480 --seed 3 --out "$W/$n.y4m" "$@" \
        >/dev/null 2>"$W/$n.holder.log" || { bad "video $n" "$W/$n.holder.log"; return 1; }
}

cred() { echo "--cred $D/creds/$1.cred --key $D/devices/$1.pem"; }

# kiosk NAME PURPOSE [ARGS...] : runs the kiosk on $W/NAME.y4m
kiosk() {
    n=$1
    p=$2
    shift 2
    mkdir -p "$W/$n.shots"
    "$B/mid-kiosk" --video "$W/$n.y4m" --purpose "$p" --exit-at-end --headless \
        --frame-clock $T --fps $FPS --config /dev/null \
        --root $D/root.pub.pem --trust $D/trust.bundle --revocation $W/revocation.bundle \
        --build-time "$W/build-time" --results "$W/$n.results" --result-timeout 4 \
        --screenshot-dir "$W/$n.shots" "$@" 2>"$W/$n.log"
    echo $? > "$W/$n.rc"
    for f in "$W/$n.shots"/*.png; do
        [ -f "$f" ] && cp "$f" "$SHOTS/$n-$(basename "$f")"
    done
    return 0
}

# expect NAME "line pattern" ... : the results file holds exactly these lines
expect() {
    n=$1
    shift
    i=0
    okay=1
    for pat in "$@"; do
        i=$((i + 1))
        line=$(sed -n "${i}p" "$W/$n.results" 2>/dev/null)
        case "$line" in
        *"$pat"*) ;;
        *) okay=0 ;;
        esac
    done
    lines=$(wc -l < "$W/$n.results" 2>/dev/null || echo 0)
    [ "$lines" -eq "$i" ] || okay=0
    [ "$(cat "$W/$n.rc")" = 0 ] || okay=0
    if [ $okay = 1 ]; then ok "$n"; else
        echo "     expected: $*"
        bad "$n" "$W/$n.results"
        sed 's/^/     log: /' "$W/$n.log"
    fi
}

has_shot() { # NAME screen
    if ls "$W/$1.shots" 2>/dev/null | grep -q -- "-$2"; then ok "$1 shows $2 screen"; else
        bad "$1 shows $2 screen"
        ls "$W/$1.shots"
    fi
}

log_has() { # NAME text
    if grep -q -- "$2" "$W/$1.log"; then ok "$1 log: $2"; else bad "$1 log: $2" "$W/$1.log"; fi
}

# --- valid presentations, one run per purpose -------------------------------
# shellcheck disable=SC2046
video adult $T $(cred R001) $(cred R003) $(cred R002) --seconds 2 --gap 4 --blank-lead 1 --noise 3
kiosk adult adult
expect adult "verdict=valid check=- error=0 purpose=adult decision=adult" \
             "verdict=valid check=- error=0 purpose=adult decision=minor" \
             "verdict=valid check=- error=0 purpose=adult decision=adult"
has_shot adult result-valid
has_shot adult scan

# shellcheck disable=SC2046
video realname $T $(cred R006) $(cred R007) --seconds 2 --gap 4 --blank-lead 1
kiosk realname real_name
expect realname "verdict=valid check=- error=0 purpose=real_name" \
                "verdict=valid check=- error=0 purpose=real_name"

# shellcheck disable=SC2046
video licence $T $(cred L001) $(cred L004) $(cred R005) --seconds 2 --gap 4 --blank-lead 1
kiosk licence licence
expect licence "verdict=valid check=- error=0 purpose=licence" \
               "verdict=valid check=- error=0 purpose=licence" \
               "verdict=invalid check=PURPOSE error=402 purpose=licence"
has_shot licence result-invalid

# --- every kind of bad QR ----------------------------------------------------
# shellcheck disable=SC2046
video stale $((T - 120)) $(cred R001) --seconds 2 --blank-lead 1
kiosk stale adult
expect stale "verdict=invalid check=FRESHNESS error=302"

# shellcheck disable=SC2046
video future $((T + 60)) $(cred R001) --seconds 2 --blank-lead 1
kiosk future adult
expect future "verdict=invalid check=FRESHNESS error=303"

# forged issuer signature: one bit of the credential's signature flipped
cp $D/creds/R001.cred "$W/forged.cred"
size=$(wc -c < "$W/forged.cred")
last=$(od -An -tu1 -j $((size - 1)) -N1 "$W/forged.cred" | tr -d ' ')
head -c $((size - 1)) $D/creds/R001.cred > "$W/forged.cred"
printf "$(printf '\\%03o' $(( (last + 1) % 256 )))" >> "$W/forged.cred"
video forged $T --cred "$W/forged.cred" --key $D/devices/R001.pem --seconds 2 --blank-lead 1
kiosk forged adult
expect forged "verdict=invalid check=ISSUER_SIGNATURE error=203"

# a presentation signed by a phone other than the one the credential names
video device $T --cred $D/creds/R001.cred --key $D/devices/L002.pem --foreign-key --seconds 2 --blank-lead 1
kiosk device adult
expect device "verdict=invalid check=DEVICE_SIGNATURE error=204"

# shellcheck disable=SC2046
video revoked $T $(cred R010) --seconds 2 --blank-lead 1
kiosk revoked adult
expect revoked "verdict=invalid check=REVOKED error=401"

# the same presentation shown again after it was accepted: a replay
# shellcheck disable=SC2046
video replay $T $(cred R001) --seconds 1 --blank-lead 4
kiosk replay adult --loop --result-timeout 2 --max-frames 100
# (--loop keeps the stream going; --max-frames ends it after two passes)
expect replay "verdict=valid check=- error=0 purpose=adult" \
              "verdict=invalid check=REPLAY error=400"

# two different codes in view: ask for one, no verdict
# shellcheck disable=SC2046
video two $T $(cred R001) --seconds 2 --blank-lead 1 --second-code
kiosk two adult
expect two
log_has two "multiple_codes=[1-9]"

# nothing but a blank phone: no verdict, no error
{
    printf 'YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n'
    i=0
    while [ $i -lt 20 ]; do
        printf 'FRAME\n'
        head -c 460800 /dev/zero | tr '\0' '\200'
        i=$((i + 1))
    done
} > "$W/blank.y4m"
kiosk blank adult
expect blank
log_has blank "frames=20 results=0"

# --- the camera cable is pulled mid-stream and comes back --------------------
# shellcheck disable=SC2046
video unplug $T $(cred R001) --seconds 2 --blank-lead 4
kiosk unplug adult --camera-fault 10:15
expect unplug "verdict=valid check=- error=0 purpose=adult"
log_has unplug "camera_lost=1"
has_shot unplug camera-lost

# --- English, a broken config, a wrong clock ---------------------------------
# shellcheck disable=SC2046
video english $T $(cred L001) --seconds 2 --blank-lead 1
kiosk english licence --lang en
expect english "verdict=valid check=- error=0 purpose=licence"
has_shot english result-valid

printf 'result_timeout = 10\nbogus_key = 1\n' > "$W/bad.conf"
# shellcheck disable=SC2046
video badconf $T $(cred L001) --seconds 2 --blank-lead 11  # the notice gives way after 10 s
"$B/mid-kiosk" --video "$W/badconf.y4m" --purpose licence --exit-at-end --headless \
    --frame-clock $T --fps $FPS --config "$W/bad.conf" \
    --root $D/root.pub.pem --trust $D/trust.bundle --revocation $W/revocation.bundle \
    --build-time "$W/build-time" --results "$W/badconf.results" --screenshot-dir "$W" \
    2>"$W/badconf.log"
echo $? > "$W/badconf.rc"
expect badconf "verdict=valid check=- error=0 purpose=licence"
log_has badconf "line 2: unknown key; running on safe defaults"
if ls "$W" | grep -q -- "-notice.png"; then ok "badconf shows notice screen"; else bad "badconf shows notice screen"; fi

echo $((T + 3600)) > "$W/future-build-time"
cp "$W/english.y4m" "$W/clock.y4m"
kiosk clock licence --build-time "$W/future-build-time"
expect clock
has_shot clock clock

# --- no personal data in the log ---------------------------------------------
if cat "$W"/*.log "$W"/*.results | grep -E -q '한가람|김하늘|9001011234568|900101|강도윤|0203154'; then
    bad "logs free of personal data"
else
    ok "logs free of personal data"
fi

rm -rf "$W"
echo "screenshots: $SHOTS"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
