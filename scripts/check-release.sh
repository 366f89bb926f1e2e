#!/usr/bin/env bash
# Checks the release archive that `./mvnw package` built (dist/target/vici4j-VERSION.tar.gz): unpacked
# into a temporary directory, away from this checkout, it runs with nothing but a Java 17+ runtime:
# `vici version` and `vici validate` of the examples it ships, the man page and completion are there.
# scripts/test.sh runs it after the Maven build. Exit 0 if all holds, 1 with the reason if not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() { echo "check-release: FAILED: $*" >&2; exit 1; }

shopt -s nullglob
archives=(dist/"${VICI4J_BUILD_DIR:-target}"/vici4j-*.tar.gz)
(( ${#archives[@]} == 1 )) || fail "expected one dist/target/vici4j-*.tar.gz, found ${#archives[@]} (run ./mvnw package)"
archive=${archives[0]}
version=$(basename "$archive" .tar.gz); version=${version#vici4j-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$archive" -C "$tmp"
home=$tmp/vici4j-$version
[[ -d $home ]] || fail "the archive does not unpack into vici4j-$version/"
for f in bin/vici lib/vici.jar man/man1/vici.1 completion/vici.bash README.md LICENSE docs/operations.md \
         examples/config/hub.yaml examples/systemd/vici4j-controller.service examples/kubernetes/daemonset.yaml; do
  [[ -e $home/$f ]] || fail "$f is missing from the archive"
done
[[ -x $home/bin/vici ]] || fail "bin/vici is not executable in the archive"
ls "$home"/lib/java/controller-*.jar "$home"/lib/java/vici-client-*.jar >/dev/null || fail "lib/java lacks the library jars"

# Run from elsewhere, through a symlink on PATH, with no access to the checkout's jar.
mkdir "$tmp/path"
ln -s "$home/bin/vici" "$tmp/path/vici"
cd "$tmp" # $OLDPWD: the checkout
vici() { env -u VICI_JAR -u VICI_URI PATH="$tmp/path:$PATH" VICI_CDS=0 vici "$@"; }
out=$(vici --version 2>&1) || fail "vici --version failed: $out"
grep -q "^vici (vici4j) $version$" <<<"$out" || fail "vici --version did not print 'vici (vici4j) $version': $out"
# vici version asks charon too: a real one, in a one-gateway lab of this process
lab=$("$OLDPWD/bin/vici-lab" create --owner $$ a:libipsec) || fail "cannot create a lab gateway for vici version"
trap '"$OLDPWD/bin/vici-lab" destroy "$lab" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
uri=$("$OLDPWD/bin/vici-lab" info "$lab" a | sed -n 's/.* uri=\([^ ]*\).*/\1/p')
out=$(vici version --uri "$uri" 2>&1) || fail "vici version against the lab's charon failed: $out"
grep -q "^client   vici4j $version " <<<"$out" || fail "vici version did not print the client's version: $out"
grep -q "^daemon  *charon" <<<"$out" || fail "vici version did not print charon's version: $out"
out=$(vici validate -f "$home/examples/config/hub.yaml" 2>&1) \
  || fail "vici validate of the shipped hub.yaml failed: $out"
grep -q ": valid$" <<<"$(head -n1 <<<"$out")" || fail "vici validate did not say valid: $out"
man -l "$home/man/man1/vici.1" 2>/dev/null | grep -q "vici - strongSwan" \
  || fail "man -l man/man1/vici.1 does not show the page"
echo "check-release: $(basename "$archive") unpacked in $tmp runs: vici version, vici validate, man page, completion"
