# Sourced by scripts that run N tunnels between lab gateways a (192.0.2.1) and b (192.0.2.2): bench-cli.sh, soak.sh.
#
# write_tunnel_configs N DIR PREFIX OWNER PSK
#   writes DIR/a.yaml, gateway a's `vici controller` file: N connections PREFIX1..PREFIXN, one IKE_SA each with
#   identities a-i / b-i and one /32 CHILD_SA between host i of a's subnet (198.18.0.i) and host i of b's
#   (198.18.4.i), `ensure: up`, controller owner OWNER; and DIR/b.conf, gateway b's matching swanctl.conf.
#   Both carry one PSK without owners (charon's wildcard). Needs python3; N from 1 to 1022 (vici-lab --hosts).
write_tunnel_configs() {
  python3 - "$@" <<'PY'
import ipaddress, sys
n, out, prefix, owner, psk = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
ip = lambda x: str(ipaddress.ip_address(x))
A0, B0 = int(ipaddress.ip_address("198.18.0.0")), int(ipaddress.ip_address("198.18.4.0"))
up = ["controller:", f"  owner: {owner}", "connections:"]
resp = ["connections {"]
for i in range(1, n + 1):
    c, ha, hb = f"{prefix}{i}", ip(A0 + i), ip(B0 + i)
    up += [f"  {c}:", "    local_addrs: 192.0.2.1", "    remote_addrs: 192.0.2.2",
           "    proposals: aes128-sha256-x25519", "    local:", "      auth: psk", f"      id: a-{i}", "    remote:",
           "      auth: psk", f"      id: b-{i}", "    children:", f"      {c}:", f"        local_ts: {ha}/32",
           f"        remote_ts: {hb}/32", "        esp_proposals: aes128gcm16", "        ensure: up"]
    resp += [f"  {c} {{", "    local_addrs = 192.0.2.2", "    remote_addrs = 192.0.2.1",
             "    proposals = aes128-sha256-x25519", "    local {", "      auth = psk", f"      id = b-{i}", "    }",
             "    remote {", "      auth = psk", f"      id = a-{i}", "    }", "    children {", f"      {c} {{",
             f"        local_ts = {hb}/32", f"        remote_ts = {ha}/32",
             "        esp_proposals = aes128gcm16", "      }", "    }", "  }"]
open(f"{out}/a.yaml", "w").write("\n".join(up + ["secrets:", "  ike-all:", f"    secret: {psk}"]) + "\n")
open(f"{out}/b.conf", "w").write("\n".join(resp + ["}", "secrets {", "  ike-all {", f"    secret = {psk}",
                                                    "  }", "}"]) + "\n")
PY
}
