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
results="$ROOT/tests/.artifacts"
mkdir -p "$results"
rm -f "$results"/*.json
echo "› unit + integration"
pnpm exec vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
echo "› build"; pnpm run build
echo "› browser e2e"
pnpm exec vitest run --project e2e --reporter=default --reporter=json --outputFile.json="$results/e2e.json"
echo "› whole suite took $(( $(date +%s) - started ))s"
# One plain closing line for CI: every test of both runs, passed and failed.
node -e '
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    const report = require(file);
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$results/unit.json" "$results/e2e.json"
