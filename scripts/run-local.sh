#!/usr/bin/env bash
# The one-command local run: builds the trainer, the Kestra plugin and the launcher, then runs flows/retrain.yaml in
# an embedded Kestra (executor, worker, scheduler, indexer; no server, no Docker), each step a local trainer process,
# on a generated data set, and prints every step as it runs and a summary with the metrics and the report.
#
#   scripts/run-local.sh [--data DIR] [--epochs N] [--masters M] [--bachelors B] [--out DIR]    (--help for details)
#
# Everything goes under work/local-run/ (or --out): the data set, one folder per retrain (networks, bundle,
# report.html, run records) and Kestra's history. With MLFLOW_TRACKING_URI (and AWS_* for S3) set, runs are tracked
# in MLflow and models registered. JAVA_OPTS passes options to the launcher's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

# the default doctor is the ImageNet-pretrained one: its weights go to $STEREOTYPE_DATA (~/.cache/stereotype/data)
echo "fetching the pretrained doctor's weights (once; scripts/fetch-data.sh --weights)" >&2
STEREOTYPE_DATA="$(scripts/fetch-data.sh --weights)"
export STEREOTYPE_DATA

echo "building the trainer, the Kestra plugin and the launcher (the first build downloads the dependencies)" >&2
# package through the reactor, nothing installed into ~/.m2 (a SNAPSHOT jar there would leak into other builds): the
# launcher's target/classpath.txt names the sibling modules' jars under their target/ folders
mvn -B -ntp -q -DskipTests -pl services/trainer,services/launcher -am package

exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} \
  -Dstereotype.trainer.jar=services/trainer/target/quarkus-app/quarkus-run.jar \
  -Dstereotype.flows.dir=flows \
  -cp "services/launcher/target/classes:$(cat services/launcher/target/classpath.txt)" \
  io.stereotype.launcher.LocalRun "$@"
