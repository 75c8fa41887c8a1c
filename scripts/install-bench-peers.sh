#!/usr/bin/env bash
# Installs what the comparison benchmark (Bench/compare-analysers.sh) runs beside our analyser:
# the Debian peers and renderers (install-deps.sh --bench) and essentia.js from npm into
# Bench/peers/node_modules. essentia.js is AGPL-3.0: it stays in that folder, is run as a separate
# node process on decoded audio, and is never linked, bundled or shipped.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --bench
npm install --prefix Bench/peers --no-audit --no-fund --loglevel=error
echo "install-bench-peers: done"
