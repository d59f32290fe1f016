#!/usr/bin/env bash
# Makes tools/schemathesis/.venv with the pinned schemathesis from PyPI, when missing; the web
# tests run it against a real server. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=tools/schemathesis/.venv
REQUIREMENTS=tools/schemathesis/requirements.txt

if [ -x "$VENV/bin/schemathesis" ] && cmp -s "$REQUIREMENTS" "$VENV/requirements.txt"; then exit 0; fi
echo "setup: installing schemathesis into $VENV"
/usr/bin/python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
cp "$REQUIREMENTS" "$VENV/requirements.txt"
