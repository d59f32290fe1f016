#!/bin/sh
# The proxy sets of docs/benchmarks.md under one roof: `make` builds them from ../shared with the
# names the benchmarks use; `eval` runs `parkwatch eval spaces` over each and prints the pipeline's
# figures beside the box-centre rule's on the same frames, one line a set.
#
# Usage: tools/pklot-frames/proxies.sh make [DIR]
#        tools/pklot-frames/proxies.sh eval [DIR] [eval spaces options: --sequence, --adapt-first 5,
#                                              --classifier FILE, ...]
# DIR defaults to /tmp. `make` installs Debian's python3-opencv when missing (scripts/setup.sh);
# `eval` needs a release build (swift build -c release). Run from anywhere; paths are the repository's.
set -eu
cd "$(dirname "$0")/../.."
P=/usr/bin/python3
T=tools/pklot-frames
DEV=../shared/datasets/pklot-ufpr05-dev
DENSE=.build/dense-frames
mode=${1:-}
[ $# -gt 0 ] && shift
D=/tmp
case "${1:-}" in -*|"") ;; *) D=$1; shift ;; esac

make_sets() {
    scripts/setup.sh python3-opencv
    [ -d $DENSE ] || $P tools/dense-frames/make_dense_frames.py $DENSE
    $P tools/dense-frames/make_dense_frames.py $D/half --half
    $P $T/resize_pklot.py $D/half $D/half854 854 480
    $P $T/resize_pklot.py $DEV $D/dev854 854 480
    $P $T/tilt_pklot.py $DEV $D/tilt2 --squeeze 0.3 --drop 0.25 --size 640x360
    $P $T/degrade_pklot.py $D/dev854 $D/dusk --gamma 2.2 --noise 8 --quality 15
    $P $T/degrade_pklot.py $D/dev854 $D/soft --blur 3
    $P $T/degrade_pklot.py $DENSE $D/dense-dusk --gamma 2.2 --noise 8 --quality 15
    $P $T/degrade_pklot.py $DEV $D/grey --grey --quality 85
    $P $T/degrade_pklot.py $D/tilt2 $D/greytilt2 --grey --quality 85
    $P $T/degrade_pklot.py $DENSE $D/greydense --grey --quality 85
    $P $T/degrade_pklot.py $D/half854 $D/greyhalf854 --grey --quality 85
    $P $T/mosaic_pklot.py $DEV $D/mosaic-dev 2 2
    $P $T/resize_pklot.py $D/mosaic-dev $D/wide-dev 854 480
    $P $T/shift_pklot.py $D/half854 $D/rollhalf10 --rotate 10
    $P $T/shift_pklot.py $DENSE $D/rolldense10 --rotate 10
    $P $T/shift_pklot.py $D/tilt2 $D/rolltilt2-10 --rotate 10
}

# One line: set, accuracy, false alarms, misses, unknown, then the rule's accuracy, false alarms, misses.
summary() {
    $P -c '
import json, sys
d = json.load(open(sys.argv[2])); b = d.get("baseline") or {}
pct = lambda x: "%.2f%%" % (100 * x) if isinstance(x, (int, float)) else "-"
print("%-14s %8s  fa %3d  miss %3d  unknown %3d  | rule %8s  fa %s  miss %s" % (sys.argv[1], pct(d["accuracy"]),
      d["false_alarms"], d["misses"], d["unknown"], pct(b.get("accuracy")), b.get("false_alarms", "-"), b.get("misses", "-")))
' "$1" "$2"
}

eval_sets() {
    [ -x .build/release/parkwatch ] || { echo "needs a release build: swift build -c release" >&2; exit 1; }
    out=$(mktemp) err=$(mktemp)
    trap 'rm -f "$out" "$err"' EXIT
    for set in dev dev854 tilt2 dense half half854 dusk soft dense-dusk grey greytilt2 greydense greyhalf854 \
               wide-dev rollhalf10 rolldense10 rolltilt2-10; do
        case $set in dev) dir=$DEV ;; dense) dir=$DENSE ;; *) dir=$D/$set ;; esac
        [ -d "$dir" ] || { echo "$set: $dir is missing (run: $0 make $D)" >&2; exit 1; }
        .build/release/parkwatch eval spaces "$dir" --json "$@" > "$out" 2> "$err" || { cat "$err" >&2; exit 1; }
        summary "$set" "$out"
    done
}

case $mode in
    make) make_sets ;;
    eval) eval_sets "$@" ;;
    *) sed -n '6,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
