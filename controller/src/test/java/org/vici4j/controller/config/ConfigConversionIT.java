package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vici4j.client.ViciClient;
import org.vici4j.client.message.ViciSection;
import org.vici4j.lab.Backend;
import org.vici4j.lab.CharonLabExtension;
import org.vici4j.lab.Gateway;
import org.vici4j.lab.ProcessResult;

/**
 * The same YAML loaded two ways into two real charons: through swanctl (the lab turns the YAML
 * into swanctl.conf and runs swanctl --load-all) and through this module's conversion sent over
 * VICI. charon must accept every converted message, and both daemons must end up with the same
 * connections, pools and shared secrets.
 */
class ConfigConversionIT {

    @RegisterExtension
    static final CharonLabExtension LAB = CharonLabExtension.builder()
            .gateway("a", Backend.LIBIPSEC).gateway("b", Backend.LIBIPSEC).build();

    /** Pure swanctl.conf vocabulary (no controller keys: swanctl would not know them). */
    private static final String YAML = """
            connections:
              net:
                version: 2
                local_addrs: 192.0.2.1
                remote_addrs: [192.0.2.2, 192.0.2.0/24]
                local_port: 4500
                proposals: [aes256gcm16-prfsha384-ecp384, default]
                vips: [0.0.0.0]
                pull: no
                encap: yes
                mobike: no
                dpd_delay: 30s
                dpd_timeout: 2m
                fragmentation: accept
                childless: allow
                send_certreq: no
                send_cert: always
                keyingtries: 3
                unique: replace
                reauth_time: 0
                rekey_time: 4h
                over_time: 10m
                rand_time: 5m
                pools: p1
                if_id_in: 42
                if_id_out: '%unique'
                dscp: '101110'
                local:
                  auth: psk
                  id: a
                remote:
                  auth: psk
                  id: b
                  revocation: strict
                remote-2:
                  round: 2
                  auth: eap-md5
                  eap_id: '%any'
                children:
                  net:
                    local_ts: [198.18.0.0/22, '198.18.100.0/24[tcp/443]']
                    remote_ts: [198.18.4.10-198.18.4.20, 'dynamic[udp/5000-5010]']
                    esp_proposals: [aes128gcm16, aes256-sha256-modp2048]
                    rekey_time: 1h
                    life_time: 66m
                    rand_time: 6m
                    rekey_bytes: 500m
                    life_bytes: 600m
                    rand_bytes: 10m
                    rekey_packets: 1000000
                    life_packets: 1100000
                    rand_packets: 1000
                    updown: /bin/true
                    hostaccess: yes
                    mode: tunnel
                    policies: yes
                    policies_fwd_out: no
                    dpd_action: trap
                    ipcomp: no
                    inactivity: 5m
                    reqid: 7
                    priority: 100
                    interface: lo
                    mark_in: 0x2a/0xff
                    mark_in_sa: yes
                    mark_out: 0x2b
                    set_mark_in: '%same'
                    set_mark_out: 0x10/0xff
                    if_id_in: 42
                    if_id_out: 43
                    label_mode: system
                    tfc_padding: mtu
                    replay_window: 64
                    hw_offload: 'no'     # quoted: the lab's YAML-to-swanctl.conf writer turns a bare no into false, which hw_offload rejects
                    copy_df: no
                    copy_ecn: yes
                    copy_dscp: in
                    start_action: none
                    close_action: none
                    sha256_96: no
                  bypass:
                    mode: pass
                    local_ts: 198.18.0.0/22
                    remote_ts: 198.18.0.0/22
              rw:
                local:
                  auth: pubkey
                  id: gw.example.com
                remote:
                  auth: eap-mschapv2
                  eap_id: '%any'
                children:
                  rw:
                    local_ts: 0.0.0.0/0
            secrets:
              ike-1:
                id-1: a
                id-2: b
                secret: s3cr3t
              eap-carol:
                id: carol
                secret: 0x414243
            pools:
              p1:
                addrs: 10.3.0.0/24
                dns: [198.18.0.53, 198.18.0.54]
                split_include: 198.18.0.0/22
            """;

    @Test
    void convertedMessagesLoadIntoCharonLikeSwanctlConf() {
        Gateway viaSwanctl = LAB.gateway("a");
        Gateway viaConversion = LAB.gateway("b");

        ProcessResult swanctl = viaSwanctl.loadYaml(YAML);
        assertThat(swanctl.succeeded()).as(swanctl.output()).isTrue();

        DesiredState state = DesiredStateLoader.parse(YAML, "it.yaml");
        try (ViciClient client = ViciClient.connect(viaConversion.viciUri())) {
            for (PoolConfig p : state.pools()) {
                assertSuccess(client, "load-pool", p.toLoadPoolRequest());
            }
            for (SecretConfig s : state.secrets()) {
                assertSuccess(client, s.command(), s.toRequest());
            }
            for (ConnectionConfig c : state.connections()) {
                assertSuccess(client, "load-conn", c.toLoadConnRequest());
            }
        }

        for (String[] list : new String[][] {{"--list-conns", "--raw"}, {"--list-pools", "--raw"}}) {
            ProcessResult expected = viaSwanctl.swanctl(list);
            ProcessResult actual = viaConversion.swanctl(list);
            assertThat(expected.succeeded()).as(expected.output()).isTrue();
            assertThat(actual.stdout()).as(String.join(" ", list)).isEqualTo(expected.stdout());
        }
        assertThat(viaConversion.swanctl("--list-conns").stdout()).contains("net:", "rw:", "bypass:");

        try (ViciClient a = ViciClient.connect(viaSwanctl.viciUri());
             ViciClient b = ViciClient.connect(viaConversion.viciUri())) {
            ViciSection sharedA = a.await(a.request("get-shared", ViciSection.empty()));
            ViciSection sharedB = b.await(b.request("get-shared", ViciSection.empty()));
            assertThat(sharedB.list("keys")).containsExactlyInAnyOrderElementsOf(sharedA.list("keys"))
                    .contains("ike-1", "eap-carol");
        }
    }

    private static void assertSuccess(ViciClient client, String command, ViciSection message) {
        ViciSection response = client.await(client.request(command, message));
        assertThat(response.stringOr("success", "no")).as(command + " " + message + " -> " + response).isEqualTo("yes");
    }
}
