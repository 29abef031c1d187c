#!/bin/sh
# mid-kiosk firmware image driver, after Buildroot's conventions:
#   mmdebstrap (Debian bookworm, minbase)  -> out/<board>/rootfs
#   make install DESTDIR=out/<board>/rootfs (the kiosk, cross-built for arm64)
#   rootfs-overlay/ and board/<board>/rootfs-overlay/ copied over it
#   board/common/post-build.sh, then board/<board>/post-build.sh
#   genimage with board/<board>/genimage.cfg.in -> out/<board>/images/disk.img
#   board/<board>/post-image.sh (bootloader bits, bmap)
#
# Usage: tools/mkimage.sh BOARD            (as root; see docs/firmware.md)
#        tools/mkimage.sh --sysroot arm64  (only the cross sysroot)
# Environment:
#   MID_OUT=DIR          output root (default <repo>/out)
#   MID_REBUILD=1        re-run mmdebstrap even when the cached base matches
#   MID_REQUIRE_APP=1    fail when the kiosk cannot be built (default: fail
#                        only when src/app/main.c exists and does not build)
#   MID_VARIANT=release  Makefile VARIANT for the kiosk (release|debug)
#   MID_SKIP_APP=1       build the image without the kiosk (recorded in the
#                        build report and /etc/mid-kiosk/image-info)
#   MID_PROVISION_DIR=D  customer files baked into the image: root.pub.pem,
#                        kiosk.conf (-> /etc/mid-kiosk), trust.bundle,
#                        revocation.bundle, operator-pin, kiosk.conf.d/*.conf
#                        (-> data partition). Without it the
#                        image carries the DEMO trust data of assets/demo.
#   MID_PRODUCTION=1     refuse demo trust data (needs MID_PROVISION_DIR)
#   MID_DISPLAY=kmsdrm   kmsdrm (Mesa EGL/GLES2, what the UI uses) | fbdev (no
#                        Mesa; needs a framebuffer output in the app)
#   MID_COMPRESS=xz      also write disk.img.xz (Raspberry Pi Imager takes it)
#   MID_MIRROR, MID_SECURITY_MIRROR   Debian mirrors
#   SOURCE_DATE_EPOCH    build time recorded in /etc/mid-kiosk/build-time
set -eu

