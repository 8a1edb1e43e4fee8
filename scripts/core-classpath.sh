#!/usr/bin/env bash
# Compiles core through the reactor and prints the classpath that runs its classes (core/target/classes and its
# dependency jars). Nothing is installed into ~/.m2: a SNAPSHOT jar there would leak into other builds.
# Used by the demo and benchmark scripts:  classpath=$(scripts/core-classpath.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mvn -B -ntp -q -pl core compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
echo "core/target/classes:$(cat core/target/classpath.txt)"
