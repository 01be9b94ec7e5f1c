#!/usr/bin/env bash
# The test command: installs the external tools the tests use, then runs the whole JUnit suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
exec mvn -B -ntp verify "$@"
