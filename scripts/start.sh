#!/usr/bin/env bash
# npm start: install, build, then serve the board with the embedded SQLite store.
source "$(dirname "$0")/lib.sh"
install_deps
echo "› building"
pnpm run build
# exec so that the signalled PID is the server itself (graceful shutdown flushes the store).
exec node server/dist/main.js
