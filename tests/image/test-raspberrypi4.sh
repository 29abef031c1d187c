#!/bin/sh
# Test of the raspberrypi4 firmware image (make image-test BOARD=raspberrypi4).
# There is no Raspberry Pi here and QEMU 7.2's raspi4b model does not exist,
# so:
#   1. static checks of the SD-card image: partitions, the Pi 4 boot firmware,
#      device trees, config.txt, cmdline.txt, kernel, initramfs, arm64 kiosk
#   2. the same kernel, initramfs and disk under qemu-system-aarch64 -M virt
#      (TCG): initramfs -> read-only root -> systemd -> the guest's MID-CHECK
#      lines -> "MID-KIOSK READY" when the kiosk is in the image -> screendump
#      (virtio-gpu)
#   3. the cross-built unit tests under qemu-user (qemu-aarch64-static -L
#      out/sysroot-arm64)
# Prints "N passed, N failed, N skipped".
# Usage: tests/image/test-raspberrypi4.sh [out/raspberrypi4]
# Env: MID_BOOT_TIMEOUT (s, default 480), MID_TEST_QEMU_USER=0 to skip part 3.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
# shellcheck source=qemu-lib.sh
. "$HERE/qemu-lib.sh"
D=${1:-out/raspberrypi4}
D=$(cd "$D" && pwd)
TMO=${MID_BOOT_TIMEOUT:-480}
SYSROOT=${MID_OUT:-$TOP/out}/sysroot-arm64
test_init "$D" raspberrypi4

# ---- 1. static checks ------------------------------------------------------------
disk=$IMG/disk.img
check_partitions "$disk"
files=$(mdir -a -b -i "$W/p1.img" :: 2>/dev/null | tr 'A-Z' 'a-z')
for f in start4.elf fixup4.dat bcm2711-rpi-4-b.dtb config.txt cmdline.txt vmlinuz initrd.img; do
    echo "$files" | grep -q "/$f\$" && ok "boot: $f" || bad "boot: no $f"
done
cfg=$(mtype -i "$W/p1.img" ::/config.txt 2>/dev/null | tr -d '\r')
for l in arm_64bit=1 kernel=vmlinuz "initramfs initrd.img followkernel"; do
    echo "$cfg" | grep -qx "$l" && ok "config.txt: $l" || bad "config.txt: no '$l'"
done
mtype -i "$W/p1.img" ::/cmdline.txt 2>/dev/null | grep -q 'root=LABEL=mid-root ro' && ok "cmdline.txt: read-only root by label" || bad "cmdline.txt"
# arm64 Image: "ARM\x64" magic at offset 56 (Debian ships it uncompressed)
mcopy -n -i "$W/p1.img" ::/vmlinuz "$W/vmlinuz" 2>/dev/null
if [ "$(od -An -c -j56 -N3 "$W/vmlinuz" 2>/dev/null | tr -d ' ')" = ARM ]; then ok "boot: vmlinuz is an arm64 Image"
else bad "boot: vmlinuz is not an arm64 Image"; fi
debugfs -R 'cat /etc/mid-kiosk/image-info' "$W/p2.img" 2>/dev/null > "$W/image-info"
APP=$(sed -n 's/^APP=//p' "$W/image-info")
grep -q '^ARCH=arm64$' "$W/image-info" && ok "root: arm64 image-info" || bad "root: image-info ARCH"
if [ "$APP" = installed ]; then
    debugfs -R 'dump /usr/bin/mid-kiosk '"$W/mid-kiosk" "$W/p2.img" 2>/dev/null
    # ELF e_machine at offset 18: 0xb7 = EM_AARCH64
    [ "$(od -An -tx1 -j18 -N1 "$W/mid-kiosk" 2>/dev/null | tr -d ' ')" = b7 ] && ok "root: /usr/bin/mid-kiosk is aarch64" || bad "root: mid-kiosk is not aarch64"
else
    skip "root: kiosk not in the image (APP=$APP)"
fi
fig "disk.img: $(( $(stat -c %s "$disk") / 1048576 )) MiB (boot $(( $(stat -c %s "$W/p1.img") / 1048576 )), root $(( $(stat -c %s "$W/p2.img") / 1048576 )), data $(( $(stat -c %s "$W/p3.img") / 1048576 )) MiB)"
rm -f "$W/p1.img" "$W/p2.img" "$W/p3.img" "$W/mid-kiosk"

