#!/bin/sh
# The README's two commands on a machine that has never seen the project
# (make check's fresh-system phase; docs/testing.md).
#
# mmdebstrap makes a minimal Debian bookworm system with only what a freshly
# installed machine has plus what the README asks a user to bring (git,
# make, ca-certificates, sudo), from this machine's apt sources. A new user
# with sudo rights clones the project there and runs, as the README says:
#   make demo
#   make check        (with MID_SKIP_IMAGE=1 MID_SKIP_FRESH=1, see below)
# Nothing of the host's installed packages, build trees or caches is
# visible inside. The phase fails when either command fails.
#
# Inside, `make check` runs every phase but two: the firmware image phase
# (it needs loop devices, partition tables and QEMU, and the outer `make
# check` runs it on the same commit) and this phase itself. mmdebstrap's
# "null" format builds the system in a temporary directory, mounts /proc,
# /sys and /dev for the hooks, and removes all of it afterwards, so no
# mount is ever left behind.
#
# Needs root (mmdebstrap --mode=root), or sudo. Env: MID_FRESH_SUITE
# (bookworm), MID_FRESH_SOURCES (a deb822 .sources file; the host's by
# default), MID_FRESH_CHECK_ENV (extra variables for the inner make check).
set -eu
top=$(git -C "$(dirname "$0")/../.." rev-parse --show-toplevel)
suite=${MID_FRESH_SUITE:-bookworm}
sources=${MID_FRESH_SOURCES:-}
if [ -z "$sources" ]; then
    for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
        if [ -s "$f" ]; then sources=$f; break; fi
    done
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo"; else
        echo "fresh-system: needs root or password-less sudo (mmdebstrap --mode=root)"
        echo "0 passed, 1 failed"
        exit 1
    fi
fi
if ! command -v mmdebstrap >/dev/null 2>&1; then
    echo "fresh-system: installing mmdebstrap"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi

work=$(mktemp -d /tmp/mid-fresh.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
# a clean clone of what is committed, as a user would get from the server
git clone -q --no-local "$top" "$work/mid-kiosk"
git -C "$work/mid-kiosk" log -1 --format='fresh-system: commit %h %s'

# What runs inside, as the new user, in the clone's directory.
cat > "$work/inner.sh" <<'INNER'
#!/bin/sh
set -u
cd "$HOME/mid-kiosk"
t0=$(date +%s)
echo "--- fresh-system: make demo"
if make demo > "$HOME/demo.log" 2>&1; then demo=0; else demo=$?; fi
tail -n 15 "$HOME/demo.log"
t1=$(date +%s)
shots=$(find out/demo -name '*.png' 2>/dev/null | wc -l)
echo "fresh-system: make demo exit=$demo in $((t1 - t0)) s, $shots screenshots"
[ "$demo" = 0 ] && [ "$shots" -gt 0 ] || demo=1
echo "--- fresh-system: make check"
# shellcheck disable=SC2086
if env MID_SKIP_IMAGE=1 MID_SKIP_FRESH=1 ${MID_FRESH_CHECK_ENV:-} make check > "$HOME/check.log" 2>&1; then
    check=0; else check=$?; fi
grep -E '^(=== |  [a-z0-9+-]+: |FAIL |[0-9]+ passed, )' "$HOME/check.log" | tail -n 30
if [ "$check" != 0 ]; then
    echo "--- fresh-system: the last 60 lines of make check"
    tail -n 60 "$HOME/check.log"
fi
t2=$(date +%s)
echo "fresh-system: make check exit=$check in $((t2 - t1)) s"
echo "fresh-system: demo=$demo check=$check"
INNER

t0=$(date +%s)
log="$work/mmdebstrap.log"
rc=0
# shellcheck disable=SC2016
$SUDO env MID_FRESH_CHECK_ENV="${MID_FRESH_CHECK_ENV:-}" mmdebstrap --mode=root --variant=minbase \
    --include=git,make,ca-certificates,sudo \
    --aptopt='APT::Install-Recommends "false"' \
    --customize-hook='chroot "$1" useradd --create-home --shell /bin/bash newcomer' \
    --customize-hook='echo "newcomer ALL=(ALL) NOPASSWD:ALL" > "$1/etc/sudoers.d/newcomer"' \
    --customize-hook="cp -a '$work/mid-kiosk' \"\$1/home/newcomer/mid-kiosk\"" \
    --customize-hook="cp '$work/inner.sh' \"\$1/home/newcomer/inner.sh\"" \
    --customize-hook='chroot "$1" chown -R newcomer:newcomer /home/newcomer' \
    --customize-hook='chroot "$1" runuser -l newcomer -w MID_FRESH_CHECK_ENV -c "sh ./inner.sh"' \
    "$suite" /dev/null ${sources:+"$sources"} > "$log" 2>&1 || rc=$?
t1=$(date +%s)
grep -E '^(--- |fresh-system|=== |  [a-z0-9+-]+: |FAIL |[0-9]+ passed, )' "$log" || true
result=$(sed -n 's/^fresh-system: demo=\([0-9]*\) check=\([0-9]*\)$/\1 \2/p' "$log" | tail -n 1)
if [ -z "$result" ]; then
    echo "fresh-system: the fresh system did not run the commands (mmdebstrap exit $rc):"
    tail -n 40 "$log"
fi
echo "fresh-system: phase time $((t1 - t0)) s (mmdebstrap exit $rc)"
set -- $result
passed=0
failed=0
for v in "${1:-1}" "${2:-1}"; do
    if [ "$v" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
