#!/bin/sh
# Fleet test of the sync agent (docs/sync.md): a real lighttpd on
# 127.0.0.1 serves signed bundles, a fault-injecting proxy of ours
# (tests/e2e/fleet_proxy.py) stands in front of it, and MID_FLEET_N (200)
# mid-sync processes, each with its own data directory, sync through it:
# server down at the start, reset, 404, 500, stall past the timeout,
# truncated body, flipped bit, foreign signer, older genuine bundle
# (rollback), over the size cap (with and without Content-Length), wrong
# Content-Length either way. Phase 2 publishes a newer revocation list;
# both phases kill agents at random moments (SIGKILL, and the write crash hook of
# debug builds halfway through an atomic write). Phase 3 runs over real
# HTTPS with a self-signed CA pinned. Prints the figures and
# "N passed, N failed".
set -u

BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
BIN=$BUILD/bin
REPO=$(pwd)
N=${MID_FLEET_N:-200}
# under ASan every agent needs ~27 MB instead of ~11: the sanitizer phase
# of make check runs a smaller fleet (the normal phase runs 200)
case $BUILD in *asan*) N=${MID_FLEET_N:-60}; echo "sanitizer build: $N agents" ;; esac
W=$(mktemp -d "${TMPDIR:-/tmp}/mid-fleet.XXXXXX")
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for f in "$W"/run/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
    wait 2>/dev/null
    [ -n "${MID_FLEET_KEEP:-}" ] && echo "kept $W" || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }
e() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

for t in mid-issue mid-sync; do
    [ -x "$BIN/$t" ] || { echo "missing $BIN/$t"; echo "0 passed, 1 failed"; exit 1; }
done
LIGHTTPD=$(command -v lighttpd || echo /usr/sbin/lighttpd)
if [ ! -x "$LIGHTTPD" ] || ! command -v python3 >/dev/null || ! command -v openssl >/dev/null; then
    echo "lighttpd, python3 and openssl are needed (tools/install-deps.sh)"
    echo "0 passed, 1 failed"
    exit 1
fi
ISSUE=$BIN/mid-issue
SYNC=$BIN/mid-sync
CAP=65536
T_START=$(date +%s)

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }

# ---- keys and bundles ----------------------------------------------------------
cd "$W" || exit 1
mkdir -p keys www old foreign run agents
"$ISSUE" keygen --out keys/root.pem --pub keys/root.pub.pem >/dev/null 2>&1
"$ISSUE" keygen --out keys/evil.pem --pub keys/evil.pub.pem >/dev/null 2>&1
"$ISSUE" keygen --out keys/issuer.pem --pub keys/issuer.pub.pem >/dev/null 2>&1
printf '0102030405060708\n' > ids1
printf '0102030405060708\n1112131415161718\n' > ids2
printf '0102030405060708\n1112131415161718\n2122232425262728\n' > ids3
mk_trust() { "$ISSUE" trust --root "$1" --issuer keys/issuer.pub.pem:resident,licence:2026-01-01:2029-01-01 --seq "$2" --out "$3" >/dev/null 2>&1; }
mk_rev() { "$ISSUE" revoke --root "$1" --ids "$2" --seq "$3" --out "$4" >/dev/null 2>&1; }
mk_trust keys/root.pem 1 old/trust.bundle
mk_rev keys/root.pem ids1 1 old/revocation.bundle
mk_trust keys/root.pem 2 www/trust.bundle
mk_rev keys/root.pem ids2 2 www/revocation.bundle
mk_rev keys/root.pem ids3 3 rev3.bundle
mk_trust keys/evil.pem 9 foreign/trust.bundle
mk_rev keys/evil.pem ids3 9 foreign/revocation.bundle
echo 1700000000 > build-time
e "bundles signed" '[ -s www/trust.bundle ] && [ -s rev3.bundle ] && [ -s foreign/revocation.bundle ]'

# ---- lighttpd (plain http and https), the proxy --------------------------------
HPORT=$(freeport)
SPORT=$(freeport)
PPORT=$(freeport)
cat > lighttpd.conf <<CONF
server.document-root = "$W/www"
server.bind = "127.0.0.1"
server.port = $HPORT
server.errorlog = "$W/run/lighttpd.err"
server.max-connections = 1024
mimetype.assign = ( "" => "application/octet-stream" )
\$SERVER["socket"] == "127.0.0.1:$SPORT" {
    ssl.engine = "enable"
    ssl.pemfile = "$W/tls/server.pem"
}
server.modules = ( "mod_openssl" )
CONF
mkdir -p tls
# a CA made here and a server certificate for 127.0.0.1 signed by it; a
# second CA the server never used, for the negative case
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=mid-fleet-test-CA -keyout tls/ca.key -out tls/ca.pem >/dev/null 2>&1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=other-CA -keyout tls/other.key -out tls/other.pem >/dev/null 2>&1
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -subj /CN=127.0.0.1 -keyout tls/server.key -out tls/server.csr >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1\n' > tls/ext.cnf
openssl x509 -req -in tls/server.csr -CA tls/ca.pem -CAkey tls/ca.key -CAcreateserial \
    -days 2 -extfile tls/ext.cnf -out tls/server.crt >/dev/null 2>&1
