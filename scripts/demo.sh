#!/usr/bin/env bash
# The main job, on the lab: builds vici4j, starts three real charon gateways in network
# namespaces (a hub on libipsec; spoke1 on libipsec; spoke2 on netlink, whose kernel refuses the
# SAD entries) and one vici4j controller per gateway with the YAML files in examples/config.
# It prints each controller's status as it changes: spoke1's tunnel installed; spoke2's CHILD_SA
# failing in its own kernel, classified and retried with growing delays, while the hub sees
# spoke2's DELETE. Then it fixes the fault (restarts spoke2's charon on libipsec) and shows
# spoke2's tunnel come up with no intervention. Everything is removed at the end, or on Ctrl-C.
# Run as root on Debian/Ubuntu.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

FAILING_SECONDS=${DEMO_FAILING_SECONDS:-25}
RECOVER_SECONDS=${DEMO_RECOVER_SECONDS:-30}

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/install-deps.sh
say "building vici4j"
./mvnw -B -q -ntp -DskipTests package
bin/vici-lab destroy-stale >/dev/null

work=$(mktemp -d /tmp/vici4j-demo.XXXXXX)
lab=""
pids=()
cleanup() {
  local p
  for p in "${pids[@]+"${pids[@]}"}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]+"${pids[@]}"}"; do wait "$p" 2>/dev/null || true; done
  [[ -z $lab ]] || bin/vici-lab destroy "$lab"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting the lab: hub (libipsec), spoke1 (libipsec), spoke2 (netlink) on one bridge"
lab=$(bin/vici-lab create --bridge hub:libipsec spoke1:libipsec spoke2:netlink)
bin/vici-lab info "$lab" | awk '{print "  " $1, $3, $4, $5}'

uri() { bin/vici-lab info "$lab" "$1" | tr ' ' '\n' | sed -n 's/^uri=//p'; }

say "starting one controller per gateway"
for gw in hub spoke1 spoke2; do
  bin/vici --uri "$(uri "$gw")" controller -f "examples/config/$gw.yaml" \
    --status-file "$work/$gw.status.json" > "$work/$gw.controller.log" 2>&1 &
  pids+=($!)
  echo "  $gw: bin/vici --uri $(uri "$gw") controller -f examples/config/$gw.yaml (log: $work/$gw.controller.log)"
done

declare -A last
show_changes() {
  local gw out
  for gw in hub spoke1 spoke2; do
    [[ -s $work/$gw.status.json ]] || continue
    out=$(bin/vici status --status-file "$work/$gw.status.json" 2>&1 || true)
    if [[ $out != "${last[$gw]:-}" ]]; then
      last[$gw]=$out
      printf '\n[%s] %s controller status:\n%s\n' "$(date +%T)" "$gw" "$(sed 's/^/  /' <<<"$out")"
    fi
  done
}
watch_for() {
  local seconds=$1 i
  for (( i = 0; i < seconds; i++ )); do show_changes; sleep 1; done
  show_changes
}

say "spoke2's kernel has no ESP: watching its CHILD_SA fail and retry for ${FAILING_SECONDS}s"
watch_for "$FAILING_SECONDS"

say "the hub saw spoke2's DELETE for the CHILD_SA it could not install:"
bin/vici-lab log "$lab" hub | grep -E "received DELETE for ESP CHILD_SA|closing CHILD_SA spoke2" | tail -n 4 | sed 's/^/  /' || true

say "fixing the fault: restarting spoke2's charon on libipsec (its controller is not touched)"
bin/vici-lab restart "$lab" spoke2 libipsec
watch_for "$RECOVER_SECONDS"

say "SAs on spoke2 now:"
bin/vici-lab swanctl "$lab" spoke2 --list-sas | sed 's/^/  /'
say "done; cleaning up"
