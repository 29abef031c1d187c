# Firmware images (included from the top-level Makefile: `include board/image.mk`).
#   make image BOARD=qemu-x86_64        out/qemu-x86_64/images/disk.img (+ .bmap)
#   make image BOARD=raspberrypi4       out/raspberrypi4/images/disk.img
#   make image-test BOARD=qemu-x86_64   build, then boot it under QEMU (TCG) and
#                                       check the boot markers and the screen
#   make image-test BOARD=raspberrypi4  build, then start its userspace under
#                                       qemu-system-aarch64 -M virt and run the
#                                       cross-built unit tests under qemu-user
#   make image-deps                     the Debian packages all of this needs
#   make sysroot-arm64                  out/sysroot-arm64 (cross builds)
# All of it runs as root (mmdebstrap --mode=root, device ownership in images).
# Knobs: MID_DISPLAY=fbdev|kmsdrm, MID_REQUIRE_APP=1, MID_REBUILD=1,
# MID_VARIANT=release|debug, MID_COMPRESS=xz (see tools/mkimage.sh).

BOARD ?= qemu-x86_64
IMAGE_OUT ?= out

IMAGE_DEPS := mmdebstrap genimage dosfstools e2fsprogs mtools fdisk syslinux \
    syslinux-common busybox-static kmod cpio gzip xz-utils bmap-tools \
    qemu-system-x86 qemu-system-arm qemu-user-static qemu-utils arch-test \
    gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross binutils \
    netpbm ca-certificates

.PHONY: image image-test image-deps sysroot-arm64 image-clean
image-deps:
	@missing=""; for p in $(IMAGE_DEPS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "image-deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# deps-ok (top-level Makefile): the host libraries the kiosk builds against
image: image-deps deps-ok
	MID_OUT=$(CURDIR)/$(IMAGE_OUT) sh tools/mkimage.sh $(BOARD)

image-test: image
	MID_OUT=$(CURDIR)/$(IMAGE_OUT) sh tests/image/test-$(BOARD).sh $(IMAGE_OUT)/$(BOARD)

sysroot-arm64: image-deps
	MID_OUT=$(CURDIR)/$(IMAGE_OUT) sh tools/mkimage.sh --sysroot arm64

image-clean:
	rm -rf $(IMAGE_OUT)/qemu-x86_64 $(IMAGE_OUT)/raspberrypi4 $(IMAGE_OUT)/sysroot-arm64
