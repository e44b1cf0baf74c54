#!/usr/bin/env bash
# npm test: the whole suite in a fixed order, every gate on.
# install (lockfile) → typecheck → lint/format → unit+integration → build → browser e2e
source "$(dirname "$0")/lib.sh"
started=$(date +%s)
install_deps

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "› installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

echo "› typecheck"; pnpm run typecheck
echo "› lint + format check + import cycles"; pnpm run lint
echo "› unit + integration"; pnpm exec vitest run --project unit
echo "› build"; pnpm run build
echo "› browser e2e"; pnpm exec vitest run --project e2e
echo "› whole suite took $(( $(date +%s) - started ))s"
