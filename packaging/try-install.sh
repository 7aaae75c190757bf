#!/bin/bash
# Builds the Debian package, installs it on this machine and tries it as a
# user would, then removes it and checks that nothing is left:
#
#     sudo packaging/try-install.sh [--no-build]
#
# 1. builds the package (packaging/deb.sh; --no-build takes the newest .deb
#    already in target/debian/);
# 2. desktop-file-validate on the desktop entry, lintian on the package
#    (no errors allowed; the warnings are printed);
# 3. installs it with apt (apt-get install ./target/debian/gridorg_….deb);
# 4. asks the desktop's MIME database about a copy of the sample document
#    (application/x-gridorg) and a plain .ron file (not gridorg), and which
#    program opens each type;
# 5. on an Xvfb display of its own, opens the document as a file manager's
#    double-click does (xdg-open FILE, through the desktop entry), waits for
#    the window titled with the file's name, takes a screenshot, quits with
#    Ctrl+Q and checks the document was left as it was; then a workbook
#    through the desktop entry (打开方式), a file that is not a document and
#    one that is not there (the window must come up and say so, with nothing
#    written);
# 6. removes the package and checks that none of its files, its MIME type
#    or its desktop entry is left; purges it and checks again.
#
# Screenshots go to target/debian/try-install-*.png. Needs root (apt, dpkg)
# and Debian 12 or later; installs what it uses (xvfb, xdotool, imagemagick,
# desktop-file-utils, lintian, xdg-utils, libfile-mimeinfo-perl,
# libglib2.0-bin, x11-utils) when missing. Prints a line per step; exits non-zero at the
# first failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
build=1
[ "${1:-}" = "--no-build" ] && build=0

started=$(date +%s)
work=$(mktemp -d /tmp/gridorg-try.XXXXXX)
xvfb_pid=
app_pid=

say() { printf '%-8s %s\n' "$1" "$2"; }
fail() {
    say "FAIL" "$1"
    exit 1
}
installed=0
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    # A failure after the install leaves no package behind either.
    [ $installed = 1 ] && apt-get purge -y -q gridorg >/dev/null 2>&1 && say "note" "purged gridorg"
    rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || fail "needs root (apt installs the package): sudo $0"

# --- tools --------------------------------------------------------------
need=()
for tool in Xvfb:xvfb xdotool:xdotool import:imagemagick \
    desktop-file-validate:desktop-file-utils lintian:lintian \
    xdg-mime:xdg-utils mimetype:libfile-mimeinfo-perl gio:libglib2.0-bin xprop:x11-utils; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    say "tools" "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >"$work/tools.log" 2>&1 ||
        fail "apt-get install ${need[*]} (see $work/tools.log)"
fi
say "ok" "tools: Xvfb, xdotool, import, desktop-file-validate, lintian, xdg-mime, gio, xprop"

# --- 1. build -----------------------------------------------------------
if [ $build = 1 ]; then
    packaging/deb.sh >"$work/build.log" 2>&1 || {
        tail -20 "$work/build.log"
        fail "packaging/deb.sh"
    }
fi
deb=$(ls -t target/debian/gridorg_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no target/debian/gridorg_*.deb"
say "ok" "package: $deb ($(du -h "$deb" | cut -f1))"

# --- 2. desktop entry and lintian ---------------------------------------
desktop-file-validate packaging/gridorg.desktop || fail "desktop-file-validate packaging/gridorg.desktop"
say "ok" "desktop-file-validate: clean"
lintian --fail-on error --tag-display-limit 0 "$deb" >"$work/lintian.txt" 2>&1
lintian_status=$?
errors=$(grep -c '^E:' "$work/lintian.txt")
warnings=$(grep -c '^W:' "$work/lintian.txt")
sed 's/^/         /' "$work/lintian.txt"
[ "$lintian_status" = 0 ] && [ "$errors" = 0 ] || fail "lintian: $errors errors"
say "ok" "lintian: 0 errors, $warnings warnings"

# --- 3. install ---------------------------------------------------------
if dpkg-query -W -f='${Status}' gridorg 2>/dev/null | grep -q installed; then
    say "note" "gridorg was installed: purging it first"
    apt-get purge -y -q gridorg >"$work/purge-first.log" 2>&1 || fail "apt-get purge gridorg (before)"
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" >"$work/install.log" 2>&1 || {
    tail -20 "$work/install.log"
    fail "apt-get install ./$deb"
}
installed=1
dpkg-query -L gridorg >"$work/files.txt"
say "ok" "installed: $(/usr/bin/gridorg --version), $(grep -c . "$work/files.txt") paths"
for path in /usr/bin/gridorg /usr/share/applications/gridorg.desktop \
    /usr/share/mime/packages/gridorg.xml /usr/share/gridorg/rules.ron \
    /usr/share/icons/hicolor/scalable/apps/gridorg.svg \
    /usr/share/icons/hicolor/48x48/apps/gridorg.png /usr/share/doc/gridorg/copyright; do
    [ -e "$path" ] || fail "not installed: $path"
