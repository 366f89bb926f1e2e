#!/usr/bin/env bash
# Installs what vici4j's build and tests need on Debian/Ubuntu (run as root): a JDK 17+,
# strongSwan's charon and swanctl with the plugins the lab loads, iproute2 for network
# namespaces, ping for the lab's traffic checks, and (scripts/install-strongswan6.sh) a root
# file system with strongSwan 6 for the lab's 6.x gateways. Installs only what is missing.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: run as root (sudo $0): it installs packages with apt-get" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; on another distribution install a JDK 17+, strongSwan 5.9+ (charon, swanctl, vici and kernel-libipsec plugins), iproute2 and ping by hand" >&2
  exit 1
fi

packages=(strongswan-charon strongswan-swanctl libstrongswan-standard-plugins libstrongswan-extra-plugins
          libcharon-extra-plugins iproute2 iputils-ping procps tar gzip
          systemd groff-base man-db openssl)  # systemd-analyze checks examples/systemd (it works without systemd
                                              # as PID 1); groff and man the man page; openssl: the swanctl.conf ITs
                                              # make their CA, certificates and keys at test time

java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local v; v=$(javac -version 2>&1 | awk '{print $2}' | cut -d. -f1)
  [[ $v =~ ^[0-9]+$ ]] && (( v >= 17 ))
}
java_ok || packages+=(openjdk-17-jdk-headless)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian ships the libipsec kernel backend in libcharon-extra-plugins; check it is really there.
[[ -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so ]] || missing+=(libcharon-extra-plugins)

if (( ${#missing[@]} )); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Debian's package may start a system-wide charon through an init script; the lab runs its own
# daemons in namespaces and needs none in the root namespace.
echo "install-deps: $(/usr/lib/ipsec/charon --version 2>/dev/null | head -n1 || echo 'charon installed'), $(javac -version 2>&1)"

# strongSwan 6 for the lab's 6.x gateways: a Debian root file system beside the host's 5.9.
"$(dirname "$0")/install-strongswan6.sh"
