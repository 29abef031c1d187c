#!/bin/sh
# The SDL UI's modules call only downward (docs/ui.md, "Files"): lists the
# #include edges among src/ui/*, checks each against the allowed layering
# and that the graph has no cycle. Prints "N passed, N failed".
# Usage: tests/e2e/test_ui_layers.sh [BUILD_DIR]   (the build dir is unused)
set -u
cd "$(dirname "$0")/../.." || exit 1
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# rank of a module: a file may include only headers of a lower rank, or its
# own module's header (draw.c -> draw.h, layout_*.c -> layout_private.h)
rank() {
    case "$1" in
    draw.h | draw.c | draw_text.c | sound.h | sound.c | png.h | png.c) echo 1 ;;
    layout.h) echo 2 ;;
    layout_private.h | layout.c | layout_*.c) echo 3 ;;
    input.h | input.c) echo 3 ;;
    shell.h | shell.c) echo 4 ;;
    *) echo 0 ;;
    esac
}
own() { # $1 includes $2 as its own header
    case "$1:$2" in
    draw.c:draw.h | draw_text.c:draw.h | sound.c:sound.h | png.c:png.h | input.c:input.h | shell.c:shell.h) return 0 ;;
    layout.c:layout_private.h | layout_*.c:layout_private.h | layout_private.h:layout.h) return 0 ;;
    layout.c:layout.h) return 0 ;;
    *) return 1 ;;
    esac
}
edges=$(mktemp)
for f in src/ui/*.c src/ui/*.h; do
    src=$(basename "$f")
    sed -n 's|^#include "ui/\([^"]*\)".*|\1|p' "$f" | while read -r dst; do
        echo "$src $dst"
    done
done >"$edges"
echo "# include edges among src/ui:"
sed 's/^/#   /' "$edges"
while read -r src dst; do
    [ -f "src/ui/$dst" ] || { bad "$src includes missing ui/$dst"; continue; }
    rs=$(rank "$src")
    rd=$(rank "$dst")
    if [ "$rs" -eq 0 ] || [ "$rd" -eq 0 ]; then
        bad "$src -> $dst: file not in the layer map of this test"
    elif [ "$rd" -lt "$rs" ] || own "$src" "$dst"; then
        ok
    else
        bad "$src -> $dst goes up or sideways (rank $rs -> $rd)"
    fi
done <"$edges"
# the layouts draw through draw.h only: no SDL_Render* calls of their own
if grep -n 'SDL_Render\|SDL_SetRender' src/ui/layout*.c >/dev/null; then
    bad "a layout calls the SDL renderer directly:"
    grep -n 'SDL_Render\|SDL_SetRender' src/ui/layout*.c
else
    ok
fi
# the input module decides no screen's meaning: it never reads a screen
if grep -n 'MID_SCREEN_' src/ui/input.c >/dev/null; then
    bad "input.c looks at screens:"
    grep -n 'MID_SCREEN_' src/ui/input.c
else
    ok
fi
# no cycle: tsort fails on one
if tsort "$edges" >/dev/null 2>&1; then ok; else bad "include cycle among src/ui"; fi
# nothing outside src/ui and its tests reaches the private headers
if grep -rln '#include "ui/' src/app src/core tools bench 2>/dev/null | grep . >/dev/null; then
    bad "private src/ui headers used outside src/ui:"
    grep -rln '#include "ui/' src/app src/core tools bench
else
    ok
fi
rm -f "$edges"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
