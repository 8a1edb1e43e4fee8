#!/bin/sh
# Kestra (open source) reads flow secrets from environment variables SECRET_<NAME> holding base64 values. Encode the
# plain values compose passes, so `{{ secret('NAME') }}` works in flows, then start Kestra as its image would.
set -e
for name in STEREOTYPE_RETRAIN_WEBHOOK_KEY MLFLOW_TRACKING_URI AWS_ENDPOINT_URL_S3 AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION; do
  eval "value=\${$name:-}"
  if [ -n "$value" ]; then
    export "SECRET_$name=$(printf '%s' "$value" | base64 | tr -d '\n')"
  fi
done
unset value
exec docker-entrypoint.sh "$@"
