#!/bin/sh
# One-shot MinIO setup (service minio-init), safe to run again:
#   bucket stereotype  data sets (data/), work folders of the retrains (work/<execution>/, disposable) and the
#                      bundles of registered model versions (models/<name>/<bundle hash>/, keep)
#   bucket mlflow      MLflow's artifact store (the server's --artifacts-destination)
# and the S3 user the services use, with MinIO's built-in readwrite policy.
set -eu
mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
for bucket in stereotype mlflow; do
  mc mb --ignore-existing "local/$bucket"
done
mc admin user add local "$STEREOTYPE_S3_ACCESS_KEY" "$STEREOTYPE_S3_SECRET_KEY"
if ! mc admin user info local "$STEREOTYPE_S3_ACCESS_KEY" | grep -q readwrite; then
  mc admin policy attach local readwrite --user "$STEREOTYPE_S3_ACCESS_KEY"
fi
echo "minio-init: buckets stereotype and mlflow ready, user $STEREOTYPE_S3_ACCESS_KEY has readwrite"
