#!/usr/bin/env bash
# The test command: fetches the small test data sets, then runs every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
data=$(scripts/fetch-data.sh)
exec mvn -B -ntp verify -Dstereotype.data="$data" "$@"
