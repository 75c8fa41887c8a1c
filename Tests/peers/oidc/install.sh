#!/usr/bin/env bash
# Installs the OpenID Connect provider the sign-in tests start on loopback (npm, from
# package-lock.json). Idempotent: does nothing when the locked version is already installed.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null; then
    echo "oidc peer: npm is missing; install Node.js 20 or later with npm" >&2
    exit 1
fi

wanted=$(node -p "require('./package-lock.json').packages['node_modules/oidc-provider'].version")
have=$(node -p "try { require('./node_modules/oidc-provider/package.json').version } catch { '' }")
if [[ "$wanted" == "$have" ]]; then
    echo "oidc peer: oidc-provider $have present"
    exit 0
fi

npm ci --no-audit --no-fund --loglevel=error
echo "oidc peer: installed oidc-provider $wanted"
