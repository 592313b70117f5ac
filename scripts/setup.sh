#!/usr/bin/env bash
# Installs what builds and tests need: Debian toolchains for the test plugins, npm dependencies.
# Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { echo "[setup $(date +%T)] $*"; }

apt_pkgs=()
command -v clang >/dev/null || apt_pkgs+=(clang)
command -v wasm-ld >/dev/null || apt_pkgs+=(lld)
[ -d /usr/include/wasm32-wasi ] || apt_pkgs+=(wasi-libc)
[ -f /usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a ] || apt_pkgs+=(libclang-rt-dev-wasm32)
[ -x /usr/bin/rustc ] || apt_pkgs+=(rustc)
[ -d /usr/lib/rustlib/wasm32-wasi ] || apt_pkgs+=(libstd-rust-dev-wasm32)
command -v openssl >/dev/null || apt_pkgs+=(openssl)  # remote TLS tests make their certificates with it
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  say "apt-get install ${apt_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python for remote plugins: the SDK's dependencies and the SDK itself (editable, from this tree), for the remote tests.
py_ok=$(python3 - <<'PY' 2>/dev/null || true
import importlib.util, os
mods = ["fastapi", "uvicorn", "grpc", "grpc_tools", "pytest", "httpx", "pydantic", "debugpy"]
missing = [m for m in mods if importlib.util.find_spec(m) is None]
spec = importlib.util.find_spec("mockforge_plugin")
here = os.path.realpath("sdk/python/mockforge_plugin")
print("yes" if not missing and spec and os.path.realpath(os.path.dirname(spec.origin)) == here else "no")
PY
)
if [ "$py_ok" != "yes" ]; then
  say "pip install fastapi uvicorn grpcio grpcio-tools pytest httpx debugpy -e sdk/python"
  python3 -m pip install -q --disable-pip-version-check fastapi uvicorn grpcio grpcio-tools pytest httpx debugpy -e sdk/python
fi

# componentize-py (PyPI) builds the Python component of test/component; the tests skip that part without it.
if ! command -v componentize-py >/dev/null; then
  say "pip install componentize-py"
  python3 -m pip install -q --disable-pip-version-check componentize-py==0.25.1 || say "componentize-py could not be installed: its tests are skipped"
fi

# Go >= 1.24 (GOOS=wasip1 with //go:wasmexport) builds the Go SDK, Go templates and Go test plugins. Debian's Go is
# too old, so it comes with the machine (polyglot image) or from https://go.dev/dl/; without it those tests skip.
if ! command -v go >/dev/null || ! go version | grep -Eq 'go1\.(2[4-9]|[3-9][0-9])'; then
  say "Go >= 1.24 not found: the Go SDK, template and plugin tests will be skipped"
fi
