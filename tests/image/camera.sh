# In-guest camera test (sourced by test-qemu-x86_64.sh after qemu-lib.sh).
#
# A virtual camera inside the guest: v4l2loopback, built here for the image's
# own kernel, fed by mid-holder ("camera" mode: the phone in front of the
# camera, presentations signed with the guest's clock) from a test disk
# labelled MIDTEST. The image's mid-test-disk.service runs the disk's run.sh
# (only with "mid.test" on the kernel command line). The kiosk in the image
# then reads /dev/video0 through its real V4L2 code, as on a device.
#
# The host drives it: sendkey picks the purpose on the kiosk's keyboard,
# "show" on the guest's second serial port brings the phone into view
# (SIGUSR1 to mid-holder), and the serial console carries the markers:
#   camera: code in view uptime=T0     (mid-holder, first frame with the code)
#   [T1] mid-kiosk[..]: mid-kiosk: verdict=valid ...   (the journal's stamp)
# T1 - T0 is the time from the camera frame to the verdict inside the guest.

# camera_disk WORKDIR KVER BIN_DIR: writes WORKDIR/midtest.img. Needs
# linux-headers-KVER (installed with apt-get when missing) and the
# v4l2loopback-dkms source package (apt-get download). Prints why on failure.
camera_disk() {
    cw=$1 kver=$2 bin=$3
    kdir=/usr/src/linux-headers-$kver
    if [ ! -d "$kdir" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "linux-headers-$kver" > "$cw/headers.log" 2>&1 ||
            { apt-get update -qq > /dev/null 2>&1 &&
              DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                  "linux-headers-$kver" >> "$cw/headers.log" 2>&1; } ||
            { echo "apt-get install linux-headers-$kver failed ($cw/headers.log)"; return 1; }
    fi
    rm -rf "$cw/v4l2loopback" "$cw/midtest"
    mkdir -p "$cw/v4l2loopback" "$cw/midtest"
    # the source only: installing v4l2loopback-dkms would build it for the host
    (cd "$cw/v4l2loopback" && apt-get download v4l2loopback-dkms) > "$cw/v4l2loopback.log" 2>&1 ||
        { echo "apt-get download v4l2loopback-dkms failed"; return 1; }
    dpkg-deb -x "$cw"/v4l2loopback/v4l2loopback-dkms_*.deb "$cw/v4l2loopback/x"
    src=$(ls -d "$cw"/v4l2loopback/x/usr/src/v4l2loopback-* | head -n 1)
    make -C "$kdir" M="$src" modules >> "$cw/v4l2loopback.log" 2>&1 ||
        { echo "v4l2loopback does not build for $kver ($cw/v4l2loopback.log)"; return 1; }
    cp "$src/v4l2loopback.ko" "$bin/mid-holder" "$cw/midtest/"
    # an invented adult resident of the demo world (assets/residents.tsv)
    cp assets/demo/creds/R001.cred "$cw/midtest/holder.cred"
    cp assets/demo/devices/R001.pem "$cw/midtest/holder.pem"
    cat > "$cw/midtest/run.sh" <<'EOF'
#!/bin/sh
# Runs in the guest as root (mid-test-disk.service) from the MIDTEST disk.
set -eu
T=$(cd "$(dirname "$0")" && pwd)
modprobe videodev
# exclusive_caps: a capture device only while a producer runs, like a camera
insmod "$T/v4l2loopback.ko" video_nr=0 exclusive_caps=1 card_label=mid-test-camera
i=0
while [ ! -c /dev/video0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo "MID-TEST: v4l2loopback /dev/video0 uptime=$(cut -d' ' -f1 /proc/uptime)"
# the host's commands arrive on the second serial port, one per line
stty -F /dev/ttyS1 115200 -echo icanon
(
    while read -r cmd; do
        case $cmd in
        show) kill -USR1 $$ ;;
        hide) kill -USR2 $$ ;;
        crash)
            # the kiosk crashes (SIGSEGV): where could a core have gone?
            start=$(date +%s)
            pid=$(systemctl show -p MainPID --value mid-kiosk.service)
            kill -SEGV "$pid" 2>/dev/null || true
            sleep 5
            cores=$(find / /var/lib/mid-kiosk /tmp /var/tmp /run -xdev \
                \( -name 'core' -o -name 'core.[0-9]*' -o -name '*.core' \) \
                -newermt "@$((start - 1))" 2>/dev/null | wc -l)
            dumps=$(ls /var/lib/systemd/coredump 2>/dev/null | wc -l)
            echo "MID-TEST: crashed pid=$pid core_pattern=$(cat /proc/sys/kernel/core_pattern)" \
                "suid_dumpable=$(cat /proc/sys/fs/suid_dumpable)" \
                "limit=$(systemctl show -p LimitCORE --value mid-kiosk.service)" \
                "cores=$cores coredumps=$dumps" ;;
        esac
    done < /dev/ttyS1
) &
exec "$T/mid-holder" camera --cred "$T/holder.cred" --key "$T/holder.pem" \
    --device /dev/video0 --size 640x480 --fps 15 --hidden
