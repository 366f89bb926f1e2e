#!/usr/bin/env bash
# Soak test (not CI): a lab of two charons with N tunnels (default 100) kept up by one `vici controller`
# on gateway a, and random faults injected for a duration, one at a time, each followed by a wait for
# recovery. Run as root after building:
#   ./mvnw -B -ntp -o -q -pl cli -am package -DskipTests
#   scripts/soak.sh [--minutes M] [--tunnels N] [--seed S] [--strongswan6]
# M: minutes of fault injection (default 30). Faults, each kind once per round in a random order: charon a SIGKILLed and started again (empty);
# charon a SIGSTOPped for 5-30 s (past the controller's 20 s liveness limit about half the time) then
# SIGCONT; the peer (charon b) restarted and given its configuration at once, or 20 s late; the
# controller kill -9'd and started again (it must adopt the running IKE_SAs); the configuration file
# truncated (emptied or cut in half) for 10 s, then restored; an edit burst (10 rewrites in 2 s adding and
# removing a connection). charon a is probed once a second with `swanctl --list-sas` (installed
# CHILD_SAs, IKE_SAs, duplicates). Prints the faults injected, the recoveries observed (all N installed,
# one IKE_SA each) with their times, the longest outage (a probe with fewer than N installed) and what is
# left down at the end. Raw data in target/soak/ (probe.txt, faults.txt, controller.log, summary.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

die() { echo "soak: $*" >&2; exit 1; }
log() { echo "soak: $(date -u +%T) $*" >&2; }

minutes=30 n=100 seed=$$ ss6=()
while (( $# )); do
  case $1 in
    --minutes) minutes=${2:?--minutes needs a number}; shift 2;;
    --tunnels) n=${2:?--tunnels needs a number}; shift 2;;
    --seed) seed=${2:?--seed needs a number}; shift 2;;
    --strongswan6) ss6=(--charon-root /var/lib/vici4j/strongswan6); shift;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0;;
    *) die "unknown argument '$1' (see --help)";;
  esac
done
[[ $minutes =~ ^[0-9]+$ ]] && (( minutes >= 1 )) || die "--minutes must be a positive number"
[[ $n =~ ^[0-9]+$ ]] && (( n >= 1 && n <= 1022 )) || die "--tunnels must be a number from 1 to 1022"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a number"
[[ $(id -u) -eq 0 ]] || die "run as root (network namespaces and charon need root)"
[[ -f cli/target/vici.jar ]] || die "cli/target/vici.jar is missing; build first: ./mvnw -B -ntp -o -q -pl cli -am package -DskipTests"
command -v swanctl >/dev/null || die "needs swanctl (apt-get install -y strongswan-swanctl)"
command -v python3 >/dev/null || die "needs python3 (configuration generator, report)"
bin/vici-lab check "${ss6[@]}" >/dev/null || { bin/vici-lab check "${ss6[@]}" >&2 || true; die "this machine cannot run a charon lab (see above)"; }
RANDOM=$seed

