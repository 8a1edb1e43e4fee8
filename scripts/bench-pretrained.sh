#!/usr/bin/env bash
# Latency of one doctor's dense map of a 256x256 image: pretrained EfficientNet-Lite0 vs today's Table 1 doctor
# (docs/results.md). Prints a Markdown table.
#   scripts/bench-pretrained.sh [--repeats N]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
data=$(scripts/fetch-data.sh --weights)
classpath=$(scripts/core-classpath.sh)
exec java --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  io.stereotype.core.pretrained.PretrainedDoctorBenchmark "$data/weights/efficientnet-lite0.pth" "$@"
