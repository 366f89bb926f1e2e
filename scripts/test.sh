#!/usr/bin/env bash
# The test command: installs what the tests need (as root, on Debian/Ubuntu), then builds
# vici4j and runs every test: unit tests (surefire) and the integration tests against real
# charon daemons in network namespaces (failsafe). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
# Leftovers of an earlier run that was killed (namespaces, daemons) would only waste memory.
bin/vici-lab destroy-stale
./mvnw -B -ntp verify "$@"
# The release archive (dist/target/vici4j-VERSION.tar.gz) unpacked elsewhere runs with only Java
# (not after a partial build, -pl ..., which may not have built it).
if [[ " $* " != *" -pl "* && " $* " != *" --projects "* ]]; then
  scripts/check-release.sh
fi