out=$root/target/soak
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d /tmp/soak.XXXXXX)
lab="" ctl_pid="" probe_pid="" ns_a=""
cleanup() {
  local rc=$?
  [[ -z $probe_pid ]] || kill "$probe_pid" 2>/dev/null || true
  [[ -z $ctl_pid ]] || { kill "$ctl_pid" 2>/dev/null || true; wait "$ctl_pid" 2>/dev/null || true; }
  [[ -z $lab ]] || { kill -CONT $(ip netns pids "$ns_a" 2>/dev/null) 2>/dev/null || true; bin/vici-lab destroy "$lab" >/dev/null 2>&1 || true; }
  rm -rf "$work"
  (( rc == 0 )) || echo "soak: failed (exit $rc); raw data in $out" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- lab and configurations
log "creating the lab (2 gateways, $n tunnels${ss6:+, strongSwan 6})"
lab=$(bin/vici-lab create --owner $$ --hosts "$n" "${ss6[@]}" a:libipsec b:libipsec)
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
info_a=$(bin/vici-lab info "$lab" a); info_b=$(bin/vici-lab info "$lab" b)
A=$(field "$info_a" uri); ns_a=$(field "$info_a" ns); ns_b=$(field "$info_b" ns)
# shellcheck source=scripts/lib/tunnels.sh
. scripts/lib/tunnels.sh
write_tunnel_configs "$n" "$work" t soak soak-secret
# the edit burst's variant: one more connection (ensure: loaded, no peer needed)
python3 - "$work" <<'PY'
import sys
out = sys.argv[1]
y = open(f"{out}/a.yaml").read().split("\n")
extra = ["  burst:", "    local_addrs: 192.0.2.1", "    remote_addrs: 192.0.2.99", "    local: {auth: psk, id: a-burst}",
         "    remote: {auth: psk, id: b-burst}", "    children:", "      burst: {local_ts: 198.18.0.1/32, ensure: loaded}"]
k = y.index("secrets:")
open(f"{out}/a-extra.yaml", "w").write("\n".join(y[:k] + extra + y[k:]))
PY
cp "$work/a.yaml" "$work/a.good"
cfg=$work/controller.yaml
cp "$work/a.yaml" "$cfg"
load_b() { bin/vici-lab load "$lab" b "$work/b.conf" >/dev/null; }
load_b

# ---------------------------------------------------------------- probe: one line a second
# epoch_ms installed_children ike_sas duplicated_names (installed -1: charon did not answer in 3 s)
sas() { timeout 3 swanctl --list-sas --raw --uri "$A" 2>/dev/null; }
probe_line() {
  local raw
  if raw=$(sas); then
    awk -v t="$(date +%s%3N)" '/^list-sa event \{/ { name = $3; sub(/^\{/, "", name); ike++; seen[name]++;
         inst += gsub(/state=INSTALLED/, "") }
      END { d = 0; for (k in seen) if (seen[k] > 1) d++; printf "%s %d %d %d\n", t, inst, ike, d }' <<<"$raw"
  else
    echo "$(date +%s%3N) -1 -1 0"
  fi
}
uniqueids() { sas | awk '/^list-sa event \{/ { name = $3; sub(/^\{/, "", name); for (i = 4; i <= NF; i++)
  if ($i ~ /^\{?uniqueid=/) { v = $i; sub(/.*=/, "", v); print name, v; break } }' | sort; }
( while :; do probe_line >> "$out/probe.txt"; sleep 1; done ) &
probe_pid=$!
last() { tail -n 1 "$out/probe.txt" 2>/dev/null || echo "0 0 0 0"; }
healthy() { read -r _ inst ike dup <<<"$(last)"; (( inst == n && ike == n && dup == 0 )); }

start_controller() {
  bin/vici --uri "$A" controller -f "$cfg" --status-file "$work/status.json" >> "$out/controller.log" 2>&1 &
  ctl_pid=$!
}
wait_healthy() { # SECONDS: waits for all N installed, one IKE_SA each; prints the ms it took or 'no'
  local t0 end; t0=$(date +%s%3N); end=$(( $(date +%s) + $1 ))
  sleep 1.5
  while (( $(date +%s) < end )); do
    if healthy; then echo $(( $(date +%s%3N) - t0 )); return 0; fi
    sleep 1
  done
  echo no
}

log "starting the controller; waiting for all $n tunnels"
start_controller
up=$(wait_healthy 300)
[[ $up != no ]] || die "the controller did not bring all $n tunnels up within 300 s (see $out/controller.log)"
log "all $n up after $up ms; injecting faults for $minutes min (seed $seed)"

# ---------------------------------------------------------------- faults
charon_pids() { ip netns pids "$1" 2>/dev/null || true; }
fault_charon_kill() { kill -KILL $(charon_pids "$ns_a"); sleep 0.5; bin/vici-lab start "$lab" a libipsec >/dev/null; }
fault_charon_stop() { local s=$(( 5 + RANDOM % 26 )); echo "stopped ${s}s" > "$work/detail"
  kill -STOP $(charon_pids "$ns_a"); sleep "$s"; kill -CONT $(charon_pids "$ns_a"); }
fault_peer_restart() { bin/vici-lab restart "$lab" b libipsec >/dev/null; load_b; }
fault_peer_late() { bin/vici-lab restart "$lab" b libipsec >/dev/null; sleep 20; load_b; }
fault_controller_kill() {
  uniqueids > "$work/ids.before"
  kill -KILL "$ctl_pid"; wait "$ctl_pid" 2>/dev/null || true
  sleep 1; start_controller
}
fault_truncate() {
  if (( RANDOM % 2 )); then : > "$cfg"; echo "emptied" > "$work/detail"
  else head -c $(( $(stat -c %s "$work/a.good") / 2 )) "$work/a.good" > "$cfg"; echo "cut in half" > "$work/detail"; fi
  sleep 10
  cp "$work/a.good" "$cfg.tmp" && mv -f "$cfg.tmp" "$cfg"
}
fault_edit_burst() {
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    if (( i % 2 )); then cp "$work/a-extra.yaml" "$cfg.tmp"; else cp "$work/a.good" "$cfg.tmp"; fi
    mv -f "$cfg.tmp" "$cfg"; sleep 0.2
  done
}
kinds=(charon_kill charon_stop peer_restart peer_late controller_kill truncate edit_burst)
: > "$out/faults.txt"
deadline=$(( $(date +%s) + minutes * 60 ))
order=()
while (( $(date +%s) < deadline )); do
  if (( ${#order[@]} == 0 )); then # every kind once per round, in a random order
    order=("${kinds[@]}")
    for (( i = ${#order[@]} - 1; i > 0; i-- )); do j=$(( RANDOM % (i + 1) )); t=${order[i]}; order[i]=${order[j]}; order[j]=$t; done
  fi
  kind=${order[0]}; order=("${order[@]:1}")
  : > "$work/detail"
  t0=$(date +%s%3N)
  log "fault: $kind"
  "fault_$kind"
  t1=$(date +%s%3N)
  rec=$(wait_healthy 240)
  extra=""
  if [[ $kind == controller_kill && $rec != no ]]; then
    uniqueids > "$work/ids.after"
    kept=$(comm -12 "$work/ids.before" "$work/ids.after" | wc -l)
    extra="adopted=$kept/$(wc -l < "$work/ids.before")"
  fi
  if [[ $kind == edit_burst && $rec != no ]]; then
    sleep 3
    conns=$(timeout 5 swanctl --list-conns --raw --uri "$A" | grep -c '^list-conn event' || true)
    extra="conns=$conns"
  fi
  echo "$kind $t0 $t1 $rec $(cat "$work/detail" | tr ' ' '_') $extra" >> "$out/faults.txt"
  log "  $(tail -n 1 "$out/faults.txt" | cut -d' ' -f4-) (recovered ms after the fault's end, or no)"
  sleep $(( 5 + RANDOM % 11 ))
done

# ---------------------------------------------------------------- end state and report
sleep 5
final=$(last)
ctl_alive=no; kill -0 "$ctl_pid" 2>/dev/null && ctl_alive=yes
conns=$(timeout 5 swanctl --list-conns --raw --uri "$A" | grep -c '^list-conn event' || true)
bin/vici status --status-file "$work/status.json" > "$out/status-final.txt" 2>&1 || true
python3 - "$n" "$minutes" "$out" "$final" "$ctl_alive" "$conns" <<'PY' | tee "$out/summary.txt"
import collections, statistics, sys
n, minutes, out, final, alive, conns = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5], sys.argv[6]
probes = [list(map(int, l.split())) for l in open(f"{out}/probe.txt") if len(l.split()) == 4]
faults = [l.split() for l in open(f"{out}/faults.txt") if l.strip()]
print(f"soak: {n} tunnels, {minutes} min of faults, {len(faults)} faults injected")
by = collections.OrderedDict()
for f in faults:
    by.setdefault(f[0], []).append(f)
print(f"{'fault':<16} {'count':>5} {'recovered':>9} {'median':>8} {'max':>8}  notes")
for k, fs in by.items():
    rec = [int(f[3]) for f in fs if f[3] != "no"]
    notes = " ".join(sorted(set(" ".join(f[4:]).replace("_", " ") for f in fs if len(f) > 4)))[:200]
    med = f"{statistics.median(rec) / 1000:.1f}s" if rec else "-"
    mx = f"{max(rec) / 1000:.1f}s" if rec else "-"
    print(f"{k:<16} {len(fs):>5} {len(rec):>4}/{len(fs):<4} {med:>8} {mx:>8}  {notes}")
# outages: runs of probes with fewer than n installed (or no answer)
longest, start, outages = 0, None, 0
for t, inst, ike, dup in probes:
    bad = inst != n
    if bad and start is None:
        start = t
        outages += 1
    elif not bad and start is not None:
        longest = max(longest, t - start); start = None
if start is not None:
    longest = max(longest, probes[-1][0] - start)
dups = sum(1 for p in probes if p[3] > 0)
print(f"probes: {len(probes)}; outages (a probe with fewer than {n} installed): {outages}; longest {longest / 1000:.1f}s;"
      f" probes showing a duplicated IKE_SA: {dups}")
inst, ike, dup = int(final[1]), int(final[2]), int(final[3])
print(f"end: {inst}/{n} CHILD_SAs installed, {ike} IKE_SAs, {dup} duplicated, {conns} connections loaded, "
      f"controller running: {alive}" + ("" if inst == n and ike == n and dup == 0 else "  <-- LEFT DOWN"))
PY
