#!/bin/sh
# First start of the PostgreSQL container only (empty data volume): one database and one user each for Kestra and
# MLflow. Sourced by the image's entrypoint, which runs it as the superuser against a socket-only server.
set -e
if [ -z "${KESTRA_DB_PASSWORD:-}" ] || [ -z "${MLFLOW_DB_PASSWORD:-}" ]; then
  echo "init-databases: KESTRA_DB_PASSWORD and MLFLOW_DB_PASSWORD must be set" >&2
  exit 1
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v kestra_password="$KESTRA_DB_PASSWORD" -v mlflow_password="$MLFLOW_DB_PASSWORD" <<'SQL'
CREATE ROLE kestra LOGIN PASSWORD :'kestra_password';
CREATE DATABASE kestra OWNER kestra;
CREATE ROLE mlflow LOGIN PASSWORD :'mlflow_password';
CREATE DATABASE mlflow OWNER mlflow;
SQL