cat tls/server.crt tls/server.key > tls/server.pem
"$LIGHTTPD" -D -f lighttpd.conf 2>run/lighttpd.out &
LPID=$!
PIDS="$PIDS $LPID"
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $HPORT), 1)" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
done
e "lighttpd serves on 127.0.0.1:$HPORT (http) and :$SPORT (https)" 'kill -0 $LPID 2>/dev/null && [ $i -le 50 ]'

# ---- the agents ----------------------------------------------------------------
# agent_conf DIR URL [extra lines]
agent_setup() {
    d=$1
    mkdir -p "$d/data/sync"
    cp old/trust.bundle old/revocation.bundle "$d/data/"
    cat > "$d/kiosk.conf" <<K
root_key = $W/keys/root.pub.pem
trust_bundle = $d/data/trust.bundle
revocation_bundle = $d/data/revocation.bundle
build_time_file = $W/build-time
spool_dir = $d/data/spool
checklog_dir = $d/data/log
K
    cat > "$d/sync.conf" <<S
base_url = $2
kiosk_config = $d/kiosk.conf
interval = 600
jitter = 1
backoff_min = 1
backoff_max = 4
connect_timeout = 2
timeout = 4
low_speed_time = 2
max_bytes = $CAP
$3
S
}
n=0
while [ $n -lt "$N" ]; do
    agent_setup "$W/agents/$n" "http://127.0.0.1:$PPORT/a/$n/" "allow_http = yes"
    n=$((n + 1))
done

# run_agent ID PHASE: runs mid-sync --until-ok, restarting it when it was
# killed (by us: SIGKILL, or the crash hook's exit 77); records its end
run_agent() {
    id=$1; ph=$2; restarts=0
    crash=""
    # phase 2: one agent in 20 first dies halfway through an atomic write
    [ "$ph" = 2 ] && [ $((id % 20)) = 7 ] && crash=2
    while :; do
        if [ -n "$crash" ]; then
            MID_TEST_CRASH_AT=$crash "$SYNC" --config "agents/$id/sync.conf" --until-ok --now --deadline 90 \
                2>>"agents/$id/log" &
        else
            "$SYNC" --config "agents/$id/sync.conf" --until-ok --now --deadline 90 2>>"agents/$id/log" &
        fi
        echo $! > "run/$id.pid"
        wait $!
        rc=$?
        crash=""
        if [ $rc = 137 ] || [ $rc = 77 ]; then
            restarts=$((restarts + 1)); continue
        fi
        break
    done
    rm -f "run/$id.pid"
    echo "$id $rc $restarts $(now_ms)" >> "run/done.$ph"
}

start_fleet() { # PHASE
    : > "run/done.$1"
    n=0
    while [ $n -lt "$N" ]; do
        run_agent $n "$1" 2>/dev/null &
        n=$((n + 1))
    done
}

wait_fleet() { # PHASE BOUND_S
    t=0
    while [ "$(wc -l < "run/done.$1")" -lt "$N" ] && [ $t -lt $(($2 * 10)) ]; do
        sleep 0.1; t=$((t + 1))
    done
}

check_fleet() { # PHASE TRUST_SEQ REV_SEQ REV_FILE
    conv=0; bad=0; crashes=0; restarts=0
    while read -r id rc rs _; do
        restarts=$((restarts + rs))
        [ "$rc" = 0 ] || crashes=$((crashes + 1))
    done < "run/done.$1"
    n=0
    while [ $n -lt "$N" ]; do
        out=$("$SYNC" --config "agents/$n/sync.conf" --status 2>/dev/null)
        if printf '%s' "$out" | grep -q "installed_trust=ok seq=$2" &&
            printf '%s' "$out" | grep -q "installed_revocation=ok seq=$3" &&
            cmp -s "agents/$n/data/trust.bundle" www/trust.bundle &&
            cmp -s "agents/$n/data/revocation.bundle" "$4"; then
            conv=$((conv + 1))
        else
            bad=$((bad + 1))
            echo "   agent $n: $(printf '%s' "$out" | tr '\n' ' ')"
        fi
        n=$((n + 1))
    done
}

