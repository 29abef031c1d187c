# Shared helpers for the image boot tests (sourced, POSIX sh).
# A QEMU run: serial console to a file, the HMP monitor on a FIFO (no socat or
# nc needed), a hard timeout(1) on the process, and polling of the serial log
# for markers.

T_PASS=0
T_FAIL=0
T_SKIP=0
ok() { echo "ok   $*"; T_PASS=$((T_PASS + 1)); }
bad() { echo "FAIL $*"; T_FAIL=$((T_FAIL + 1)); }
skip() { echo "skip $*"; T_SKIP=$((T_SKIP + 1)); }
now_ms() { date +%s%3N; }

# test_init OUT_DIR BOARD: the common start of an image test. Sets IMG (the
# images), W (a fresh work dir) and FIG (the figures file); fails the test
# when there is no disk.img.
test_init() {
    rm -rf "$1/test"
    mkdir -p "$1/test"
    # absolute: kbuild (camera.sh) and QEMU's chardev paths need them
    W=$(cd "$1/test" && pwd)
    IMG=$(cd "$1" && pwd)/images
    FIG=$W/figures.txt
    : > "$FIG"
    if [ ! -f "$IMG/disk.img" ]; then
        bad "no $IMG/disk.img (make image BOARD=$2)"
        summary
        exit 1
    fi
}

fig() { echo "figure: $*"; echo "$*" >> "$FIG"; }

# check_partitions DISK: the layout every board shares (FAT boot, read-only
# root, data), each partition extracted to $W/pN.img for later checks.
check_partitions() {
    pt=$(sfdisk -d "$1" 2>/dev/null)
    n=$(echo "$pt" | grep -c ' : start=')
    [ "$n" = 3 ] && ok "disk: 3 partitions" || bad "disk: $n partitions, want 3"
    echo "$pt" | grep -q 'type=c' && ok "disk: partition 1 is FAT32 LBA" || bad "disk: partition 1 type"
    for p in 1 2 3; do extract_partition "$1" "$p" "$W/p$p.img"; done
    for want in "1 MIDBOOT vfat" "2 mid-root ext4" "3 mid-data ext4"; do
        set -- $want
        got="$(blkid -p -o value -s LABEL "$W/p$1.img") $(blkid -p -o value -s TYPE "$W/p$1.img")"
        [ "$got" = "$2 $3" ] && ok "partition $1: $2 ($3)" || bad "partition $1: '$got', want '$2 $3'"
    done
}

# qemu_start WORKDIR NAME TIMEOUT_S qemu-binary args...
# Starts QEMU in the background with -serial file:WORKDIR/NAME.serial (the
# guest's ttyS0) and the monitor on stdio fed from a FIFO (fd 3 stays open for
# qemu_mon). With Q_SERIAL2=PATH set, the guest's ttyS1 is QEMU's "pipe:PATH":
# lines written to PATH.in arrive on the guest's ttyS1.
qemu_start() {
    Q_DIR=$1 Q_NAME=$2 Q_TIMEOUT=$3
    shift 3
    Q_SERIAL=$Q_DIR/$Q_NAME.serial
    Q_MONIN=$Q_DIR/$Q_NAME.mon
    rm -f "$Q_SERIAL" "$Q_MONIN"
    : > "$Q_SERIAL"
    mkfifo "$Q_MONIN"
    set -- "$@" -serial "file:$Q_SERIAL"
    if [ -n "${Q_SERIAL2:-}" ]; then
        rm -f "$Q_SERIAL2.in" "$Q_SERIAL2.out"
        mkfifo "$Q_SERIAL2.in" "$Q_SERIAL2.out"
        set -- "$@" -serial "pipe:$Q_SERIAL2"
    fi
    echo "qemu: $*" > "$Q_DIR/$Q_NAME.cmd"
    timeout -k 5 "$Q_TIMEOUT" "$@" -monitor stdio -no-reboot \
        < "$Q_MONIN" > "$Q_DIR/$Q_NAME.monitor.log" 2>&1 &
    Q_PID=$!
    exec 3> "$Q_MONIN"
    Q_T0=$(now_ms)
}

# qemu_mon "command": one HMP command.
qemu_mon() { echo "$1" >&3; }

# secs_since T0_MS: "S.d", the seconds since a now_ms stamp
secs_since() {
    _ss_ms=$(( $(now_ms) - $1 ))
    echo "$((_ss_ms / 1000)).$(printf %03d $((_ss_ms % 1000)) | cut -c1)"
}

# wait_for TIMEOUT_S T0_MS command...: runs the command every 0.5 s until it
# succeeds and prints secs_since T0_MS. Returns 1 on timeout or when QEMU ended.
wait_for() {
    _wf_end=$(( $(date +%s) + $1 ))
    _wf_t0=$2
    shift 2
    while [ "$(date +%s)" -lt "$_wf_end" ]; do
        if "$@"; then
            secs_since "$_wf_t0"
            return 0
        fi
        kill -0 "$Q_PID" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}

# serial_match ERE: the serial log has a line matching it
serial_match() { tr -d '\r' < "$Q_SERIAL" | grep -Eq "$1"; }

# qemu_wait PATTERN TIMEOUT_S: waits until the serial log has a line matching
# the extended regular expression; prints the seconds since qemu_start.
qemu_wait() { wait_for "$2" "$Q_T0" serial_match "$1"; }

# qemu_stop: quit through the monitor, then make sure it is gone.
qemu_stop() {
    qemu_mon quit 2>/dev/null || true
    exec 3>&-
    i=0
    while kill -0 "$Q_PID" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
    kill "$Q_PID" 2>/dev/null || true
    wait "$Q_PID" 2>/dev/null || true
    rm -f "$Q_MONIN"
}

