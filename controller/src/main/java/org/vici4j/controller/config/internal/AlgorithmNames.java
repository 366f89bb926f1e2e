package org.vici4j.controller.config.internal;

import java.util.ArrayList;
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

    static {
        Map<String, Algorithm> k = new HashMap<>();
        put(k, "encryption", "NULL", "null");
        put(k, "encryption", "DES_CBC", "des");
        put(k, "encryption", "3DES_CBC", "3des");
        put(k, "encryption", "CAST_CBC", "cast128");
        put(k, "encryption", "AES_CBC", "aes", "aes128", "aes192", "aes256");
        put(k, "encryption", "AES_CTR", "aes128ctr", "aes192ctr", "aes256ctr");
        put(k, "encryption", "CAMELLIA_CBC", "camellia", "camellia128", "camellia192", "camellia256");
        put(k, "encryption", "CAMELLIA_CTR", "camellia128ctr", "camellia192ctr", "camellia256ctr");
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
        put(k, "aead", "CHACHA20_POLY1305", "chacha20poly1305");
        put(k, "integrity", "HMAC_SHA1_96", "sha", "sha1");
        put(k, "integrity", "HMAC_SHA1_160", "sha1_160");
        put(k, "integrity", "HMAC_SHA2_256_128", "sha256", "sha2_256");
        put(k, "integrity", "HMAC_SHA2_256_96", "sha256_96", "sha2_256_96");
        put(k, "integrity", "HMAC_SHA2_384_192", "sha384", "sha2_384");
        put(k, "integrity", "HMAC_SHA2_512_256", "sha512", "sha2_512");
        put(k, "integrity", "HMAC_MD5_96", "md5");
        put(k, "integrity", "HMAC_MD5_128", "md5_128");
        put(k, "integrity", "AES_XCBC_96", "aesxcbc");
        put(k, "integrity", "AES_CMAC_96", "aescmac");
        put(k, "integrity", "CAMELLIA_XCBC_96", "camelliaxcbc");
        put(k, "prf", "PRF_HMAC_SHA1", "prfsha1");
        put(k, "prf", "PRF_HMAC_SHA2_256", "prfsha256");
        put(k, "prf", "PRF_HMAC_SHA2_384", "prfsha384");
        put(k, "prf", "PRF_HMAC_SHA2_512", "prfsha512");
        put(k, "prf", "PRF_HMAC_MD5", "prfmd5");
        put(k, "prf", "PRF_AES128_XCBC", "prfaesxcbc");
        put(k, "prf", "PRF_AES128_CMAC", "prfaescmac");
        put(k, "prf", "PRF_CAMELLIA128_XCBC", "prfcamelliaxcbc");
        for (String bits : List.of("768", "1024", "1536", "2048", "3072", "4096", "6144", "8192")) {
            put(k, "ke", "MODP_" + bits, "modp" + bits);
        }
        put(k, "ke", "MODP_1024_160", "modp1024s160");
        put(k, "ke", "MODP_2048_224", "modp2048s224");
        put(k, "ke", "MODP_2048_256", "modp2048s256");
        for (String bits : List.of("192", "224", "256", "384", "521")) {
            put(k, "ke", "ECP_" + bits, "ecp" + bits);
        }
        for (String bits : List.of("224", "256", "384", "512")) {
            put(k, "ke", "ECP_" + bits + "_BP", "ecp" + bits + "bp");
        }
        put(k, "ke", "CURVE_25519", "curve25519", "x25519");
        put(k, "ke", "CURVE_448", "curve448", "x448");
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
