#!/bin/sh
# make bench: runs every benchmark in BUILD/bench/ and prints its figures.
# Each benchmark measures its contenders side by side, interleaved, in one
# run (the machine is shared and noisy); nothing here asserts a time.
set -u
BUILD=${1:-build-bench}
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"
rc=0
for b in "$BUILD"/bench/*; do
    [ -x "$b" ] || continue
    echo "=== $(basename "$b")"
    "$b" || rc=1
done
[ -f tools/bench-e2e.sh ] && { sh tools/bench-e2e.sh "$BUILD" || rc=1; }
exit $rc
