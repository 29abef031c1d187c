#!/bin/sh
# Installs the Debian 12 packages mid-kiosk builds and tests with.
# Runs as root (CI, a fresh machine) or through sudo.
set -eu
PKGS="build-essential pkg-config libzbar-dev libmbedtls-dev libsdl2-dev
libsdl2-ttf-dev libv4l-dev libcmocka-dev libqrencode-dev libpng-dev
fonts-noto-cjk fonts-nanum valgrind clang libclang-rt-14-dev libzxing-dev
libjansson-dev unicode-data python3 clang-format libcurl4-openssl-dev
lighttpd lighttpd-mod-openssl openssl"
# libzxing-dev: zxing-cpp, the decoder's fallback (a build dependency; the
# device needs its runtime package, libzxing2)
# libjansson-dev: the point-of-sale link's JSON messages (runtime: libjansson4)
# unicode-data, python3: tools/gen-unicode-table.py and its test
# (tests/e2e/test_unicode_table.sh) regenerate src/core/unicode_table.c
# from /usr/share/unicode; the build itself uses the committed table
# libcurl4-openssl-dev: mid-sync's transport (the device: libcurl4);
# lighttpd (+ mod-openssl), openssl, python3: tests/e2e/test_fleet.sh
[ "${MID_WITH_FUZZ_EXTRA:-0}" = 1 ] && PKGS="$PKGS afl++"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PKGS
