#!/usr/bin/env bash
# The main job: builds core through the reactor, generates a texture data set with synthetic defects,
# trains a Stereotype Deepening tree on it, evaluates it and prints the metrics.
# Extra arguments go to the demo (e.g. --epochs 20 --patch 64 --image-size 256).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
classpath=$(scripts/core-classpath.sh)
exec java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.Demo --data work/demo/textures --out work/demo/model "$@"
