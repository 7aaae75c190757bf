#!/bin/bash
# Makes the screenshots of docs/使用说明.md (docs/guide/*.png) from the
# current build, as a user would see them: the window at 1280×800 on the
# bundled sample, driven with real clicks and keys.
#
#     docs/guide/shots.sh [GRIDORG-BINARY]
#
# Without a binary it builds the release one (cargo build --release) and uses
# that. It starts its own Xvfb (display :$SHOTS_DISPLAY, default 93), runs the
# window with a private data folder, configuration folder and HOME in a
# temporary folder (nothing of the user's is read or written), and writes
#
#     window.png    the whole window on the sample
#     print.png     the 打印 menu open
#     package.png   the 数据包 menu open
#     fix.png       a finding clicked: its unit selected, the fix shown
#     import.png    a workbook (a folder of CSV files) with bad cells opened:
#                   the status bar's errors, shown whole on hover
#     guide.png     帮助 → 使用说明 (F1) open in the window
#     recovery.png  after an edit and a kill -9, the window started again:
#                   the banner offering the edits back
#
# each reduced to 256 colours (under ~250 KB). Needs Xvfb, xdotool and
# ImageMagick (apt-get install xvfb xdotool imagemagick). Positions are the
# window's layout at 1280×800 (menu titles at y≈15, the toolbar at y≈47, the
# first finding's row at y≈586); each step waits for the window to draw.
# Look at every PNG before committing it.
set -euo pipefail
[ -n "${SHOTS_TRACE:-}" ] && set -x

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
display=":${SHOTS_DISPLAY:-93}"

if [ $# -ge 1 ]; then
    gridorg=$(realpath "$1")
else
    (cd "$repo" && cargo build --release)
    gridorg="${CARGO_TARGET_DIR:-$repo/target}/release/gridorg"
fi
[ -x "$gridorg" ] || { echo "no gridorg binary at $gridorg" >&2; exit 2; }

work=$(mktemp -d)
xvfb=""
app=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"${SHOTS_XVFB_LOG:-/dev/null}" 2>&1 &
xvfb=$!
export DISPLAY="$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

export HOME="$work/home" GRIDORG_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config"
export XDG_DATA_HOME="$work/share" LANG=zh_CN.UTF-8
mkdir -p "$HOME" "$work/docs"
doc="$work/docs/西园街道.ron"
cp "$repo/sample-data/xiyuan.ron" "$doc"
chmod 600 "$doc"

# A workbook as a folder of CSV files, with four bad cells.
csv="$work/docs/党员台账"
mkdir -p "$csv"
cat >"$csv/组织.csv" <<'EOF'
编码,名称,层级,上级编码,负责人,联系电话,换届日期
XY,西园街道党工委,街道,,王建国,13904770001,2023-05-10
XY01,迎宾馆社区党委,社区,XY,李明,13904770002,2023-13-40
XY01-B1,迎宾馆社区第一网格党支部,支部,XY01,张华,13904770003,2022/5/1
EOF
cat >"$csv/网格.csv" <<'EOF'
网格编码,网格名称,所属社区编码,户数,人口,网格员,网格员电话,覆盖支部编码
XY01-W01,迎宾馆社区第一网格,XY01,四百,900,赵敏,13804770004,XY01-B1
EOF
cat >"$csv/党员.csv" <<'EOF'
姓名,性别,出生日期,身份证号,入党日期,人员类别,所在组织编码,联系电话
刘芳,女,1980-02-30,,2005-07-01,正式党员,XY01-B1,13704770005
陈刚,男,1975-06-01,,2001-07-01,党员,XY01-B1,
EOF

# Starts the window on the document and waits until it is drawn.
start() {
    (cd "$work/docs" && exec "$gridorg" 西园街道.ron) >>"$work/app.log" 2>&1 &
    app=$!
    window=$(xdotool search --sync --name 'gridorg' | head -1)
    xdotool windowfocus --sync "$window"
    sleep 4
    park
}
# Ends the window (stop -9: kills it, as a crash would).
stop() {
    kill "$@" "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=""
}
# The pointer where it shows no tooltip and hovers nothing.
park() {
    xdotool mousemove 400 47
    sleep 0.5
}
# A click at x y, the pointer moved there first and left to settle (a press
# right after a move can be lost).
click() {
    xdotool mousemove "$1" "$2"
    sleep 0.6
    xdotool click 1
    sleep "${3:-1.5}"
}
key() {
    xdotool key "$@"
    sleep 1.5
}
# shot NAME [WxH+X+Y]: the screen, cropped where given, in 256 colours.
shot() {
    import -window root "$work/raw.png"
    local crop=()
    [ $# -ge 2 ] && crop=(-crop "$2" +repage)
    convert "$work/raw.png" "${crop[@]}" -colors 256 -define png:compression-level=9 \
        "PNG8:$here/$1.png"
    echo "$1.png $(stat -c %s "$here/$1.png") bytes"
}

start
shot window

click 232 15
shot print 640x330+0+0
key Escape

click 309 15
shot package 640x280+0+0
key Escape

click 500 586 2
shot fix

# 打开…, the folder's name typed over the target row's path (the window
# runs in the folder that holds it), Enter; then the pointer on
# the status bar's red line shows every bad cell.
click 770 45
click 580 88 0.5
xdotool key ctrl+a
xdotool type --delay 30 "$(basename "$csv")"
key Return
xdotool mousemove 900 776
sleep 1.5
shot import 980x260+300+540
park

key F1
shot guide
key Escape

# Started afresh, the finding clicked again and fixed (its grid covered),
# then the process killed and the window started once more.
stop
start
click 500 586 2
click 918 366
stop -9
start
shot recovery 1280x420+0+0
