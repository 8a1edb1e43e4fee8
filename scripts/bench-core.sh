#!/usr/bin/env bash
# Core benchmarks; print Markdown tables (docs/results.md).
#   scripts/bench-core.sh [--repeats N]          # speed: training step, anomaly-map latency, dense vs patch-by-patch
#   scripts/bench-core.sh streaming [IMAGES]     # training on more images than a 512 MB heap could hold (default 12000)
#   scripts/bench-core.sh dense-training [--steps N]   # student training throughput, patch vs dense sampling
#   scripts/bench-core.sh training-memory [--steps N]  # peak heap and resident memory of training steps (Linux)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
classpath=$(scripts/core-classpath.sh)
if [ "${1:-}" = streaming ]; then
  data=$(scripts/fetch-data.sh --textures)
  exec java -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$classpath" \
    io.stereotype.core.bench.StreamingBenchmark "$data/textures/grass.png" "${2:-12000}"
fi
if [ "${1:-}" = dense-training ]; then
  shift
  exec java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.bench.DenseTrainingBenchmark "$@"
fi
if [ "${1:-}" = training-memory ]; then
  shift
  exec java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.bench.TrainingMemoryBenchmark "$@"
fi
exec java --enable-native-access=ALL-UNNAMED -cp "$classpath" io.stereotype.core.bench.CoreBenchmark "$@"