done
desktop-file-validate /usr/share/applications/gridorg.desktop || fail "installed desktop entry"
/usr/bin/gridorg check --rules /usr/share/gridorg/rules.ron /usr/share/gridorg/xiyuan.ron >/dev/null
[ $? -le 1 ] || fail "gridorg check --rules /usr/share/gridorg/rules.ron"
say "ok" "files in place; check --rules /usr/share/gridorg/rules.ron reads"

# --- 4. MIME type -------------------------------------------------------
# The program's own files (recent list, id counter) go to a home of the test's.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION
docs="$work/文档"
mkdir -p "$docs"
doc="$docs/西园.ron"
cp /usr/share/gridorg/xiyuan.ron "$doc"
other="$docs/config.ron"
printf '(\n    window: (width: 800, height: 600),\n)\n' >"$other"
type_of() { xdg-mime query filetype "$1" 2>/dev/null; }
[ "$(type_of "$doc")" = application/x-gridorg ] || fail "xdg-mime: document is $(type_of "$doc")"
case "$(type_of "$other")" in
application/x-gridorg) fail "xdg-mime: a plain .ron is taken for a document" ;;
esac
gio_type=$(gio info -a standard::content-type "$doc" | sed -n 's/.*content-type: //p')
[ "$gio_type" = application/x-gridorg ] || fail "gio: document is $gio_type"
say "ok" "MIME: document $(type_of "$doc"), plain .ron $(type_of "$other"), gio $gio_type"
opener=$(xdg-mime query default application/x-gridorg)
[ "$opener" = gridorg.desktop ] || fail "xdg-mime query default application/x-gridorg: '$opener'"
xlsx_type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
grep -q "^$xlsx_type=.*gridorg.desktop" /usr/share/applications/mimeinfo.cache ||
    fail "gridorg.desktop not listed for .xlsx in mimeinfo.cache"
say "ok" "opens with: document $opener; .xlsx lists gridorg.desktop (打开方式)"

# --- 5. the window --------------------------------------------------------
display=91
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 50); do
    xdotool getmouselocation >/dev/null 2>&1 && break
    sleep 0.2
done
xdotool getmouselocation >/dev/null 2>&1 || fail "Xvfb :$display did not start"
say "ok" "Xvfb on :$display"

# Waits up to 60 s for a window whose title contains $1; sets $window,
# $title and $app_pid. (xdotool's own --name search matches the title's
# ASCII only: winit also sets WM_NAME, as a Latin-1 STRING holding UTF-8.)
await_window() {
    window= title=
    for _ in $(seq 120); do
        for candidate in $(xdotool search --name gridorg 2>/dev/null); do
            title=$(xdotool getwindowname "$candidate" 2>/dev/null)
            case "$title" in
            *"$1"*)
                window=$candidate
                break 2
                ;;
            esac
        done
        sleep 0.5
    done
    [ -n "$window" ] || return 1
    app_pid=$(xdotool getwindowpid "$window" 2>/dev/null)
    [ -n "$app_pid" ]
}
# Quits the window with Ctrl+Q (退出) and waits for its process to end.
quit_window() {
    xdotool windowfocus --sync "$window" 2>/dev/null
    xdotool key ctrl+q
    for _ in $(seq 50); do
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid"
        app_pid=
        return 1
    fi
    app_pid=
}
shot() {
    sleep 2
    import -window root "target/debian/try-install-$1.png" || return 1
    echo "target/debian/try-install-$1.png"
}

before=$(sha256sum <"$doc")
# As a double-click in a file manager: the type, its default program, the
# desktop entry's Exec line.
xdg-open "$doc" >"$work/open.log" 2>&1 &
await_window "西园.ron — gridorg" || fail "no window titled 西园.ron within 60 s (xdg-open: $(cat "$work/open.log"))"
command=$(tr '\0' ' ' <"/proc/$app_pid/cmdline")
case "$command" in
gridorg\ *西园.ron* | /usr/bin/gridorg\ *西园.ron*) ;;
*) fail "the window is not the desktop entry's gridorg: $command" ;;
esac
class=$(xprop -id "$window" WM_CLASS 2>/dev/null)
case "$class" in
*'"gridorg", "gridorg"'*) ;;
*) fail "WM_CLASS is not the desktop entry's (StartupWMClass=gridorg): $class" ;;
esac
say "ok" "xdg-open 西园.ron → '$command', window '$title', WM_CLASS gridorg"
picture=$(shot document) || fail "screenshot"
say "ok" "screenshot $picture"
quit_window || fail "Ctrl+Q did not close the window"
[ "$(sha256sum <"$doc")" = "$before" ] || fail "the document changed"
say "ok" "closed with Ctrl+Q; the document unchanged"

