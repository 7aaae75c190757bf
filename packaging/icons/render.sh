#!/bin/sh
# Renders packaging/icons/gridorg.svg to the PNG sizes the package installs
# (packaging/icons/<size>/gridorg.png, hicolor's usual sizes) and the window
# icon (assets/icons/gridorg-256.png). Run once after changing the SVG, and
# commit the PNGs: building the package needs no renderer.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
command -v rsvg-convert >/dev/null || {
    echo "render.sh: rsvg-convert is missing: apt-get install librsvg2-bin" >&2
    exit 1
}
for size in 16 24 32 48 64 128 256; do
    mkdir -p "$here/$size"
    rsvg-convert -w "$size" -h "$size" -o "$here/$size/gridorg.png" "$here/gridorg.svg"
    echo "$size: packaging/icons/$size/gridorg.png"
done
mkdir -p "$root/assets/icons"
cp "$here/256/gridorg.png" "$root/assets/icons/gridorg-256.png"
echo "window: assets/icons/gridorg-256.png"
