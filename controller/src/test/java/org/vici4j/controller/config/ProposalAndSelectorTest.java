package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vici4j.controller.config.ConfigTestSupport.parse;
import static org.vici4j.controller.config.ConfigTestSupport.problem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Proposals and traffic selectors are refused when charon would refuse them (or load them as nonsense). */
class ProposalAndSelectorTest {

    private static String conn(String connOption, String childOption) {
        return """
                connections:
                  gw:
                    remote_addrs: 192.0.2.2
                %s
                    children:
                      net:
                        remote_ts: 198.18.4.0/22
                %s
                """.formatted(connOption.isEmpty() ? "" : "    " + connOption,
                childOption.isEmpty() ? "" : "        " + childOption);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "DEFAULT", "aes256gcm16-prfsha384-ecp384", "aes256-sha256-modp3072",
        "aes128-sha1-modp2048", "aes256-aes128-sha384-sha256-ecp384-x25519", "chacha20poly1305-prfsha256-x25519",
        "aes256gcm16-prfsha384-ecp384-ke1_mlkem768", "aes256gcm16-prfsha384-mlkem768", "3des-md5-modp1024",
        "aes128-sha256_96-prfsha256-ecp256", "camellia256-aesxcbc-modp2048", "aes256gcm16-prfsha384-ecp384-none"})
    void charonsIkeProposalsAreAccepted(String p) {
        assertThat(parse(conn("proposals: " + p, "")).connections()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "aes128gcm16", "aes256gcm16-ecp384", "aes256-sha256", "aes256-sha256-modp3072-esn",
        "aes128", "null-sha256", "aes128gmac", "aes256gcm16-noesn-esn", "chacha20poly1305", "aes256gcm16-prfsha256",
        "aes128ctr-sha512-ecp512bp", "aes256gcm16-modpnone"})
    void charonsEspProposalsAreAccepted(String p) {
        assertThat(parse(conn("", "esp_proposals: " + p)).connections()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "sha1-modp2048", "aes128gmac", "sha384-esn"})
    void charonsAhProposalsAreAccepted(String p) {
        assertThat(parse(conn("", "ah_proposals: " + p)).connections()).hasSize(1);
    }

    @Test
    void anUnknownAlgorithmIsNamedWithTheConnectionChildAndField() {
        ConfigProblem p = problem(conn("", "esp_proposals: [aes128gcm16, aes129-sha256]"));
        assertThat(p.path()).isEqualTo("connections.gw.children.net.esp_proposals[1]");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.column()).isEqualTo(38);
        assertThat(p.message()).isEqualTo("unknown algorithm 'aes129' in ESP proposal 'aes129-sha256'");
        assertThat(p.hint()).startsWith("did you mean aes128?");
        assertThat(problem(conn("proposals: aes256-sha256-ecp385", "")).format()).isEqualTo("gw.yaml:4:16: "
                + "connections.gw.proposals[0]: unknown algorithm 'ecp385' in IKE proposal 'aes256-sha256-ecp385' (hint: did"
                + " you mean ecp384? use strongSwan's algorithm keywords, e.g. aes256gcm16-prfsha384-ecp384 or"
                + " aes256-sha256-modp3072)");
        assertThat(problem(conn("", "esp_proposals: AES128GCM16")).hint()).isEqualTo("algorithm keywords are lower case: aes128gcm16");
        assertThat(problem(conn("", "esp_proposals: bogus")).message()).isEqualTo("unknown algorithm 'bogus' in ESP proposal 'bogus'");
        assertThat(problem(conn("", "esp_proposals: aes128gcm16-ke8_mlkem768")).message())
                .isEqualTo("unknown algorithm 'ke8_mlkem768' in ESP proposal 'aes128gcm16-ke8_mlkem768'");
        assertThat(problem(conn("", "esp_proposals: 'aes128 sha256'")).message()).isEqualTo("'aes128 sha256' is not a proposal");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "proposals: aes128gcm16 | IKE proposal 'aes128gcm16' has no PRF (AEAD algorithms imply none)",
        "proposals: aes256gcm16-ecp384 | IKE proposal 'aes256gcm16-ecp384' has no PRF (AEAD algorithms imply none)",
        "proposals: aes256-sha256 | IKE proposal 'aes256-sha256' has no key exchange method (DH group)",
        "proposals: aes256-sha256-none | IKE proposal 'aes256-sha256-none' has no key exchange method (DH group)",
        "proposals: aes256-prfsha256-ecp256 | IKE proposal 'aes256-prfsha256-ecp256' has no integrity algorithm, which classic encryption (aes256) needs",
        "proposals: aes128-sha256_96-ecp256 | IKE proposal 'aes128-sha256_96-ecp256' has no PRF",
        "proposals: sha256-prfsha256-ecp256 | IKE proposal 'sha256-prfsha256-ecp256' has no encryption algorithm",
        "proposals: aes256gcm16-aes256-sha256-ecp256 | IKE proposal 'aes256gcm16-aes256-sha256-ecp256' mixes combined-mode (AEAD) encryption (aes256gcm16) and classic encryption (aes256)",
    })
    void incompleteIkeProposalsAreRefused(String option, String message) {
        ConfigProblem p = problem(conn(option, ""));
        assertThat(p.path()).isEqualTo("connections.gw.proposals[0]");
        assertThat(p.message()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "esp_proposals: sha256 | ESP proposal 'sha256' has no encryption algorithm",
        "esp_proposals: ecp256-sha256 | ESP proposal 'ecp256-sha256' has no encryption algorithm",
        "esp_proposals: aes128gcm16-aes128-sha256 | ESP proposal 'aes128gcm16-aes128-sha256' mixes combined-mode (AEAD) encryption (aes128gcm16) and classic encryption (aes128)",
        "ah_proposals: aes256 | AH proposal 'aes256' has no integrity algorithm",
        "ah_proposals: ecp256 | AH proposal 'ecp256' has no integrity algorithm",
    })
    void incompleteChildProposalsAreRefused(String option, String message) {
        ConfigProblem p = problem(conn("", option));
        assertThat(p.path()).isEqualTo("connections.gw.children.net." + option.substring(0, option.indexOf(':')) + "[0]");
        assertThat(p.message()).isEqualTo(message);
    }

    // --------------------------------------------------------------------------------- selectors

    @ParameterizedTest
    @ValueSource(strings = {"198.18.4.0/22[tcp/443]", "198.18.4.0/22[TCP/443]", "198.18.4.0/22[ipv6-icmp]",
        "198.18.4.0/22[udp/domain]", "198.18.4.0/22[tcp/8000-8080]", "198.18.4.0/22[tcp/80-80]", "dynamic[gre]",
        "198.18.4.0/22[47]", "198.18.4.0/22[0x11/0x35]", "198.18.4.0/22[any/any]", "198.18.4.0/22[sctp/opaque]",
        "198.18.0.1-198.18.0.10", "198.18.0.1-198.18.0.1", "2001:db8::1-2001:db8::ff", "198.18.0.1-198.18.0.10[udp]"})
    void selectorsCharonTakesAreAccepted(String ts) {
        assertThat(parse(conn("", "local_ts: '" + ts + "'")).connections()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "198.18.0.10-198.18.0.1 | address range 198.18.0.10-198.18.0.1 is reversed (198.18.0.10 is above 198.18.0.1) | write the lower address first: 198.18.0.1-198.18.0.10",
        "2001:db8::ff-2001:db8::1 | address range 2001:db8::ff-2001:db8::1 is reversed (2001:db8::ff is above 2001:db8::1) | write the lower address first: 2001:db8::1-2001:db8::ff",
        "198.18.4.0/22[tpc/443] | unknown IP protocol 'tpc' | did you mean tcp? use a name of /etc/protocols (tcp, udp, icmp, ipv6-icmp, gre, sctp, ...), a number 0-255 or any",
        "198.18.4.0/22[icmpv6] | unknown IP protocol 'icmpv6' | did you mean icmp? use a name of /etc/protocols (tcp, udp, icmp, ipv6-icmp, gre, sctp, ...), a number 0-255 or any",
        "198.18.4.0/22[256] | protocol 256 is out of range | IP protocol numbers are 0-255",
        "198.18.4.0/22[tcp/8080-8000] | port range 8080-8000 is reversed (8080 > 8000) | write the lower port first: 8000-8080",
        "198.18.4.0/22[tcp/70000] | port 70000 is out of range | use a port number 0-65535",
        "198.18.4.0/22[tcp/1-2-3] | '1-2-3' is not a port or port range | use a port (443), a range (8000-8080), a service name, any or opaque",
        "198.18.4.0/22[tcp/0443] | '0443' is not a port | write the port without leading zeros (charon would read 0443 as octal)",
        "198.18.4.0/22[tcp/sshh] | unknown service 'sshh' | did you mean ssh? use a port number (charon looks names up in /etc/services)",
    })
    void selectorsCharonRefusesOrMisreadsAreRefused(String ts, String message, String hint) {
        ConfigProblem p = problem(conn("", "local_ts: '" + ts + "'"));
        assertThat(p.path()).isEqualTo("connections.gw.children.net.local_ts[0]");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.message()).isEqualTo(message);
        assertThat(p.hint()).isEqualTo(hint);
    }

    @Test
    void reversedRangesAreRefusedInAddressesAndPoolsToo() {
        assertThat(problem(conn("local_addrs: 192.0.2.9-192.0.2.1", "")).message())
                .isEqualTo("address range 192.0.2.9-192.0.2.1 is reversed (192.0.2.9 is above 192.0.2.1)");
        assertThat(problem("pools:\n  p:\n    addrs: 10.3.0.99-10.3.0.10\n").message())
                .isEqualTo("address range 10.3.0.99-10.3.0.10 is reversed (10.3.0.99 is above 10.3.0.10)");
    }
}
