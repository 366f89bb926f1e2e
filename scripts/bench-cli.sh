#!/usr/bin/env bash
# Times `bin/vici` against swanctl and a Java hello-world, alternately in one run, on a real lab charon
# with N IKE_SAs up, and prints the medians and ratios (markdown). Run as root after building
# (./mvnw -B -ntp -o -pl cli -am package -DskipTests).
#   scripts/bench-cli.sh [--sas N] [RUNS]        (defaults: N = 1000, RUNS = 15)
# Each round runs every command once, in a fixed order (hello, vici, swanctl, vici, swanctl, ...), so that
# load from other work on the machine hits all of them alike; medians of wall time and of CPU time
# (user + sys of the process and its children) are reported. Raw figures: target/bench-cli/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

die() { echo "bench-cli: $*" >&2; exit 1; }
log() { echo "bench-cli: $(date +%T) $*" >&2; }

n=1000
if [[ ${1:-} == --sas ]]; then n=${2:?--sas needs a number}; shift 2; fi
runs=${1:-15}
[[ $n =~ ^[0-9]+$ ]] && (( n >= 1 && n <= 1022 )) || die "N must be a number from 1 to 1022 (vici-lab --hosts)"
[[ $runs =~ ^[0-9]+$ ]] && (( runs >= 1 )) || die "RUNS must be a positive number"
(( EUID == 0 )) || die "needs root (the lab creates network namespaces)"
[[ -f cli/target/vici.jar ]] || die "build first: ./mvnw -B -ntp -o -pl cli -am package -DskipTests"
command -v swanctl >/dev/null || die "needs swanctl (apt-get install -y strongswan-swanctl)"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
command -v "$javac" >/dev/null || die "needs javac for the hello-world (a JDK, e.g. openjdk-17-jdk-headless)"

out=$root/target/bench-cli
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
lab=
controller=
cleanup() {
  [[ -n $controller ]] && kill "$controller" 2>/dev/null || :
  [[ -n $lab ]] && bin/vici-lab destroy "$lab" >/dev/null 2>&1 || :
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- configurations (as scripts/bench-scale.sh)
# shellcheck source=scripts/lib/tunnels.sh
. scripts/lib/tunnels.sh
write_tunnel_configs "$n" "$work" c bench-cli bench-cli-psk
for d in x509 x509ca x509ocsp x509aa x509ac x509crl pubkey private rsa ecdsa bliss pkcs8 pkcs12; do mkdir -p "$work/$d"; done
mkdir -p "$work/hello"
cat > "$work/hello/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
"$javac" -d "$work/hello" "$work/hello/Hello.java"

# ---------------------------------------------------------------- lab with N IKE_SAs
log "creating the lab (--hosts $n)"
lab=$(bin/vici-lab create --owner $$ --hosts "$n" a:libipsec b:libipsec)
A=$(bin/vici-lab info "$lab" a | tr ' ' '\n' | sed -n 's/^uri=//p')
B=$(bin/vici-lab info "$lab" b | tr ' ' '\n' | sed -n 's/^uri=//p')
swanctl --load-all --file "$work/b.conf" --uri "$B" >/dev/null
export VICI_URI=$A
sas() { swanctl --list-sas --raw --uri "$A" | grep -c '^list-sa event' || true; }
log "bringing up $n IKE_SAs (vici controller, ensure: up)"
bin/vici controller -f "$work/a.yaml" --status-file "$work/status.json" >"$out/controller.out" 2>&1 &
controller=$!
for _ in $(seq 1 240); do
  (( $(sas) >= n )) && break
  sleep 1
done
kill "$controller"; wait "$controller" 2>/dev/null || :
controller=
up=$(sas)
log "$up of $n IKE_SAs up"

# ---------------------------------------------------------------- the archive, outputs checked once
bin/vici --version >/dev/null
cds_dir=${VICI_CDS_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/vici}
for _ in $(seq 1 600); do
  compgen -G "$cds_dir/*.lock" >/dev/null || break
  sleep 0.1
done
bin/vici list-sas -o json > "$out/list-sas.json"
bin/vici list-sas -o yaml > "$out/list-sas.yaml"
got=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$out/list-sas.json")
[[ $got == "$up" ]] || die "vici list-sas -o json printed $got IKE_SAs, charon has $up"

# ---------------------------------------------------------------- alternated runs
names=("java Hello (hello-world, same JVM)" "vici --version (no charon)" "vici version" "swanctl --version --daemon"
  "vici list-sas -o json" "swanctl --list-sas --raw" "vici list-sas" "swanctl --list-sas" "vici list-sas -o yaml")
cmds=("$java -cp $work/hello Hello" "bin/vici --version" "bin/vici version" "swanctl --version --daemon --uri $A"
  "bin/vici list-sas -o json" "swanctl --list-sas --raw --uri $A" "bin/vici list-sas" "swanctl --list-sas --uri $A"
  "bin/vici list-sas -o yaml")
log "timing ${#cmds[@]} commands, $runs rounds, alternated"
TIMEFORMAT='%R %U %S'
for ((r = 1; r <= runs; r++)); do
  for i in "${!cmds[@]}"; do
    # shellcheck disable=SC2086
    { time ${cmds[$i]} >/dev/null 2>"$out/stderr-$i"; } 2>>"$out/times-$i" \
      || die "'${cmds[$i]}' failed: $(cat "$out/stderr-$i")"
  done
done
load=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$out" "$runs" "$n" "$up" "$load" "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')" \
  "$(swanctl --version --daemon --uri "$A" | head -n 1)" "$(nproc)" "${names[@]}" <<'PY'
import statistics, sys
out, runs, n, up, load, jdk, charon, cpus = sys.argv[1:9]
names = sys.argv[9:]
wall, cpu = [], []
for i in range(len(names)):
    rows = [l.split() for l in open(f"{out}/times-{i}") if l.strip()]
    wall.append(statistics.median(float(r[0]) for r in rows) * 1000)
    cpu.append(statistics.median(float(r[1]) + float(r[2]) for r in rows) * 1000)
print(f"Run of {runs} alternated rounds, {up} of {n} IKE_SAs up; JDK {jdk}; {charon}; {cpus} CPUs; "
      f"load average at the end {load}.")
print()
print("| command | median wall [ms] | median CPU [ms] |")
print("| --- | ---: | ---: |")
for i, name in enumerate(names):
    print(f"| `{name}` | {wall[i]:.0f} | {cpu[i]:.0f} |")
print()
print("| ratio | wall | CPU | target |")
print("| --- | ---: | ---: | --- |")
for a, b, target in ((2, 0, "<= 2.5x"), (2, 3, ""), (4, 5, "<= 2x"), (6, 7, "<= 2x"), (8, 5, "")):
    print(f"| `{names[a]}` / `{names[b]}` | {wall[a] / wall[b]:.2f}x | {cpu[a] / cpu[b]:.2f}x | {target} |")
PY