TOP=$(cd "$(dirname "$0")/.." && pwd)
OUTROOT=${MID_OUT:-$TOP/out}
MIRROR=${MID_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${MID_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=bookworm
VARIANT=${MID_VARIANT:-release}
T0=$(date +%s)
# the image's build time: its clock floor, and the issue time of the demo
# revocation list
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$T0}"

log() { echo "mkimage [$(( $(date +%s) - T0 ))s]: $*"; }
die() { echo "mkimage: ERROR: $*" >&2; exit 1; }
warn() {
    echo "mkimage: WARNING: $*" >&2
    echo "WARNING: $*" >> "$REPORT"
}

[ "$(id -u)" = 0 ] || die "run as root (mmdebstrap --mode=root, device nodes, ownership)"
for t in mmdebstrap genimage mke2fs mkfs.vfat mcopy modprobe depmod cpio gzip; do
    command -v "$t" >/dev/null 2>&1 || die "$t not found: run 'make image-deps' (board/image.mk)"
done

# Foreign-architecture maintainer scripts run through qemu-user. binfmt_misc is
# not mounted on these machines by default; mount it and register qemu-aarch64
# (the F flag opens the interpreter now, so it also works inside the chroot).
ensure_binfmt_arm64() {
    [ "$(dpkg --print-architecture)" = arm64 ] && return 0
    [ -e /proc/sys/fs/binfmt_misc/register ] ||
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
        die "cannot mount binfmt_misc (needed to configure the arm64 root file system)"
    if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
        [ -f /usr/lib/binfmt.d/qemu-aarch64.conf ] || die "qemu-user-static is not installed"
        cat /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register
    fi
    grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64 binfmt is disabled"
}

# rm -rf of a tree that a killed mmdebstrap left with /proc, /sys or /dev
# mounted inside would reach into the host: unmount first, deepest first.
safe_rmtree() {
    [ -e "$1" ] || return 0
    findmnt -rn -o TARGET | grep -F "$(realpath "$1")/" | sort -r | while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done
    rm -rf --one-file-system "$1"
}

# Sources for mmdebstrap, one argument per line.
sources() {
    echo "deb $MIRROR $SUITE $1"
    echo "deb $MIRROR $SUITE-updates $1"
    echo "deb $SECURITY_MIRROR $SUITE-security $1"
}

# The arm64 sysroot the kiosk is cross-compiled against: only unpacked
# (variant extract: no maintainer scripts, no emulation). libzbar-dev cannot be
# installed for two architectures on the build host, hence a separate tree.
SYSROOT_PKGS="libc6-dev libzbar-dev libzxing-dev libmbedtls-dev libsdl2-dev libsdl2-ttf-dev libv4l-dev libqrencode-dev libpng-dev libcmocka-dev libcurl4-openssl-dev libjansson-dev"
build_sysroot() {
    arch=$1
    dir=$OUTROOT/sysroot-$arch
    key=$(echo "$arch $SUITE $MIRROR $SYSROOT_PKGS v1" | sha256sum | cut -c1-16)
    if [ -f "$dir/.mid-sysroot-$key" ] && [ "${MID_REBUILD:-0}" != 1 ]; then
        log "sysroot-$arch is up to date"
        return 0
    fi
    safe_rmtree "$dir"
    log "mmdebstrap sysroot-$arch ($SYSROOT_PKGS)"
    s=$(date +%s)
    # shellcheck disable=SC2046
    mmdebstrap --mode=root --variant=extract --architectures="$arch" --quiet \
        --aptopt='Apt::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --include="$(echo "$SYSROOT_PKGS" | tr ' ' ',')" \
        "$SUITE" "$dir" "$(sources main | sed -n 1p)" "$(sources main | sed -n 3p)"
    # absolute symlinks (lib.so -> /lib/...) must resolve inside the sysroot
    find "$dir" -type l -lname '/*' | while read -r l; do
        tgt=$(readlink "$l")
        rel=$(realpath -m --relative-to="$(dirname "$l")" "$dir$tgt")
        ln -sfn "$rel" "$l"
    done
    touch "$dir/.mid-sysroot-$key"
    log "sysroot-$arch done in $(( $(date +%s) - s ))s, $(du -sm "$dir" | cut -f1) MB"
}

if [ "${1:-}" = --sysroot ]; then
    [ -n "${2:-}" ] || die "usage: $0 --sysroot ARCH"
    mkdir -p "$OUTROOT"
    REPORT=/dev/null
    build_sysroot "$2"
    exit 0
fi

BOARD=${1:-}
[ -n "$BOARD" ] || die "usage: $0 BOARD   (boards: $(cd "$TOP/board" && ls -d */ | grep -v common | tr -d / | tr '\n' ' '))"
BOARD_DIR=$TOP/board/$BOARD
COMMON_DIR=$TOP/board/common
[ -f "$BOARD_DIR/board.conf" ] || die "unknown board $BOARD (no $BOARD_DIR/board.conf)"
# shellcheck disable=SC1090,SC1091
. "$BOARD_DIR/board.conf"
OUT=$OUTROOT/$BOARD
BASE=$OUT/rootfs-base
ROOTFS=$OUT/rootfs
BINARIES_DIR=$OUT/images
mkdir -p "$OUT"
rm -rf "$BINARIES_DIR"
mkdir -p "$BINARIES_DIR"
REPORT=$BINARIES_DIR/build-report.txt
: > "$REPORT"
report() { echo "$*" >> "$REPORT"; }
report "board: $BOARD ($ARCH), display: $DISPLAY_BACKEND, variant: $VARIANT"

[ "$ARCH" = "$(dpkg --print-architecture)" ] || ensure_binfmt_arm64

# ---- 1. root file system from Debian packages ------------------------------
PKGS=$(sed -e 's/#.*//' "$COMMON_DIR/packages" | tr -s ' \n' ' ')
[ "$DISPLAY_BACKEND" = kmsdrm ] && PKGS="$PKGS $(sed -e 's/#.*//' "$COMMON_DIR/packages-mesa" | tr -s ' \n' ' ')"
PKGS="$PKGS $BOARD_PACKAGES"
PKGS=$(echo "$PKGS" | tr -s ' ' '\n' | sed '/^$/d' | LC_ALL=C sort -u | tr '\n' ' ')
# dpkg path filters: no docs, man pages, translations; of fonts-nanum only
# NanumGothic regular and bold (9 MB instead of 33 MB).
set -- \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --dpkgopt='path-exclude=/usr/share/bug/*' \
    --dpkgopt='path-exclude=/usr/share/fonts/truetype/nanum/*' \
    --dpkgopt='path-include=/usr/share/fonts/truetype/nanum/NanumGothic.ttf' \
    --dpkgopt='path-include=/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf'
KEY=$(printf '%s\n' "$ARCH" "$SUITE" "$MIRROR" "$DEB_COMPONENTS" "$PKGS" "$*" "v5" | sha256sum | cut -c1-16)
if [ -f "$BASE/.mid-base-$KEY" ] && [ "${MID_REBUILD:-0}" != 1 ]; then
    log "rootfs-base is up to date ($KEY)"
    report "mmdebstrap: cached"
else
    safe_rmtree "$BASE"
    log "mmdebstrap $SUITE $ARCH: $PKGS"
    s=$(date +%s)
    # merged /usr set up by mmdebstrap's hook (symlinks + usr-is-merged), not by
    # the usrmerge package, which would pull in perl (50 MB)
    mmdebstrap --mode=root --variant=minbase --architectures="$ARCH" --quiet \
        --aptopt='Apt::Install-Recommends "false"' \
        --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
        "$@" \
        --include="$(echo "$PKGS" | tr ' ' ',' | sed 's/,$//')" \
        "$SUITE" "$BASE" \
        "$(sources "$DEB_COMPONENTS" | sed -n 1p)" \
        "$(sources "$DEB_COMPONENTS" | sed -n 2p)" \
        "$(sources "$DEB_COMPONENTS" | sed -n 3p)"
    touch "$BASE/.mid-base-$KEY"
    t=$(( $(date +%s) - s ))
    log "mmdebstrap done in ${t}s"
    report "mmdebstrap: ${t}s"
fi
report "rootfs-base: $(du -sm --exclude=proc --exclude=sys "$BASE" | cut -f1) MB"
safe_rmtree "$ROOTFS"
cp -a "$BASE" "$ROOTFS"
rm -f "$ROOTFS"/.mid-base-*

# ---- 2. the kiosk ------------------------------------------------------------
APP_BUILD=$OUT/build
MAKE_ARGS="BUILD=$APP_BUILD VARIANT=$VARIANT"
if [ -n "$CROSS_COMPILE" ]; then
    command -v "${CROSS_COMPILE}gcc" >/dev/null || die "${CROSS_COMPILE}gcc not found: run 'make image-deps'"
    build_sysroot "$ARCH"
    MAKE_ARGS="$MAKE_ARGS CROSS_COMPILE=$CROSS_COMPILE SYSROOT=$OUTROOT/sysroot-$ARCH"
fi
APP=missing
if [ "${MID_SKIP_APP:-0}" = 1 ]; then
    [ "${MID_REQUIRE_APP:-0}" != 1 ] || die "MID_SKIP_APP=1 and MID_REQUIRE_APP=1"
    warn "MID_SKIP_APP=1: the image has NO /usr/bin/mid-kiosk"
    APP=skipped
elif [ -f "$TOP/src/app/main.c" ]; then
    log "make install DESTDIR=$ROOTFS ($MAKE_ARGS)"
    # shellcheck disable=SC2086
    make -C "$TOP" -j"$(nproc)" $MAKE_ARGS install DESTDIR="$ROOTFS" PREFIX=/usr ||
        die "the kiosk does not build/install (make $MAKE_ARGS install)"
    [ -x "$ROOTFS/usr/bin/mid-kiosk" ] || die "make install left no /usr/bin/mid-kiosk"
    APP=installed
elif [ "${MID_REQUIRE_APP:-0}" = 1 ]; then
    die "src/app/main.c does not exist and MID_REQUIRE_APP=1"
else
    warn "src/app/main.c does not exist yet: the image has NO /usr/bin/mid-kiosk (the boot test proves boot-to-userspace only); set MID_REQUIRE_APP=1 to make this an error"
    # what exists still has to compile: build the libraries' objects we have
    if ls "$TOP"/src/*/*.c >/dev/null 2>&1; then
        log "building the existing sources (no kiosk binary yet)"
        # shellcheck disable=SC2086
        make -C "$TOP" -j"$(nproc)" $MAKE_ARGS -k \
            "$APP_BUILD/libmid_core.a" "$APP_BUILD/libmid_adapters.a" ||
            warn "existing sources did not all build for $ARCH"
    fi
fi
report "app: $APP"

# ---- 2b. trust data and customer provisioning -------------------------------------
# Without MID_PROVISION_DIR the image carries the DEMO trust data of
# assets/demo/ (public demo keys: anyone can forge credentials it accepts).
# MID_PRODUCTION=1 refuses that: a customer's root key must be given.
install -d -m 0755 "$ROOTFS/etc/mid-kiosk"
install -d -m 0750 "$ROOTFS/var/lib/mid-kiosk"
place() { # src-dir: only these public files, never a private key
    # a plain PIN is refused by the kiosk (defaults + notice): refuse it here
    if [ -f "$1/kiosk.conf" ] && grep -Eq '^[[:space:]]*operator_pin[[:space:]]*=' "$1/kiosk.conf"; then
        die "$1/kiosk.conf has operator_pin: write the PIN's hash with 'mid-issue pin-hash --out $1/operator-pin' and delete the line (docs/operator.md)"
    fi
    for f in root.pub.pem kiosk.conf; do
        [ ! -f "$1/$f" ] || install -m 0644 "$1/$f" "$ROOTFS/etc/mid-kiosk/$f"
    done
    for f in trust.bundle revocation.bundle; do
        [ ! -f "$1/$f" ] || install -m 0640 "$1/$f" "$ROOTFS/var/lib/mid-kiosk/$f"
    done
    # per-device settings on the data partition (docs/configuration.md):
    # the operator PIN's hash (mid-issue pin-hash) and kiosk.conf.d drop-ins
    [ ! -f "$1/operator-pin" ] || install -m 0600 "$1/operator-pin" "$ROOTFS/var/lib/mid-kiosk/operator-pin"
    if [ -d "$1/kiosk.conf.d" ]; then
        install -d -m 0750 "$ROOTFS/var/lib/mid-kiosk/kiosk.conf.d"
        for f in "$1"/kiosk.conf.d/*.conf; do
            [ ! -f "$f" ] || install -m 0640 "$f" "$ROOTFS/var/lib/mid-kiosk/kiosk.conf.d/"
        done
    fi
}
TRUST=none
if [ -n "${MID_PROVISION_DIR:-}" ]; then
    [ -d "$MID_PROVISION_DIR" ] || die "MID_PROVISION_DIR=$MID_PROVISION_DIR is not a directory"
    [ -f "$MID_PROVISION_DIR/root.pub.pem" ] || die "MID_PROVISION_DIR has no root.pub.pem"
    if [ -f "$TOP/assets/demo/root.pub.pem" ] && cmp -s "$MID_PROVISION_DIR/root.pub.pem" "$TOP/assets/demo/root.pub.pem"; then
        [ "${MID_PRODUCTION:-0}" != 1 ] || die "MID_PROVISION_DIR/root.pub.pem is the public DEMO root key"
        TRUST=demo
    else
        TRUST=provisioned
    fi
    place "$MID_PROVISION_DIR"
    report "provisioned from: $MID_PROVISION_DIR ($(ls "$MID_PROVISION_DIR" | tr '\n' ' '))"
elif [ "${MID_PRODUCTION:-0}" = 1 ]; then
    die "MID_PRODUCTION=1 needs MID_PROVISION_DIR (root.pub.pem, trust.bundle, revocation.bundle, kiosk.conf)"
elif [ -d "$TOP/assets/demo" ]; then
    place "$TOP/assets/demo"
    # The committed demo revocation list is as old as the demo keys, and the
    # kiosk rightly warns about its age: issue one at build time instead, as
    # the (demo) issuer would publish it every day. Signed by the image
    # build's own mid-issue when it is native, else by a host build (a cross
    # build's is an arm64 binary).
    issue=$APP_BUILD/bin/mid-issue
    if [ -n "$CROSS_COMPILE" ] || [ ! -x "$issue" ]; then
        issue=$OUTROOT/host-tools/bin/mid-issue
        make -C "$TOP" -s BUILD="$OUTROOT/host-tools" "$issue" > /dev/null ||
            die "cannot build a host mid-issue for the demo revocation list"
    fi
    "$issue" revoke --root "$TOP/assets/demo/root.pem" --records "$TOP/assets/residents.tsv" \
        --seq 2 --issued "$SOURCE_DATE_EPOCH" --out "$ROOTFS/var/lib/mid-kiosk/revocation.bundle" > /dev/null ||
        die "mid-issue revoke failed"
    chmod 0640 "$ROOTFS/var/lib/mid-kiosk/revocation.bundle"
    TRUST=demo
    warn "DEMO trust data (assets/demo): a kiosk with this image accepts credentials anyone can forge; use MID_PROVISION_DIR for real devices"
fi
for f in etc/mid-kiosk/root.pub.pem var/lib/mid-kiosk/trust.bundle var/lib/mid-kiosk/revocation.bundle; do
    [ -f "$ROOTFS/$f" ] || warn "no /$f in the image (assets/demo or MID_PROVISION_DIR)"
done
report "trust: $TRUST"

# ---- 3. overlay --------------------------------------------------------------
log "rootfs-overlay"
cp -a "$TOP/rootfs-overlay/." "$ROOTFS/"
[ ! -d "$BOARD_DIR/rootfs-overlay" ] || cp -a "$BOARD_DIR/rootfs-overlay/." "$ROOTFS/"

# ---- 4. post-build -------------------------------------------------------------
# modules every image must keep (display, camera, input, storage, sound)
REQUIRED_MODULES="drm drm_kms_helper uvcvideo videodev vivid evdev hid_generic usbhid usb_storage ext4 vfat nls_cp437 nls_iso8859_1 snd_usb_audio ${REQUIRED_MODULES:-}"
export TOP BOARD BOARD_DIR COMMON_DIR BINARIES_DIR ARCH CMDLINE INITRAMFS_MODULES REQUIRED_MODULES \
    DISPLAY_BACKEND REPORT APP VARIANT TRUST
log "post-build"
sh "$COMMON_DIR/post-build.sh" "$ROOTFS"
[ ! -f "$BOARD_DIR/post-build.sh" ] || sh "$BOARD_DIR/post-build.sh" "$ROOTFS"

# ---- 5. genimage ---------------------------------------------------------------
# Root partition: the installed tree plus 10 % and 16 MiB, in MiB.
root_kb=$(cd "$ROOTFS" && du -sk --exclude=./boot --exclude=./var/lib/mid-kiosk . | cut -f1)
ROOT_SIZE=$(( (root_kb * 11 / 10) / 1024 + 16 ))M
sed -e "s/@BOOT_SIZE@/$BOOT_SIZE/g" -e "s/@ROOT_SIZE@/$ROOT_SIZE/g" -e "s/@DATA_SIZE@/$DATA_SIZE/g" \
    "$BOARD_DIR/genimage.cfg.in" > "$OUT/genimage.cfg"
log "genimage (boot $BOOT_SIZE, root $ROOT_SIZE, data $DATA_SIZE)"
rm -rf "$OUT/genimage-tmp"
s=$(date +%s)
genimage --config "$OUT/genimage.cfg" --rootpath "$ROOTFS" --tmppath "$OUT/genimage-tmp" \
    --inputpath "$BINARIES_DIR" --outputpath "$BINARIES_DIR" > "$OUT/genimage.log" 2>&1 ||
    { tail -30 "$OUT/genimage.log" >&2; die "genimage failed (log: $OUT/genimage.log)"; }
rm -rf "$OUT/genimage-tmp"
report "genimage: $(( $(date +%s) - s ))s"
[ ! -f "$BOARD_DIR/post-image.sh" ] || sh "$BOARD_DIR/post-image.sh" "$BINARIES_DIR"
if command -v bmaptool >/dev/null 2>&1; then
    bmaptool -q create -o "$BINARIES_DIR/disk.img.bmap" "$BINARIES_DIR/disk.img"
fi

# ---- 6. figures ------------------------------------------------------------------
mb() { echo "$(( ($(stat -c %s "$1") + 524287) / 1048576 )) MiB"; }
used() { echo "$(( ($(du -k "$1" | cut -f1) + 512) / 1024 )) MiB"; }
report "rootfs (installed tree): $(( root_kb / 1024 )) MiB"
for f in disk.img root.ext4 boot.vfat data.ext4; do
    [ -f "$BINARIES_DIR/$f" ] && report "$f: $(mb "$BINARIES_DIR/$f") (allocated $(used "$BINARIES_DIR/$f"))"
done
if [ "${MID_COMPRESS:-}" = xz ]; then
    s=$(date +%s)
    xz -T0 -6 -k -f "$BINARIES_DIR/disk.img"
    report "disk.img.xz: $(mb "$BINARIES_DIR/disk.img.xz") ($(( $(date +%s) - s ))s)"
fi
report "total: $(( $(date +%s) - T0 ))s"
log "done: $BINARIES_DIR/disk.img"
cat "$REPORT"