# serial_has PATTERN: the serial log matches (fixed string).
serial_has() { tr -d '\r' < "$Q_SERIAL" | grep -Fq "$1"; }

# screen_colours FILE.ppm: number of distinct colours (netpbm).
screen_colours() { ppmhist -noheader "$1" 2>/dev/null | wc -l; }

# screen_grab FILE.ppm: one screendump, waiting (up to 10 s) for the file
screen_grab() {
    rm -f "$1"
    qemu_mon "screendump $1"
    _sg_i=0
    while [ ! -s "$1" ] && [ $_sg_i -lt 20 ]; do sleep 0.5; _sg_i=$((_sg_i + 1)); done
    sleep 0.5
}

# screen_wait FILE.ppm EVERY_S TIMEOUT_S: screendumps every EVERY_S seconds
# until the screen has more than 4 colours; prints the seconds since
# qemu_start. The last dump stays in FILE.ppm.
screen_wait() {
    end=$(( $(date +%s) + $3 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        kill -0 "$Q_PID" 2>/dev/null || return 1
        screen_grab "$1"
        if [ "$(screen_colours "$1")" -gt 4 ]; then
            secs_since "$Q_T0"
            return 0
        fi
        sleep "$2"
    done
    return 1
}

# partition_offset IMAGE N: byte offset of partition N.
partition_offset() { echo $(( $(partx -g -o START -n "$2" "$1" | tr -d ' ') * 512 )); }
partition_size() { echo $(( $(partx -g -o SECTORS -n "$2" "$1" | tr -d ' ') * 512 )); }

# fs_used_mib EXT4-IMAGE: MiB in use
fs_used_mib() {
    dumpe2fs -h "$1" 2>/dev/null | awk -F: '
        /^Block count/ { n = $2 } /^Free blocks/ { f = $2 } /^Block size/ { b = $2 }
        END { printf "%d", (n - f) * b / 1048576 }'
}

# extract_partition IMAGE N OUT
extract_partition() {
    dd if="$1" of="$3" bs=1M iflag=skip_bytes,count_bytes skip="$(partition_offset "$1" "$2")" \
        count="$(partition_size "$1" "$2")" status=none
}

# kiosk_ready_uptime: the guest's uptime stamp on the forwarded journal line
kiosk_ready_uptime() {
    tr -d '\r' < "$Q_SERIAL" | sed -n 's/^\[ *\([0-9.]*\)\] mid-kiosk\[[0-9]*\]: MID-KIOSK READY.*/\1/p' | head -n 1
}

# boot_markers LABEL FIG_PREFIX APP: the first markers of a boot, in order:
# the initramfs's switch_root, then (with the kiosk installed) its READY=1,
# which comes before multi-user.target, hence before userspace-ready.
boot_markers() {
    if t=$(qemu_wait 'MID-BOOT: switch-root' "$TMO"); then
        ok "$1: initramfs found the root ($t s)"
        fig "$2 to switch_root: $t s"
    else
        bad "$1: no switch-root marker"
    fi
    [ "$3" = installed ] || return 0
    if t=$(qemu_wait 'MID-KIOSK READY' "$TMO"); then
        ok "$1: MID-KIOSK READY ($t s)"
        fig "$2 to MID-KIOSK READY (TCG): $t s (guest uptime $(kiosk_ready_uptime) s)"
    else
        bad "$1: no MID-KIOSK READY within ${TMO}s"
    fi
}

# check_markers: the MID-CHECK lines printed by boot-marker in the guest.
check_markers() {
    tr -d '\r' < "$Q_SERIAL" | sed -n 's/.*MID-CHECK: \([a-z0-9-]*\) \(ok\|FAIL\).*/\1 \2/p' > "$Q_DIR/checks.txt"
    [ -s "$Q_DIR/checks.txt" ] || { bad "no MID-CHECK lines on the console"; return; }
    while read -r name res; do
        if [ "$res" = ok ]; then ok "guest: $name"; else bad "guest: $name"; fi
    done < "$Q_DIR/checks.txt"
}

summary() {
    echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
    [ "$T_FAIL" -eq 0 ] && [ "$T_PASS" -gt 0 ]
}

# unit_scores: `systemd-analyze security --offline` of every service the
# image ships (the repository's rootfs-overlay is what the image installs),
# printed as figures so that a regression shows; mid-kiosk.service must stay
# at or below MID_KIOSK_MAX_EXPOSURE (2.0, issue 10).
unit_scores() {
    top=$(cd "$HERE/../.." && pwd)
    if ! command -v systemd-analyze > /dev/null 2>&1; then
        skip "unit scores: no systemd-analyze on this host"
        return
    fi
    for u in "$top"/rootfs-overlay/usr/lib/systemd/system/*.service; do
        name=$(basename "$u")
        case $name in *@.service) inst=${name%@.service}@x.service ;; *) inst=$name ;; esac
        score=$(systemd-analyze security --offline=yes --root="$top/rootfs-overlay" "$inst" 2>/dev/null |
            sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        fig "systemd-analyze security: $name ${score:-?}"
        if [ "$name" = mid-kiosk.service ]; then
            awk -v s="${score:-99}" -v m="${MID_KIOSK_MAX_EXPOSURE:-2.0}" 'BEGIN { exit !(s <= m) }' &&
                ok "mid-kiosk.service exposure $score <= ${MID_KIOSK_MAX_EXPOSURE:-2.0}" ||
                bad "mid-kiosk.service exposure ${score:-?} > ${MID_KIOSK_MAX_EXPOSURE:-2.0}"
        fi
    done
}
