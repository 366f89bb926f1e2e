package org.vici4j.client.bench;

import java.util.ArrayList;
import java.util.List;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;

/**
 * Realistic VICI traffic for benchmarks: an {@code initiate} request and the {@code list-sa} event
 * stream charon 5.9 sends for {@code list-sas}, one event per IKE_SA, each with one CHILD_SA. Key
 * names and value shapes follow events captured from charon 5.9.8.
 */
public final class ListSasFixture {

    private ListSasFixture() {
    }

    /** @return a typical {@code initiate} command request */
    public static ViciPacket initiateRequest() {
        return ViciPacket.request("initiate", ViciSection.builder()
                .add("child", "net")
                .add("ike", "gw-a")
                .add("timeout", 10000)
                .add("init-limits", false)
                .add("loglevel", 1)
                .build());
    }

    /**
     * @param count number of IKE_SAs
     * @return one {@code list-sa} event per IKE_SA, followed by the empty command response
     */
    public static List<ViciPacket> listSasStream(int count) {
        List<ViciPacket> packets = new ArrayList<>(count + 1);
        for (int i = 1; i <= count; i++) {
            packets.add(ViciPacket.event("list-sa", ViciSection.builder().addSection("conn-" + i, ikeSa(i)).build()));
        }
        packets.add(ViciPacket.response(ViciSection.empty()));
        return packets;
    }

    static ViciSection ikeSa(int i) {
        String remote = "198.18." + (i / 250) + "." + (i % 250 + 1);
        return ViciSection.builder()
                .add("uniqueid", i)
                .add("version", 2)
                .add("state", "ESTABLISHED")
                .add("local-host", "192.0.2.1")
                .add("local-port", 4500)
                .add("local-id", "gw-a.example.org")
                .add("remote-host", remote)
                .add("remote-port", 4500)
                .add("remote-id", "peer-" + i + ".example.org")
                .add("initiator", true)
                .add("initiator-spi", String.format("%016x", 0x103931601db9247dL + i))
                .add("responder-spi", String.format("%016x", 0xf55314cefc072177L - i))
                .add("nat-remote", true)
                .add("nat-any", true)
                .add("encr-alg", "AES_CBC")
                .add("encr-keysize", 128)
                .add("integ-alg", "HMAC_SHA2_256_128")
                .add("prf-alg", "PRF_HMAC_SHA2_256")
                .add("dh-group", "CURVE_25519")
                .add("established", 120 + i % 3600)
                .add("rekey-time", 13380 - i % 3600)
                .addList("tasks-active")
                .beginSection("child-sas")
                .beginSection("net-" + i)
                .add("name", "net")
                .add("uniqueid", i)
                .add("reqid", i)
                .add("state", "INSTALLED")
                .add("mode", "TUNNEL")
                .add("protocol", "ESP")
                .add("encap", true)
                .add("spi-in", String.format("%08x", 0xf49a4e8eL ^ i))
                .add("spi-out", String.format("%08x", 0x267b21c7L ^ i))
                .add("encr-alg", "AES_GCM_16")
                .add("encr-keysize", 128)
                .add("bytes-in", 1_048_576L * (i % 7))
                .add("packets-in", 1024L * (i % 7))
                .add("use-in", i % 60)
                .add("bytes-out", 524_288L * (i % 5))
                .add("packets-out", 512L * (i % 5))
                .add("use-out", i % 60)
                .add("rekey-time", 3532 - i % 1000)
                .add("life-time", 3960 - i % 1000)
                .add("install-time", 120 + i % 3600)
                .addList("local-ts", "198.51.100.0/24")
                .addList("remote-ts", "203.0.113." + (i % 256) + "/32")
                .endSection()
                .endSection()
                .build();
    }
}
