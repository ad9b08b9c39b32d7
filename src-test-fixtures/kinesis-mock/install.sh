#!/usr/bin/env bash
# Installs the Kinesis emulator pinned by package-lock.json with `npm ci`, unless node_modules
# already holds what this lock file pins. npm ci deletes node_modules first: run on every build,
# it pulled the files from under emulators that tests or ./demo were running from there.
# The stamp is a copy of the lock file, written only once npm ci succeeded (the next npm ci
# deletes it with the rest of node_modules, so a failed install is never taken as done).
# Used by the build (src-test-fixtures/pom.xml) and by ./demo.
set -euo pipefail
cd "$(dirname "$0")"
STAMP=node_modules/.installed-from-package-lock.json
if [ -f node_modules/kinesis-local/main.js ] && cmp -s package-lock.json "$STAMP"; then
  exit 0
fi
echo "installing the Kinesis emulator: npm ci in $PWD"
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$STAMP"
