#!/usr/bin/env bash
# The first thing to try after cloning: `npm ci && npm run demo`.
# Builds the CLI, scaffolds an AssemblyScript auth plugin into a temporary folder with `new`, compiles it with
# `build`, and calls `authenticate` through the embedded host with `run` — once with the right token, once wrong.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "Build the CLI bundle"
show node scripts/build.mjs --bundle-only
cli="node $PWD/dist/cli.js"

work="$(mktemp -d "${TMPDIR:-/tmp}/mockforge-demo.XXXXXX")"
plugin="$work/demo-auth"
trap 'rm -rf "$work"' EXIT
start=$(date +%s%N)

step "Scaffold an AssemblyScript auth plugin"
show $cli new "$plugin" --lang assemblyscript --type auth

step "Build it (asc, with a source map)"
show $cli build "$plugin"

step "Call authenticate with the configured token (saved request valid-token.json)"
show $cli run "$plugin" --request "$plugin/.mockforge/requests/valid-token.json"
first=$(date +%s%N)

step "And with a wrong token"
show $cli run "$plugin" --request "$plugin/.mockforge/requests/wrong-token.json"

step "Same request, token overridden on the command line"
show $cli run "$plugin" --request "$plugin/.mockforge/requests/valid-token.json" --config token=rotated --compact || true

printf '\nTime to first plugin (new → build → first run): %s ms. The project was in %s (removed on exit).\n' \
  "$(( (first - start) / 1000000 ))" "$plugin"
