#!/usr/bin/env bash
# Installs Prism, which the Spotify client tests start on loopback to check their requests against
# Spotify's public Web API spec (npm, from package-lock.json). Idempotent: does nothing when the
# locked version is already installed.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null; then
    echo "spotify peer: npm is missing; install Node.js 20 or later with npm" >&2
    exit 1
fi

wanted=$(node -p "require('./package-lock.json').packages['node_modules/@stoplight/prism-cli'].version")
have=$(node -p "try { require('./node_modules/@stoplight/prism-cli/package.json').version } catch { '' }")
if [[ "$wanted" == "$have" ]]; then
    echo "spotify peer: @stoplight/prism-cli $have present"
    exit 0
fi

npm ci --no-audit --no-fund --loglevel=error
echo "spotify peer: installed @stoplight/prism-cli $wanted"
