#!/usr/bin/env bash
# Installs what ParkWatch needs on a Debian machine with a Swift toolchain: the system libraries
# and the default detector weights. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libopencv-dev libsqlite3-dev libmosquitto-dev pkg-config curl ca-certificates ffmpeg)
MODEL=models/yolox_nano.onnx
MODEL_SHA256=695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14
SHARED_MODEL=../shared/models/yolox-nano/yolox_nano.onnx
UPSTREAM_MODEL=https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
    local missing=()
    for package in "${APT_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

sha_ok() { [ -f "$1" ] && echo "$MODEL_SHA256  $1" | sha256sum --check --status; }

install_model() {
    sha_ok "$MODEL" && return 0
    mkdir -p models
    if [ -f "$SHARED_MODEL" ]; then
        cp "$SHARED_MODEL" "$MODEL.tmp" && chmod 644 "$MODEL.tmp"
    else
        echo "setup: downloading $UPSTREAM_MODEL"
        curl -fsSL --retry 3 -o "$MODEL.tmp" "$UPSTREAM_MODEL"
    fi
    if ! sha_ok "$MODEL.tmp"; then
        rm -f "$MODEL.tmp"
        echo "setup: $MODEL has the wrong sha256 (expected $MODEL_SHA256)" >&2
        exit 1
    fi
    mv "$MODEL.tmp" "$MODEL"
    echo "setup: model placed at $MODEL"
}

install_packages "$@"
install_model
