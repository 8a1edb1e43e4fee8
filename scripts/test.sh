#!/usr/bin/env bash
# The test command: fetches the small test data sets, photographs and pretrained weights, then runs every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
data=$(scripts/fetch-data.sh --textures --weights)
exec mvn -B -ntp verify -Dstereotype.data="$data" "$@"