EOF
    mke2fs -q -F -t ext4 -O ^has_journal -L MIDTEST -d "$cw/midtest" "$cw/midtest.img" 32M ||
        { echo "mke2fs -d failed"; return 1; }
}

# screen_share FILE.ppm R G B: per mille of the pixels that have exactly this
# colour (the kiosk's flat UI colours survive QEMU's 32-bit screendump).
screen_share() {
    total=$(head -c 64 "$1" | tr -s ' \n' '  ' | awk '{ print $2 * $3 }')
    ppmhist -noheader "$1" 2>/dev/null |
        awk -v r="$2" -v g="$3" -v b="$4" -v t="$total" \
            '$1 == r && $2 == g && $3 == b { n = $5 } END { printf "%d", t ? n * 1000 / t : 0 }'
}

# screen_dump NAME: screendump to $Q_DIR/NAME.ppm (+ .png); waits for the file
screen_dump() {
    screen_grab "$Q_DIR/$1.ppm"
    pnmtopng "$Q_DIR/$1.ppm" > "$Q_DIR/$1.png" 2>/dev/null || true
}

# screen_change_wait OLD NEW TIMEOUT_S: screendumps to NEW every 2 s until it
# differs from OLD (both names under $Q_DIR, without .ppm).
screen_change_wait() {
    end=$(( $(date +%s) + $3 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        sleep 2
        screen_dump "$2"
        cmp -s "$Q_DIR/$1.ppm" "$Q_DIR/$2.ppm" || return 0
    done
    return 1
}

# camera_test TRIGGER_FIFO: runs against a guest booted with the MIDTEST disk
# and the second serial port on TRIGGER_FIFO (qemu's "pipe:" .in side), once
# the kiosk shows its first screen. Appends figures with fig().
camera_test() {
    trig=$1
    if t=$(qemu_wait 'camera: streaming 640x480' 120); then
        ok "camera: mid-holder streams into v4l2loopback in the guest ($t s)"
    else
        bad "camera: mid-holder did not start streaming in the guest"
        return
    fi
    # As a clerk does (flow 6): 1 selects the first purpose offered (the
    # adult check, already selected by default), Enter = 다음 to the request
    # screen, Enter = 다음 again to scanning. Mesa draws in software under
    # TCG and a frame can take seconds: wait for each screen to change.
    screen_dump screen-purpose
    qemu_mon "sendkey 1"
    sleep 2
    qemu_mon "sendkey ret"
    if screen_change_wait screen-purpose screen-request 90; then
        ok "camera: 1, Enter: the request screen"
    else
        bad "camera: 1, Enter did not leave the purpose screen"
    fi
    qemu_mon "sendkey ret"
    if screen_change_wait screen-request screen-scan 90; then
        ok "camera: Enter: the scan screen"
    else
        bad "camera: Enter did not leave the request screen"
    fi
    echo show > "$trig"
    if ! qemu_wait 'camera: code in view uptime=' 30 > /dev/null; then
        bad "camera: mid-holder did not bring the phone into view"
        return
    fi
    if tv=$(qemu_wait 'mid-kiosk: verdict=' 120); then
        ok "camera: the kiosk reached a verdict on the camera's frames ($tv s)"
    else
        bad "camera: no verdict within 120 s of the code coming into view"
        return
    fi
    log=$(tr -d '\r' < "$Q_SERIAL")
    line=$(echo "$log" | grep -m 1 'mid-kiosk: verdict=')
    echo "$line" | grep -q 'verdict=valid check=- .*purpose=adult' &&
        ok "camera: verdict valid, purpose adult" ||
        bad "camera: verdict line: $line"
    t0=$(echo "$log" | sed -n 's/.*camera: code in view uptime=\([0-9.]*\).*/\1/p' | tail -n 1)
    t1=$(echo "$line" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p')
    if [ -n "$t0" ] && [ -n "$t1" ]; then
        ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')
        fig "camera frame with the code -> verdict inside the guest (TCG, 15 fps): $ms ms"
        [ "$ms" -ge 0 ] && ok "camera: frame-to-verdict $ms ms" || bad "camera: verdict before the code ($ms ms)"
    else
        bad "camera: no stamps to measure frame-to-verdict (t0='$t0' t1='$t1')"
    fi
    # the result screen: the full-width valid band (C_GOOD, src/ui/layout.c)
    sleep 3
    screen_dump screen-result
    good=$(screen_share "$Q_DIR/screen-result.ppm" 30 158 74)
    badc=$(screen_share "$Q_DIR/screen-result.ppm" 211 47 47)
    if [ "$good" -ge 30 ] && [ "$badc" -lt 5 ]; then
        ok "camera: result screen shows the valid band (${good}/1000 of the screen)"
    else
        bad "camera: result screen: valid band ${good}/1000, invalid band ${badc}/1000 ($Q_DIR/screen-result.png)"
    fi
    crash_test "$trig"
}

# crash_test TRIGGER_FIFO: the kiosk is killed with SIGSEGV; no core file may
# appear anywhere (a core would hold frames and decoded names) and systemd
# must start it again.
crash_test() {
    ready0=$(tr -d '\r' < "$Q_SERIAL" | grep -c 'MID-KIOSK READY')
    echo crash > "$1"
    if ! qemu_wait 'MID-TEST: crashed pid=' 90 > /dev/null; then
        bad "crash: the guest did not report the crash"
        return
    fi
    line=$(tr -d '\r' < "$Q_SERIAL" | grep -m 1 'MID-TEST: crashed pid=')
    echo "$line" | grep -q 'core_pattern=|/bin/false suid_dumpable=0' &&
        ok "crash: core dumps are off system-wide (kernel.core_pattern, fs.suid_dumpable)" ||
        bad "crash: $line"
    echo "$line" | grep -q 'limit=0 ' && ok "crash: mid-kiosk.service has LimitCORE=0" ||
        bad "crash: LimitCORE: $line"
    echo "$line" | grep -q 'cores=0 coredumps=0' &&
        ok "crash: a crashing kiosk left no core file anywhere" || bad "crash: core files: $line"
    end=$(( $(date +%s) + 120 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        [ "$(tr -d '\r' < "$Q_SERIAL" | grep -c 'MID-KIOSK READY')" -gt "$ready0" ] && break
        sleep 2
    done
    [ "$(tr -d '\r' < "$Q_SERIAL" | grep -c 'MID-KIOSK READY')" -gt "$ready0" ] &&
        ok "crash: systemd started the kiosk again" || bad "crash: the kiosk did not come back"
}