# killer PHASE: SIGKILL to a random running agent at random moments
# (0-40 ms apart) while the phase runs, at most 400 times; adds to $kills
kills=0
killer() {
    kph=$1
    rands=$(od -An -N1600 -tu2 /dev/urandom)
    for r in $rands; do
        [ "$(wc -l < "run/done.$kph")" -lt "$N" ] || break
        set -- run/*.pid
        if [ -f "$1" ]; then
            shift $((r % $#))
            p=
            read -r p < "$1" 2>/dev/null
            if [ -n "$p" ] && kill -9 "$p" 2>/dev/null; then kills=$((kills + 1)); fi
        fi
        sleep "0.0$((r % 5))"
    done
}

# Phase 1: the server is down when the fleet starts (nothing listens on
# the proxy's port for 2 s), then every fault once or twice per agent.
T1=$(now_ms)
start_fleet 1
sleep 2
python3 "$REPO/tests/e2e/fleet_proxy.py" "$PPORT" "$HPORT" "$W/foreign" "$W/old" "$CAP" &
PROXY=$!
PIDS="$PIDS $PROXY"
killer 1
wait_fleet 1 100
T1E=$(tail -n 1 run/done.1 | awk '{print $4}')
check_fleet 1 2 2 www/revocation.bundle
kills1=$kills
python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$PPORT/__stats').read().decode())" > run/stats1.json 2>/dev/null
e "phase 1: all $N agents finished" '[ "$(wc -l < run/done.1)" -eq "$N" ]'
e "phase 1: $conv of $N converged to trust 2 + revocation 2, byte-identical" '[ $conv -eq "$N" ]'
e "phase 1: zero crashes (every agent exited 0)" '[ $crashes -eq 0 ]'
down=$(grep -l "sync server unreachable(600)" agents/*/log 2>/dev/null | wc -l)
e "phase 1: the server was down for the first attempts ($down agents saw 600)" '[ $down -ge $((N / 2)) ]'
echo "   phase 1 proxy: $(cat run/stats1.json)"
# what the agents met, by reason code (from their logs)
reasons() {
    grep -ho '[a-z ]*([0-9][0-9][0-9])' agents/*/log 2>/dev/null | sed 's/^ *//' | sort | uniq -c |
        sort -rn | sed 's/^/   met: /'
}
reasons
P1_S=$(( (T1E - T1) / 1000 ))
echo "   phase 1: every agent converged within ${P1_S} s (server down 2 s, backoff 1..4 s, timeout 4 s)"

