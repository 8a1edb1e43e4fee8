#!/usr/bin/env bash
# The main job: builds the project, generates a texture data set with synthetic defects,
# trains a Stereotype Deepening tree on it, evaluates it and prints the metrics.
# Extra arguments go to the demo (e.g. --epochs 20 --patch 64 --image-size 256).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp -q -DskipTests install
mvn -B -ntp -q -pl core dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java --enable-native-access=ALL-UNNAMED -cp "core/target/classes:$(cat core/target/classpath.txt)" \
  io.stereotype.core.Demo --data work/demo/textures --out work/demo/model "$@"
