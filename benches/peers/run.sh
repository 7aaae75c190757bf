#!/usr/bin/env bash
# The district roster against Typst and the district chart against elkjs,
# whole processes, in turn (ours, peer, ours, peer …), each pair's ratio
# printed with both peaks of memory. Issue 28's targets: the roster ≥ 60×
# faster than Typst in ≤ 1/20 of its memory, the chart ≥ 20× faster than
# elkjs's layered layout.
#
#   benches/peers/run.sh [RUNS]
#
# Needs a release build (`cargo build --release`), python3 with
# `pip install typst` (0.15) and node with elkjs (`npm install elkjs` in
# this folder, or NODE_PATH naming a node_modules that has it); writes its
# files to ${PEERS_DIR:-/tmp/gridorg-peers}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-3}
dir=${PEERS_DIR:-/tmp/gridorg-peers}
target=${CARGO_TARGET_DIR:-$root/target}
gridorg=$target/release/gridorg
mkdir -p "$dir"
[ -x "$gridorg" ] || { echo "no release build at $gridorg" >&2; exit 2; }
[ -f "$dir/district.ron" ] || "$gridorg" generate --preset district -o "$dir/district.ron"
(cd "$root" && cargo run --quiet --release --example peer_inputs -- "$dir/district.ron" "$dir" 4)

# time_of NAME CMD…: runs CMD, prints "seconds peak_kb".
time_of() {
  /usr/bin/time -f '%e %M' -o "$dir/time" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  cat "$dir/time"
}

pairs() {
  local label=$1 ours=$2 peer=$3
  echo "$label"
  for i in $(seq "$runs"); do
    read -r ts tm < <(time_of bash -c "$ours")
    read -r ps pm < <(time_of bash -c "$peer")
    awk -v ts="$ts" -v tm="$tm" -v ps="$ps" -v pm="$pm" -v i="$i" 'BEGIN {
      printf "  run %d: ours %.2f s %.0f MB, peer %.2f s %.0f MB: %.1f× faster, memory 1/%.0f\n",
        i, ts, tm / 1024, ps, pm / 1024, ps / ts, pm / tm }'
  done
}

cd "$dir"
pairs "district member roster — gridorg roster against Typst" \
  "'$gridorg' roster district.ron -o roster.pdf" \
  "python3 '$here/typst_roster.py' roster.typ '$root/assets/fonts' typst.pdf"
pairs "district chart to groups — gridorg chart against elkjs" \
  "'$gridorg' chart district.ron --depth 4 --paper A0 -o chart.pdf" \
  "NODE_PATH='${NODE_PATH:-}' node '$here/elk_chart.mjs' chart.json elk.svg"
