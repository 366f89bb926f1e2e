package org.vici4j.controller.config.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vici4j.controller.config.CharonAlgorithms;
import org.vici4j.controller.config.ChildConfig;
import org.vici4j.controller.config.ConfigProblem;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;

/**
 * Maps proposal keywords to the algorithm names charon's {@code get-algorithms} lists (libstrongswan's keyword table
 * gives the algorithm identifier of each keyword; get-algorithms names the identifiers by libstrongswan's enum
 * names), and checks a proposal against what one charon's plugins offer. Keywords whose algorithm is implemented
 * elsewhere or not listed reliably (GMAC, GOST) are not checked.
 */
public final class AlgorithmNames {

    /** An algorithm as get-algorithms lists it. */
    record Algorithm(String type, String name) {
    }

    private static final Map<String, Algorithm> BY_KEYWORD;
    private static final Pattern ADDITIONAL_KE = Pattern.compile("(?i:ke)[1-7]_(.+)");

    /**
     * libstrongswan's keywords with a fixed algorithm, a line each: the get-algorithms type, the algorithm's name, the
     * keywords that stand for it. The families with key sizes in their keywords are generated in {@code static}.
     */
    private static final String FIXED = """
            encryption NULL                 null
            encryption DES_CBC              des
            encryption 3DES_CBC             3des
            encryption CAST_CBC             cast128
            encryption AES_CBC              aes aes128 aes192 aes256
            encryption AES_CTR              aes128ctr aes192ctr aes256ctr
            encryption CAMELLIA_CBC         camellia camellia128 camellia192 camellia256
            encryption CAMELLIA_CTR         camellia128ctr camellia192ctr camellia256ctr
            aead       CHACHA20_POLY1305    chacha20poly1305
            integrity  HMAC_SHA1_96         sha sha1
            integrity  HMAC_SHA1_160        sha1_160
            integrity  HMAC_SHA2_256_128    sha256 sha2_256
            integrity  HMAC_SHA2_256_96     sha256_96 sha2_256_96
            integrity  HMAC_SHA2_384_192    sha384 sha2_384
            integrity  HMAC_SHA2_512_256    sha512 sha2_512
            integrity  HMAC_MD5_96          md5
            integrity  HMAC_MD5_128         md5_128
            integrity  AES_XCBC_96          aesxcbc
            integrity  AES_CMAC_96          aescmac
            integrity  CAMELLIA_XCBC_96     camelliaxcbc
            prf        PRF_HMAC_SHA1        prfsha1
            prf        PRF_HMAC_SHA2_256    prfsha256
            prf        PRF_HMAC_SHA2_384    prfsha384
            prf        PRF_HMAC_SHA2_512    prfsha512
            prf        PRF_HMAC_MD5         prfmd5
            prf        PRF_AES128_XCBC      prfaesxcbc
            prf        PRF_AES128_CMAC      prfaescmac
            prf        PRF_CAMELLIA128_XCBC prfcamelliaxcbc
            ke         MODP_1024_160        modp1024s160
            ke         MODP_2048_224        modp2048s224
            ke         MODP_2048_256        modp2048s256
            ke         CURVE_25519          curve25519 x25519
            ke         CURVE_448            curve448 x448
            """;

