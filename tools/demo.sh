#!/bin/sh
# make demo: the kiosk's main job on this machine, on sample videos of the
# invented demo residents (assets/residents.tsv) signed with the demo keys
# (assets/demo/). The phone-screen videos are made now by mid-holder, since a
# presentation is only good for 60 seconds.
#
# With a display ($DISPLAY or $WAYLAND_DISPLAY): a window, in real time.
# Headless: the same flow with the frame clock, and a PNG of every new screen
# in out/demo/<run>/ instead of a window.
set -eu
BUILD=${1:-build}
B=$BUILD/bin
OUT=${MID_DEMO_OUT:-out/demo}
FPS=10
D=assets/demo
mkdir -p "$OUT"
now=$(date +%s)
# A build time in the past: the image's clock floor (see docs/firmware.md).
echo $((now - 86400)) > "$OUT/build-time"
# Today's revocation list, as the issuer would publish it every day (the
# committed one is from the day the demo keys were made, and the kiosk
# rightly warns about its age).
"$B/mid-issue" revoke --root $D/root.pem --records assets/residents.tsv \
    --seq 2 --issued "$now" --out "$OUT/revocation.bundle" >/dev/null

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${MID_DEMO_HEADLESS:-}" ]; then
    HEADLESS=0
else
    HEADLESS=1
fi

# run NAME PURPOSE ID... : one video with these residents, then the kiosk on it
run() {
    name=$1
    purpose=$2
    shift 2
    args=""
    for id in "$@"; do
        args="$args --cred $D/creds/$id.cred --key $D/devices/$id.pem"
    done
    dir="$OUT/$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$B/mid-holder" video $args --start "$start" --seconds 3 --gap 3 --blank-lead 1 \
        --fps $FPS --size 640x480 --blur 0.6 --noise 3 --seed 7 --out "$dir/phone.y4m"
    echo "--- $name: purpose $purpose, residents $*"
    set -- --video "$dir/phone.y4m" --purpose "$purpose" --exit-at-end \
        --root $D/root.pub.pem --trust $D/trust.bundle --revocation "$OUT/revocation.bundle" \
        --build-time "$OUT/build-time" --config /dev/null --results - --result-timeout 5
    if [ "$HEADLESS" = 1 ]; then
        "$B/mid-kiosk" "$@" --headless --frame-clock "$start" --fps $FPS \
            --screenshot-dir "$dir" 2>"$dir/kiosk.log"
        rm -f "$dir/phone.y4m"
        echo "    screenshots: $(ls "$dir"/*.png | wc -l) in $dir/"
    else
        "$B/mid-kiosk" "$@" --windowed 2>"$dir/kiosk.log"
        rm -f "$dir/phone.y4m"
    fi
}

# 성인인증 at a convenience store: an adult, a 2008-born minor, one born in
# 2007 (adult under the Youth Protection Act's year rule though 18), and a
# card reported lost.
run adult adult R001 R003 R002 R010
# 실명인증 at a bank: the longest Hangul name, with a portrait.
run real-name real_name R006 R007
# 면허확인 at a rental-car desk: valid with portrait, suspended, and a resident
# card that cannot answer a licence check.
run licence licence L001 L004 R005
echo "demo done: results above; screenshots and logs under $OUT/"
