#!/bin/sh
# End to end, with the kiosk's injectable frame clock (--frame-clock, debug
# builds): the time floor's last-known-good file (clock set back below it →
# CLOCK; an accepted code stores its time), the replay case after a restart
# with the clock set back, and the start-up refusals of the per-device files:
# a PIN hash file readable by others, the old plain operator_pin, a bad
# kiosk.conf.d drop-in. docs/trusted-time.md, docs/operator.md.
# Usage: tests/e2e/test_trusted_time.sh BUILD_DIR   Prints "N passed, N failed".
set -u
BUILD=${1:-build}
B=$BUILD/bin
D=assets/demo
T=1795000000
FPS=10
W=$(mktemp -d /tmp/mid-e2e-time.XXXXXX)
pass=0
fail=0
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
echo $((T - 86400)) > "$W/build-time"
# a revocation list issued an hour before $T: the committed demo list is as
# old as the demo keys and would fail REVOCATION_STALE (trust-lifecycle.md)
"$B/mid-issue" revoke --root $D/root.pem --records assets/residents.tsv --seq 2 \
    --issued $((T - 3600)) --out "$W/revocation.bundle" >/dev/null || exit 1

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2"; }

# conf NAME [LINES...]: a kiosk.conf whose data-partition files are in $W
conf() {
    n=$1
    shift
    {
        echo "last_good_time_file = $W/$n.lkg"
        echo "operator_pin_file = $W/$n.pin"
        echo "operator_lock_file = $W/$n.lock"
        echo "dropin_dir = $W/$n.d"
        echo "checklog_dir = $W/log"
        for l in "$@"; do echo "$l"; done
    } > "$W/$n.conf"
}

# kiosk NAME VIDEO START: the kiosk on $W/VIDEO.y4m with the frame clock at START
kiosk() {
    mkdir -p "$W/$1.shots"
    "$B/mid-kiosk" --video "$W/$2.y4m" --purpose adult --exit-at-end --headless \
        --frame-clock "$3" --fps $FPS --config "$W/$1.conf" \
        --root $D/root.pub.pem --trust $D/trust.bundle --revocation $W/revocation.bundle \
        --build-time "$W/build-time" --results "$W/$1.results" --result-timeout 4 \
        --screenshot-dir "$W/$1.shots" 2>"$W/$1.log"
    echo $? > "$W/$1.rc"
}

results_have() { # NAME text
    if grep -q -- "$2" "$W/$1.results"; then ok "$1: $2"; else
        bad "$1: $2" "$W/$1.results"; sed 's/^/     log: /' "$W/$1.log"
    fi
}
results_lack() { # NAME text
    if grep -q -- "$2" "$W/$1.results"; then bad "$1: no $2" "$W/$1.results"; else ok "$1: no $2"; fi
}
has_shot() { # NAME screen
    if ls "$W/$1.shots" 2>/dev/null | grep -q -- "-$2"; then ok "$1 shows $2 screen"; else
        bad "$1 shows $2 screen"; ls "$W/$1.shots"; fi
}
log_has() { # NAME text
    if grep -q -- "$2" "$W/$1.log"; then ok "$1 log: $2"; else bad "$1 log: $2" "$W/$1.log"; fi
}

"$B/mid-holder" video --start $T --fps $FPS --size 640x480 --seed 3 --out "$W/r001.y4m" \
    --cred $D/creds/R001.cred --key $D/devices/R001.pem --seconds 2 --blank-lead 1 \
    >/dev/null 2>"$W/holder.log" || bad "video" "$W/holder.log"

# 1. the clock (the frame clock) set back below the last-known-good time:
#    the CLOCK screen, nothing verified
conf back
echo $((T + 600)) > "$W/back.lkg"
kiosk back r001 $T
has_shot back clock
results_lack back "verdict="
if [ "$(cat "$W/back.lkg")" = $((T + 600)) ]; then ok "back: a clock below the floor is not stored"; else
    bad "back: a clock below the floor is not stored"; fi

# 2. an accepted code stores its time (a day after the last one: a step,
#    confirmed by the accepted code itself)
conf first
echo $((T - 86400)) > "$W/first.lkg"
kiosk first r001 $T
results_have first "verdict=valid"
lkg=$(cat "$W/first.lkg")
if [ "$lkg" -ge $T ] && [ "$lkg" -le $((T + 10)) ]; then ok "first: last-known-good = time of the accepted code ($lkg)"; else
    bad "first: last-known-good = time of the accepted code (got $lkg)"; fi

# 3. restart, clock set back to the same start (the code still within its
#    window): the same code never passes again (CLOCK below the stored time,
#    REPLAY 310 once the clock reaches it)
cp "$W/first.lkg" "$W/again.lkg"
conf again
kiosk again r001 $T
results_lack again "verdict=valid"
if grep -q "check=CLOCK error=304\|check=REPLAY error=310" "$W/again.results"; then
    ok "again: refused (CLOCK or REPLAY 310)"; else bad "again: refused (CLOCK or REPLAY 310)" "$W/again.results"; fi
#    and with the clock a little after the stored time: REPLAY 310
conf again2
cp "$W/first.lkg" "$W/again2.lkg"
kiosk again2 r001 "$lkg"
results_have again2 "check=REPLAY error=310"
results_lack again2 "verdict=valid"

# 4. the PIN hash file readable by others: refused, said so
conf pinmode
printf '583920\n' | "$B/mid-issue" pin-hash --out "$W/pinmode.pin" >/dev/null
chmod 0644 "$W/pinmode.pin"
kiosk pinmode r001 $T
log_has pinmode "pin file not private; status screen off"
has_shot pinmode notice

# 5. the old plain PIN: configuration error, safe defaults
conf plain "operator_pin = 583920"
kiosk plain r001 $T
log_has plain "operator_pin is no longer read"
log_has plain "running on safe defaults"

# 6. a bad drop-in: safe defaults plus the notice, naming the file
conf dropin
mkdir -p "$W/dropin.d"
echo "kiosk_id = SHOP-1" > "$W/dropin.d/10-site.conf"
echo "freshnes = 30" > "$W/dropin.d/20-typo.conf"
kiosk dropin r001 $T
log_has dropin "per-device configuration $W/dropin.d/20-typo.conf: line 1: unknown key; running on safe defaults"

rm -rf "$W"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