# Phase 2: a newer revocation list; the trust list is unchanged (304);
# the faults again, the rollback fault now serves an older genuine list;
# agents are killed at random moments and restarted.
cp rev3.bundle www/revocation.bundle.new && mv www/revocation.bundle.new www/revocation.bundle
python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PPORT/__phase/2').read()"
T2=$(now_ms)
start_fleet 2
killer 2
wait_fleet 2 100
T2E=$(tail -n 1 run/done.2 | awk '{print $4}')
check_fleet 2 2 3 rev3.bundle
python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$PPORT/__stats').read().decode())" > run/stats2.json 2>/dev/null
e "phase 2: all $N agents finished" '[ "$(wc -l < run/done.2)" -eq "$N" ]'
e "phase 2: $conv of $N converged to revocation 3 after $((kills - kills1)) kills in this phase and $restarts restarts; every installed file verifies" '[ $conv -eq "$N" ]'
e "phase 2: zero crashes" '[ $crashes -eq 0 ]'
e "agents were really killed, in both phases ($kills)" '[ $kills -ge $((N < 100 ? 3 : 20)) ]'
rb=$(grep -l "sync rollback refused(609)" agents/*/log 2>/dev/null | wc -l)
e "phase 2: rollback attempts refused ($rb agents)" '[ $rb -ge 1 ]'
echo "   reasons over both phases (agent rounds):"
reasons
echo "   phase 2 proxy: $(cat run/stats2.json)"
P2_S=$(( (T2E - T2) / 1000 ))
echo "   phase 2: every agent converged within ${P2_S} s"
# counters over both phases, from the agents' own status files
full=0; nm=0; inst=0; over=0
n=0
while [ $n -lt "$N" ]; do
    f=agents/$n/data/sync/status
    a=$(sed -n 's/^full_downloads = //p' "$f"); b=$(sed -n 's/^not_modified = //p' "$f")
    c=$(sed -n 's/^installs = //p' "$f")
    full=$((full + ${a:-0})); nm=$((nm + ${b:-0})); inst=$((inst + ${c:-0}))
    [ "${c:-0}" -le 3 ] || over=$((over + 1))
    n=$((n + 1))
done
e "zero bad installs: no agent installed more than the 3 genuine updates, all files genuine" '[ $over -eq 0 ]'
torn=0
for f in agents/*/data/trust.bundle agents/*/data/revocation.bundle; do
    cmp -s "$f" www/trust.bundle || cmp -s "$f" rev3.bundle || torn=$((torn + 1))
done
e "no torn file: every installed file is byte-identical to a published one" '[ $torn -eq 0 ]'
p304=$(python3 -c "import json; print(json.load(open('run/stats2.json'))['status'].get('304', 0))" 2>/dev/null || echo 0)
e "phase 2: the unchanged trust list cost 304s ($p304 at the proxy)" '[ "$p304" -ge $((N / 2)) ]'
leftover=$(ls agents/*/data/*.tmp.* 2>/dev/null | wc -l)
echo "   FIGURES: agents=$N (agents' own counters) full_downloads=$full not_modified_304=$nm installs=$inst; kills=$kills (phase 1: $kills1)"
echo "   FIGURES: converge phase1=${P1_S}s phase2=${P2_S}s; temp files left by killed writers (never the installed file): $leftover"

# Phase 3: real HTTPS, the CA pinned
for j in 0 1 2 3; do
    agent_setup "$W/tls-agents/$j" "https://127.0.0.1:$SPORT/" "ca_file = $W/tls/ca.pem"
done
agent_setup "$W/tls-agents/wrongca" "https://127.0.0.1:$SPORT/" "ca_file = $W/tls/other.pem"
agent_setup "$W/tls-agents/plain" "http://127.0.0.1:$HPORT/" ""
for j in 0 1 2 3; do
    "$SYNC" --config "tls-agents/$j/sync.conf" --until-ok --now --deadline 30 2>>"tls-agents/$j/log" &
done
wait $! 2>/dev/null
sleep 1
tl=0
for j in 0 1 2 3; do
    out=$("$SYNC" --config "tls-agents/$j/sync.conf" --status 2>/dev/null)
    printf '%s' "$out" | grep -q "installed_revocation=ok seq=3" && tl=$((tl + 1))
done
e "https: 4 agents with the pinned CA converged" '[ $tl -eq 4 ]'
"$SYNC" --config tls-agents/wrongca/sync.conf --once --now 2>tls-agents/wrongca/log
rc=$?
e "https: a server certificate from another CA is refused (605), nothing installed" \
    '[ $rc = 1 ] && grep -q "(605)" tls-agents/wrongca/log && cmp -s tls-agents/wrongca/data/revocation.bundle old/revocation.bundle'
"$SYNC" --config tls-agents/plain/sync.conf --once --now 2>tls-agents/plain/log
rc=$?
e "plain http without allow_http is a configuration error" '[ $rc = 2 ] && grep -q "allow_http" tls-agents/plain/log'
"$SYNC" --config tls-agents/0/sync.conf --once --now 2>tls-agents/0/log2
e "https: the next round is two 304s" 'grep -q "round ok trust=304 revocation=304" tls-agents/0/log2'

# Phase 4: a running kiosk takes up what mid-sync installed (it looks at
# its files every 5 s), without a restart
{
    printf 'YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n'
    i=0
    while [ $i -lt 10 ]; do
        printf 'FRAME\n'
        head -c 460800 /dev/zero | tr '\0' '\200'
        i=$((i + 1))
    done
} > blank.y4m
K=$W/tls-agents/1
: > run/kiosk.log
if [ -x "$BIN/mid-kiosk" ]; then
    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout 60 "$BIN/mid-kiosk" --video blank.y4m --loop \
        --headless --purpose adult --config /dev/null --root keys/root.pub.pem \
        --trust "$K/data/trust.bundle" --revocation "$K/data/revocation.bundle" \
        --build-time build-time --fps 10 >/dev/null 2>run/kiosk.log &
    KPID=$!
    PIDS="$PIDS $KPID"
    i=0
    until grep -q "MID-KIOSK READY" run/kiosk.log || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
    sleep 1
    printf '0102030405060708\n3132333435363738\n' > ids4
    mk_rev keys/root.pem ids4 4 www/revocation.bundle.new && mv www/revocation.bundle.new www/revocation.bundle
    "$SYNC" --config "$K/sync.conf" --once --now 2>>"$K/log"
    i=0
    until grep -q "reloaded: trust seq=2 revocation seq=4" run/kiosk.log || [ $i -gt 150 ]; do
        sleep 0.1; i=$((i + 1))
    done
    e "a running kiosk reloads the list mid-sync installed (within $((i / 10)) s), no restart" \
        'grep -q "reloaded: trust seq=2 revocation seq=4" run/kiosk.log && kill -0 $KPID'
    kill "$KPID" 2>/dev/null
    wait "$KPID" 2>/dev/null
else
    nok "mid-kiosk not built"
fi

T_END=$(date +%s)
echo "   whole fleet test: $((T_END - T_START)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
