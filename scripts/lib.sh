# Shared by start.sh and test.sh: bootstrap the pinned pnpm locally and install from the lockfile.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PNPM_VERSION=12.4.2
# better-sqlite3 compiles from source offline; node-gyp must use the local Node headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export PATH="$ROOT/.tools/node_modules/.bin:$ROOT/node_modules/.bin:$PATH"

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ] || [ ! -x "$ROOT/.tools/node_modules/.bin/pnpm" ]; then
    echo "› installing pnpm@$PNPM_VERSION into .tools/"
    npm install --prefix "$ROOT/.tools" --no-save --no-package-lock -E "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

install_deps() {
  ensure_pnpm
  echo "› pnpm install (frozen lockfile)"
  pnpm install --frozen-lockfile --reporter=append-only
}