    static {
        Map<String, Algorithm> k = new HashMap<>();
        FIXED.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split(" +")).forEach(
                f -> put(k, f[0], f[1], Arrays.copyOfRange(f, 2, f.length)));
        for (String c : List.of("blowfish", "serpent", "twofish")) {
            String name = c.toUpperCase(java.util.Locale.ROOT) + "_CBC";
            put(k, "encryption", name, c, c + "128", c + "192", c + "256");
        }
        for (String size : List.of("128", "192", "256")) {
            for (String mode : List.of("gcm", "ccm")) {
                String base = "AES_" + mode.toUpperCase(java.util.Locale.ROOT) + "_";
                put(k, "aead", base + "16", "aes" + size + mode, "aes" + size + mode + "16", "aes" + size + mode + "128");
                put(k, "aead", base + "12", "aes" + size + mode + "12", "aes" + size + mode + "96");
                put(k, "aead", base + "8", "aes" + size + mode + "8", "aes" + size + mode + "64");
            }
            put(k, "aead", "CAMELLIA_CCM_16", "camellia" + size + "ccm16", "camellia" + size + "ccm128");
            put(k, "aead", "CAMELLIA_CCM_12", "camellia" + size + "ccm12", "camellia" + size + "ccm96");
            put(k, "aead", "CAMELLIA_CCM_8", "camellia" + size + "ccm8", "camellia" + size + "ccm64");
        }
        for (String bits : List.of("768", "1024", "1536", "2048", "3072", "4096", "6144", "8192")) {
            put(k, "ke", "MODP_" + bits, "modp" + bits);
        }
        for (String bits : List.of("192", "224", "256", "384", "521")) {
            put(k, "ke", "ECP_" + bits, "ecp" + bits);
        }
        for (String bits : List.of("224", "256", "384", "512")) {
            put(k, "ke", "ECP_" + bits + "_BP", "ecp" + bits + "bp");
        }
        for (String bits : List.of("512", "768", "1024")) {
            put(k, "ke", "ML_KEM_" + bits, "mlkem" + bits);
        }
        BY_KEYWORD = Collections.unmodifiableMap(k);
    }

    private AlgorithmNames() {
    }

    private static void put(Map<String, Algorithm> k, String type, String name, String... keywords) {
        for (String w : keywords) {
            k.put(w, new Algorithm(type, name));
        }
    }

    /** @return the algorithm a keyword stands for, empty if it is not checked ({@code ke1_} prefixes removed) */
    static Optional<Algorithm> of(String keyword) {
        Matcher m = ADDITIONAL_KE.matcher(keyword);
        return Optional.ofNullable(BY_KEYWORD.get(m.matches() ? m.group(1) : keyword));
    }

    /**
     * Checks the algorithms of a proposal charon negotiates itself: every algorithm of an IKE proposal, the key
     * exchange methods of ESP and AH proposals (their encryption and integrity run in the kernel, or in libipsec,
     * which get-algorithms does not describe).
     *
     * @return the problem, empty if charon offers every checked algorithm
     */
    static Optional<ValueChecks.Issue> check(Proposals.Protocol protocol, String proposal, CharonAlgorithms offered) {
        if (proposal.equalsIgnoreCase("default")) {
            return Optional.empty();
        }
        for (String token : proposal.split("-")) {
            Optional<Algorithm> a = of(token);
            if (a.isEmpty() || protocol != Proposals.Protocol.IKE && !a.get().type().equals("ke")) {
                continue;
            }
            if (!offered.offers(a.get().type(), a.get().name())) {
                return Optional.of(new ValueChecks.Issue("algorithm '" + token + "' (" + a.get().name() + ") of "
                        + protocol + " proposal '" + proposal + "' is not offered by " + offered.charon()
                        + ": its get-algorithms lists no " + a.get().name() + " under " + typeWord(a.get().type()),
                        "load the plugin that provides it (charon.load in strongswan.conf, then restart charon) or"
                                + " choose an algorithm 'vici call get-algorithms' lists"));
            }
        }
        return Optional.empty();
    }

    /**
     * @return one problem, at the proposal's file and line, per proposal of the desired state that names an algorithm
     *     the charon does not offer
     */
    public static List<ConfigProblem> problems(DesiredState state, SourceMap map, CharonAlgorithms offered) {
        List<ConfigProblem> out = new ArrayList<>();
        for (ConnectionConfig c : state.connections()) {
            String path = "connections." + c.name();
            check(out, map, path + ".proposals", Proposals.Protocol.IKE, c.options().list("proposals"), offered);
            for (ChildConfig ch : c.children()) {
                String cp = path + ".children." + ch.name();
                check(out, map, cp + ".esp_proposals", Proposals.Protocol.ESP, ch.options().list("esp_proposals"),
                        offered);
                check(out, map, cp + ".ah_proposals", Proposals.Protocol.AH, ch.options().list("ah_proposals"), offered);
            }
        }
        return out;
    }

    private static void check(List<ConfigProblem> out, SourceMap map, String path, Proposals.Protocol protocol,
            List<String> proposals, CharonAlgorithms offered) {
        for (int i = 0; i < proposals.size(); i++) {
            String at = proposals.size() == 1 ? path : path + "[" + i + "]";
            check(protocol, proposals.get(i), offered).ifPresent(is -> out.add(map.atValue(at, is.message(), is.hint())));
        }
    }

    private static String typeWord(String type) {
        return type.equals("ke") ? "dh (5.x) or ke (6.x)" : type;
    }
}
