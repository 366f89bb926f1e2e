#!/usr/bin/env bash
# Times `bin/vici` against swanctl in the same run, on a real charon of the lab, with hyperfine,
# and prints the ratios. Run as root after building (./mvnw -DskipTests package).
#   scripts/bench-cli.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-30}
command -v hyperfine >/dev/null || { echo "bench-cli: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
[[ -f cli/target/vici.jar ]] || { echo "bench-cli: build first: ./mvnw -DskipTests package" >&2; exit 1; }

lab=$(bin/vici-lab create a:libipsec b:libipsec)
trap 'bin/vici-lab destroy "$lab"' EXIT
uri=$(bin/vici-lab info "$lab" a | tr ' ' '\n' | sed -n 's/^uri=//p')
conf=$(mktemp)
for side in a b; do
  if [[ $side == a ]]; then l=1 r=2 lts=198.18.0.0/22 rts=198.18.4.0/22; else l=2 r=1 lts=198.18.4.0/22 rts=198.18.0.0/22; fi
  cat > "$conf" <<CONF
connections { net { local_addrs = 192.0.2.$l
  remote_addrs = 192.0.2.$r
  local { auth = psk
    id = gw$l }
  remote { auth = psk
    id = gw$r }
  children { net { local_ts = $lts
    remote_ts = $rts } } } }
secrets { ike-1 { id-1 = gw1
  id-2 = gw2
  secret = bench } }
CONF
  bin/vici-lab load "$lab" "$side" "$conf" >/dev/null
done
rm -f "$conf"
bin/vici-lab swanctl "$lab" a --initiate --child net >/dev/null

export VICI_URI=$uri
table=$(mktemp)
hyperfine -N --warmup 3 --runs "$runs" --style basic --export-markdown "$table" \
  -n "swanctl --version --daemon" "swanctl --version --daemon --uri $uri" \
  -n "vici version" "bin/vici version" \
  -n "swanctl --list-sas --raw" "swanctl --list-sas --raw --uri $uri" \
  -n "vici list-sas -o json" "bin/vici list-sas -o json" \
  -n "vici --version (no charon)" "bin/vici --version"
echo
cat "$table"
rm -f "$table"