# 打开方式 → 党建网格 on a workbook: the desktop entry with the file.
workbook="$docs/西园.xlsx"
/usr/bin/gridorg export "$doc" -o "$workbook" >/dev/null 2>&1 || fail "gridorg export"
gio launch /usr/share/applications/gridorg.desktop "$workbook" >"$work/launch.log" 2>&1 &
await_window "西园街道党建网格" || fail "no window on the workbook within 60 s"
picture=$(shot workbook) || fail "screenshot"
quit_window || fail "Ctrl+Q did not close the workbook's window"
say "ok" "gio launch gridorg.desktop 西园.xlsx → window '$title', $picture"

# A file that is not a document: the window comes up and says why.
cp /etc/passwd "$docs/passwd.ron"
before=$(sha256sum <"$docs/passwd.ron")
gio launch /usr/share/applications/gridorg.desktop "$docs/passwd.ron" >"$work/bad.log" 2>&1 &
await_window "gridorg 党建网格" || fail "no window on a file that is not a document"
picture=$(shot not-a-document) || fail "screenshot"
kill -0 "$app_pid" 2>/dev/null || fail "the window on passwd.ron went away"
quit_window || fail "Ctrl+Q did not close the window on passwd.ron"
[ "$(sha256sum <"$docs/passwd.ron")" = "$before" ] || fail "passwd.ron changed"
say "ok" "passwd.ron: the window stayed up (see $picture), the file unchanged"

# A file since moved (a desktop shortcut), started from the desktop entry
# by GLib as a GTK file manager does: no terminal shows standard error, so
# the window comes up and says it is not there.
gio launch /usr/share/applications/gridorg.desktop "$docs/已移走.ron" >"$work/missing.log" 2>&1 &
await_window "gridorg 党建网格" || fail "no window on a file that is not there"
picture=$(shot missing) || fail "screenshot"
quit_window || fail "Ctrl+Q did not close the window on a missing file"
[ -e "$docs/已移走.ron" ] && fail "a missing file was made"
say "ok" "已移走.ron (not there): the window said so (see $picture)"

kill "$xvfb_pid" 2>/dev/null
xvfb_pid=

# --- 6. remove and purge ------------------------------------------------
# What is left of the package's files, its MIME type and its desktop entry;
# prints each and returns non-zero when anything is.
leftovers() {
    local left=0 path
    while read -r path; do
        # Folders shared with other packages (/usr, /usr/share/icons …) stay.
        if [ -f "$path" ] || [ -L "$path" ]; then
            say "left" "$path"
            left=1
        fi
    done <"$work/files.txt"
    for path in /usr/share/gridorg /usr/share/doc/gridorg /usr/share/mime/application/x-gridorg.xml; do
        [ -e "$path" ] && { say "left" "$path"; left=1; }
    done
    grep -q gridorg /usr/share/applications/mimeinfo.cache 2>/dev/null && { say "left" "gridorg in mimeinfo.cache"; left=1; }
    case "$(type_of "$doc")" in
    application/x-gridorg) say "left" "the MIME type application/x-gridorg"; left=1 ;;
    esac
    return $left
}
apt-get remove -y -q gridorg >"$work/remove.log" 2>&1 || fail "apt-get remove gridorg"
leftovers || fail "files left after apt-get remove"
say "ok" "removed: no file, MIME type or desktop entry left (a document is $(type_of "$doc") again)"
# Nothing of the package is a conffile, so remove forgot it already; a purge
# (dpkg's: apt knows no package that is neither installed nor in a
# repository) finds nothing more to do.
dpkg --purge gridorg >"$work/purge.log" 2>&1 || fail "dpkg --purge gridorg"
installed=0
dpkg-query -W gridorg >/dev/null 2>&1 && fail "dpkg still knows gridorg: $(dpkg-query -W -f='${Status}' gridorg)"
leftovers || fail "files left after purge"
say "ok" "purged: dpkg knows no gridorg"
say "done" "in $(($(date +%s) - started)) s"