# ---- 2. userspace under qemu-system-aarch64 -M virt --------------------------------
cp --sparse=always "$disk" "$W/disk.img"
CMD=$(sed 's/console=ttyS1,115200/console=ttyAMA0,115200/' "$IMG/cmdline.txt")
TESTARGS="mid.test systemd.journald.forward_to_console=1 modules-load=vivid vivid.n_devs=1 vivid.node_types=0x1 vivid.input_types=0x81"
qemu_start "$W" virt "$TMO" qemu-system-aarch64 -machine virt -cpu cortex-a72 -accel tcg -m 1024 -smp 2 \
    -display none -device virtio-gpu-pci -device virtio-rng-pci -nic none \
    -drive "file=$W/disk.img,if=none,id=d0,format=raw" -device virtio-blk-pci,drive=d0 \
    -kernel "$W/vmlinuz" -initrd "$IMG/initrd.img" -append "$CMD $TESTARGS"
boot_markers virt "arm64 virt" "$APP"
if t=$(qemu_wait 'MID-BOOT: userspace-ready' "$TMO"); then
    ok "virt: userspace ready ($t s)"
    fig "arm64 virt to userspace-ready (TCG): $t s"
else
    bad "virt: no userspace-ready marker within ${TMO}s"
fi
qemu_wait 'MID-BOOT: checks-done' 180 >/dev/null || bad "virt: the guest's checks did not finish"
check_markers
if [ "$APP" = installed ]; then
    if t=$(screen_wait "$W/screen-virt.ppm" 5 "${MID_SCREEN_TIMEOUT:-240}"); then
        ok "virt screen: the kiosk drew its first screen ($t s)"
        fig "arm64 virt to first kiosk screen (TCG): $t s"
    else
        bad "virt screen: nothing within ${MID_SCREEN_TIMEOUT:-240}s"
    fi
    if [ -s "$W/screen-virt.ppm" ]; then
        pnmtopng "$W/screen-virt.ppm" > "$W/screen-virt.png" 2>/dev/null || true
        fig "arm64 virt screen: $(screen_colours "$W/screen-virt.ppm") colours ($W/screen-virt.png)"
    fi
else
    skip "virt: kiosk not in the image (APP=$APP)"
fi
tr -d '\r' < "$Q_SERIAL" | grep -E 'mid-kiosk\[|MID-' | head -n 40 > "$W/virt.markers"
qemu_stop
rm -f "$W/disk.img"

# ---- 3. unit tests under qemu-user -------------------------------------------------
if [ "${MID_TEST_QEMU_USER:-1}" != 1 ]; then
    skip "qemu-user unit tests (MID_TEST_QEMU_USER=0)"
elif ! ls "$TOP"/tests/unit/test_*.c >/dev/null 2>&1; then
    skip "qemu-user: no unit tests in tests/unit yet"
else
    B=$D/build-tests
    if make -C "$TOP" -j"$(nproc)" BUILD="$B" CROSS_COMPILE=aarch64-linux-gnu- SYSROOT="$SYSROOT" \
        tests-build > "$W/cross-tests-build.log" 2>&1; then
        ok "qemu-user: unit tests cross-built for arm64"
        # Emulated like under valgrind: test_soak then runs fewer cycles and
        # does not judge VmRSS (qemu-user's translation cache is in it); no
        # test binary may run longer than 10 minutes.
        (cd "$TOP" && MID_SKIP_E2E=1 MID_VALGRIND=1 \
            MID_TEST_WRAP="timeout 600 qemu-aarch64-static -L $SYSROOT" \
            sh tests/run-tests.sh "$B") > "$W/qemu-user-tests.log" 2>&1
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$W/qemu-user-tests.log" | tail -n 1)
        p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
        f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
        fig "qemu-user unit tests (arm64): ${line:-no summary}"
        if [ -n "$p" ] && [ "${f:-1}" = 0 ] && [ "$p" -gt 0 ]; then ok "qemu-user: $line"
        else bad "qemu-user: ${line:-no summary} (see $W/qemu-user-tests.log)"; grep -E '^FAIL' "$W/qemu-user-tests.log" | head; fi
    else
        bad "qemu-user: cross build of the tests failed ($W/cross-tests-build.log)"
        tail -n 15 "$W/cross-tests-build.log"
    fi
fi
cat "$FIG"
summary
