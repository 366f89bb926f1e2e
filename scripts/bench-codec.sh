#!/usr/bin/env bash
# Runs the VICI codec's JMH benchmarks (vici-client/src/test/java/org/vici4j/client/bench).
#
# Usage: scripts/bench-codec.sh [JMH options and benchmark regexps]
#   no arguments: a short run of every codec benchmark (-wi 3 -i 3 -f 1 -w 1s -r 1s, about a minute)
#   e.g.          scripts/bench-codec.sh -wi 5 -i 10 -f 3 ListSasBenchmark
#   JMH's help:   scripts/bench-codec.sh -h
# Builds into vici-client/$VICI4J_BUILD_DIR (default target-bench), so it does not disturb other builds.
# Extra Maven options (e.g. -o for offline) go in $MAVEN_ARGS. Results: docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=${VICI4J_BUILD_DIR:-target-bench}
mvn_cmd=${MVN:-./mvnw}
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
"$mvn_cmd" -B -q -ntp ${MAVEN_ARGS:-} -Dvici4j.buildDir="$build_dir" -pl vici-client -am \
  test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$build_dir/bench-classpath.txt"

module=vici-client/$build_dir
classpath="$module/test-classes:$module/classes:$(cat "$module/bench-classpath.txt")"
if [[ $# -eq 0 ]]; then
  set -- -wi 3 -i 3 -f 1 -w 1s -r 1s 'org\.vici4j\.client\.bench\..*Benchmark'
fi
echo "bench-codec: $(nproc) CPU(s), $(java -version 2>&1 | head -n1), JMH options: $*" >&2
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
