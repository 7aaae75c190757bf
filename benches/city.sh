#!/usr/bin/env bash
# Issue 28's city targets, whole processes: each printout and the export
# against `gridorg stats` on the same file, in turn (stats, work, stats,
# work …), each pair's ratio printed with the work's peak of memory.
# Targets: member roster, household roster, notice boards and export ≤ 3× stats;
# the depth-5 chart on A4 ≤ 4×; each ≤ 400 MB.
#
#   benches/city.sh [RUNS]
#
# Needs a release build (`cargo build --release`); makes the city preset at
# ${CITY_DIR:-/tmp/gridorg-city}/city.ron unless it is there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
dir=${CITY_DIR:-/tmp/gridorg-city}
gridorg=${CARGO_TARGET_DIR:-$root/target}/release/gridorg
[ -x "$gridorg" ] || { echo "no release build at $gridorg" >&2; exit 2; }
mkdir -p "$dir"
cd "$dir"
[ -f city.ron ] || "$gridorg" generate --preset city -o city.ron

# time_of CMD…: runs CMD, prints "seconds peak_kb", or "failed" and what it said.
time_of() {
  if /usr/bin/time -f '%e %M' -o time "$@" >/dev/null 2>said; then
    cat time
  else
    echo "failed $(tail -n 1 said)"
  fi
}

against_stats() {
  local label=$1 target=$2
  shift 2
  echo "$label (target ≤ ${target}× stats, ≤ 400 MB)"
  for i in $(seq "$runs"); do
    read -r ss sm < <(time_of "$gridorg" stats city.ron)
    read -r ws wm < <(time_of "$@")
    if [ "$ws" = failed ]; then
      echo "  run $i: failed: $wm"
      continue
    fi
    awk -v ss="$ss" -v ws="$ws" -v wm="$wm" -v sm="$sm" -v i="$i" 'BEGIN {
      printf "  run %d: %.2f s, %.0f MB against stats %.2f s, %.0f MB: %.2f×\n",
        i, ws, wm / 1024, ss, sm / 1024, ws / ss }'
  done
}

against_stats "member roster" 3 "$gridorg" roster city.ron -o members.pdf
against_stats "household roster" 3 "$gridorg" roster city.ron --kind households -o households.pdf
against_stats "notice boards" 3 "$gridorg" poster city.ron -o posters.pdf
against_stats "export" 3 "$gridorg" export city.ron -o city.xlsx
against_stats "chart, depth 5, A4" 4 "$gridorg" chart city.ron --depth 5 --paper A4 -o chart.pdf
