#!/usr/bin/env bash
# npm start: install, build, then serve the board with the embedded SQLite store.
source "$(dirname "$0")/lib.sh"
install_deps
echo "› building"
pnpm run build
# exec so that the signalled PID is the server itself (graceful shutdown flushes the store).
# V8 flags the server runs with (server/nodeFlags.json; the benchmark uses the same).
mapfile -t NODE_FLAGS < <(node -e 'for (const f of require("./server/nodeFlags.json")) console.log(f)')
exec node "${NODE_FLAGS[@]}" server/dist/main.js
