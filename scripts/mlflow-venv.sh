#!/usr/bin/env bash
# Creates (once) the project-local virtualenv that holds the MLflow tracking server used by the
# tests, and prints the path of its `mlflow` executable on stdout (progress goes to stderr).
# Idempotent: when the venv already holds the pinned versions it only prints the path.
#   usage: scripts/mlflow-venv.sh          (PYTHON=/path/to/python3 to choose the interpreter)
set -euo pipefail

MLFLOW_VERSION=3.17.2
BOTO3_VERSION=1.44.8

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-mlflow"
STAMP="$VENV/.pinned"
WANTED="mlflow==$MLFLOW_VERSION boto3==$BOTO3_VERSION"

# The stamp is written only after a successful install, so a half-built venv is rebuilt.
if [[ -x "$VENV/bin/mlflow" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANTED" ]]; then
  echo "$VENV/bin/mlflow"
  exit 0
fi

PYTHON="${PYTHON:-python3}"
echo "creating $VENV with $WANTED (first run takes a few minutes)" >&2
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
# shellcheck disable=SC2086 # WANTED is a list of requirement specifiers
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $WANTED >&2
echo "$WANTED" > "$STAMP"
echo "$VENV/bin/mlflow"
