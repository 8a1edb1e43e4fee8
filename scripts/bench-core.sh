#!/usr/bin/env bash
# Core speed benchmark (training step, anomaly-map latency, dense vs patch-by-patch); prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp -q -pl core -am -DskipTests install
mvn -B -ntp -q -pl core dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java --enable-native-access=ALL-UNNAMED -cp "core/target/classes:$(cat core/target/classpath.txt)" \
  io.stereotype.core.bench.CoreBenchmark "$@"
