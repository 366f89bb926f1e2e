#!/usr/bin/env bash
# Makes a root file system holding strongSwan 6.x from Debian's packages, for the lab's
# strongSwan 6 gateways (vici-lab create --charon-root DIR). The host keeps its own strongSwan
# (5.9.8 on Debian 12); the lab runs the 6.x charon chrooted, one per network namespace.
#
#   VICI4J_STRONGSWAN6_ROOT   where (default /var/lib/vici4j/strongswan6)
#   VICI4J_STRONGSWAN6_SUITE  Debian suite(s) to take it from, tried in order (default "forky sid":
#                             strongSwan 6.1, which has the vici 'alert' event of 6.0.3+; trixie has
#                             6.0.1). A testing suite can be uninstallable for a while: sid is next.
#   VICI4J_DEBIAN_MIRROR      Debian archive to use (default: the one this host's apt uses)
#
# Does nothing if the root exists and holds a strongSwan 6 charon. Run as root.
set -euo pipefail

root=${VICI4J_STRONGSWAN6_ROOT:-/var/lib/vici4j/strongswan6}
suites=${VICI4J_STRONGSWAN6_SUITE:-forky sid}
packages=strongswan-charon,strongswan-swanctl,libstrongswan-standard-plugins,libstrongswan-extra-plugins,libcharon-extra-plugins

die() { echo "install-strongswan6: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (sudo $0): it runs debootstrap and chroot"

version() { chroot "$root" /usr/lib/ipsec/charon --version 2>/dev/null | head -n1; }
if [[ -x $root/usr/lib/ipsec/charon ]] && [[ $(version) == "strongSwan 6."* ]]; then
  echo "install-strongswan6: $(version) in $root"
  exit 0
fi

# The Debian archive this host's apt already uses (deb822 .sources or one-line sources.list).
host_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    awk 'BEGIN{RS=""} /(^|\n)Suites:[^\n]*[a-z]/ && !/-security/ {
           if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { u=substr($0, RSTART, RLENGTH); sub(/URIs:[ \t]*/, "", u);
           if (u ~ /\/debian\/?$/) { print u; exit } } }' "$f"
  done
  if [[ -r /etc/apt/sources.list ]]; then
    awk '$1=="deb" && $2 ~ /\/debian\/?$/ && $3 !~ /-security/ {print $2; exit}' /etc/apt/sources.list
  fi
}
mirror=${VICI4J_DEBIAN_MIRROR:-$(host_mirror | head -n1)}
[[ -n $mirror ]] || die "cannot tell which Debian archive to use from /etc/apt; set VICI4J_DEBIAN_MIRROR to one"

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "install-strongswan6: installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null; } \
    || die "cannot install debootstrap with apt-get"
fi
tmp="$root.tmp.$$"
trap 'rm -rf "$tmp" "$tmp.log"' EXIT
mkdir -p "$(dirname "$root")"
done_suite=""
for suite in $suites; do
  # Suites newer than this debootstrap knows are bootstrapped like sid.
  script=/usr/share/debootstrap/scripts/$suite
  [[ -e $script ]] || script=/usr/share/debootstrap/scripts/sid
  echo "install-strongswan6: bootstrapping Debian $suite with strongSwan into $root (about a minute)"
  rm -rf "$tmp"
  if debootstrap --variant=minbase --include="$packages" "$suite" "$tmp" "$mirror" "$script" > "$tmp.log" 2>&1; then
    done_suite=$suite
    break
  fi
  tail -n 20 "$tmp.log" >&2
  echo "install-strongswan6: debootstrap of $suite from $mirror failed (see above)" >&2
done
[[ -n $done_suite ]] || die "no suite of '$suites' could be bootstrapped; set VICI4J_STRONGSWAN6_SUITE (trixie has strongSwan 6.0.1)"
rm -f "$tmp.log"
# Debian's maintainer scripts may have set up a system charon inside; the lab starts its own.
rm -rf "$root"
mv "$tmp" "$root"
trap - EXIT
v=$(version)
[[ $v == "strongSwan 6."* ]] || die "$root holds '$v', not strongSwan 6"
echo "install-strongswan6: $v in $root"
