#!/usr/bin/env bash
# Accuracy benchmarks (docs/results.md): textures | ablation | mnist. Prints Markdown tables.
#   scripts/bench-accuracy.sh textures    # brick and grass photographs with synthetic defects
#   scripts/bench-accuracy.sh textures-wide   # the same with the wide network
#   scripts/bench-accuracy.sh ablation    # parts of the tree and loss variants, on grass
#   scripts/bench-accuracy.sh dense-vs-patches [--epochs N] [--learning-rate R] [--sampling patches|dense]   # brick and grass, students on patches and densely, equal epochs
#   scripts/bench-accuracy.sh default-pipeline [patches|dense] [--patch-size 32]   # default config (pretrained doctor), 80 grass images of 256x256: wall time, quality
#   scripts/bench-accuracy.sh mnist [0123456789]   # the paper's one-class MNIST protocol, doctor on the rotation pretext
#   scripts/bench-accuracy.sh mnist-labelled-doctor [0123456789]   # the same, doctor classifying all ten digits
#   scripts/bench-accuracy.sh doctors [--variants pretrained,pretrained-patches,pretext,labelled] [--epochs N]   # the doctors compared
#       (default: all four) on brick, grass, gravel (a real isotropic texture) and generated value noise; the labelled
#       doctor classifies the general photographs in photos/
#   scripts/bench-accuracy.sh doctors-small [--variants ...]   # the same with 1 master, 1 bachelor, 5 epochs (a first look)
#   scripts/bench-accuracy.sh mnist-pretrained [0123456789] [patches|dense] [EPOCHS]   # one-class MNIST, pretrained doctor, no labels
#   scripts/bench-accuracy.sh masters-learning [EPOCHS] [patches|dense] [--network wide] [--learning-rate R] [--mu M] [--crop-size C] [--crops-per-step K] [TAPS...]
#       # a master's regression loss per epoch, by backbone blocks tapped (default taps: 1, 4 and 4,10)
#   scripts/bench-accuracy.sh doctor-context [--patch-size 32|64] [TAPS...]
#       # what bounds a master of the pretrained doctor: context, crop noise, rank (default taps: 2, 4 and 4,10; grass, brick, gravel)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
data=$(scripts/fetch-data.sh --textures --weights)
classpath=$(scripts/core-classpath.sh)
# options come in pairs before the taps; true when taps follow them (they then replace the default ones)
taps_given() { local i=1; while [ $i -le $# ] && [[ "${!i}" == --* ]]; do i=$((i + 2)); done; [ $i -le $# ]; }
run() { java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.bench.AccuracyBenchmark "$@"; }
case "${1:-}" in
  textures|textures-wide) run "$1" "$data/textures/brick.png" "$data/textures/grass.png" ;;
  dense-vs-patches) run "$@" "$data/textures/brick.png" "$data/textures/grass.png" ;;
  ablation) run ablation "$data/textures/grass.png" ;;
  default-pipeline) run default-pipeline "$data/textures/grass.png" "$data/weights/efficientnet-lite0.pth" "${@:2}" ;;
  mnist|mnist-labelled-doctor) run "$1" "$data/mnist/digits" "${2:-0123456789}" ;;
  doctors|doctors-small) run "$1" "$data/weights/efficientnet-lite0.pth" "${@:2}" --photos "$data/photos" \
    "$data/textures/brick.png" "$data/textures/grass.png" noise "$data/textures/gravel.png" ;;
  mnist-pretrained) run "$1" "$data/weights/efficientnet-lite0.pth" "$data/mnist/digits" "${2:-0123456789}" ${3:+"$3"} ${4:+"$4"} ;;
  masters-learning)
    epochs=${2:-80} sampling=${3:-patches}
    rest=("${@:4}") taps=(1 4 4,10)
    taps_given "${rest[@]}" && taps=()
    java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.bench.MastersLearningBenchmark \
      "$data/weights/efficientnet-lite0.pth" "$data/textures/grass.png" "$epochs" "$sampling" "${rest[@]}" "${taps[@]}" ;;
  doctor-context)
    rest=("${@:2}") taps=(2 4 4,10)
    taps_given "${rest[@]}" && taps=()
    for photo in grass brick gravel; do
      java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.bench.DoctorContextBenchmark \
        "$data/weights/efficientnet-lite0.pth" "$data/textures/$photo.png" 200 "${rest[@]}" "${taps[@]}"
    done ;;
  *) echo "usage: $0 textures|textures-wide|dense-vs-patches|default-pipeline|ablation|mnist|mnist-labelled-doctor|doctors|doctors-small|mnist-pretrained|masters-learning|doctor-context [classes]" >&2; exit 2 ;;
esac
