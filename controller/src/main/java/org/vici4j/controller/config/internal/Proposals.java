package org.vici4j.controller.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks IKE, ESP and AH proposal strings the way charon parses them when a connection is loaded,
 * so that a proposal charon would refuse is refused before anything is sent. A proposal is
 * {@code default} or algorithm keywords joined by '-'; each keyword must be one of strongSwan's
 * (libstrongswan's proposal keyword table of 5.9.8 and 6.0, case-sensitive; {@code ke1_} to
 * {@code ke7_} prefixes of strongSwan 6 for additional key exchanges), and the combination must be
 * complete for its protocol:
 * <ul>
 *   <li>IKE: an encryption algorithm; classic (non-AEAD) encryption needs an integrity algorithm; a
 *       PRF, given or implied by an integrity algorithm (AEAD algorithms imply none); a key exchange
 *       method other than {@code none}.</li>
 *   <li>ESP: an encryption algorithm (integrity is optional).</li>
 *   <li>AH: an integrity algorithm ({@code aes*gmac} counts as one).</li>
 *   <li>IKE and ESP: AEAD and classic encryption not mixed in one proposal.</li>
 * </ul>
 * Which algorithms a particular charon supports depends on its plugins; that is not checked here.
 */
public final class Proposals {

    /** The protocol a proposal is for, by option name. */
    public enum Protocol {
        IKE, ESP, AH;

        /** @return the protocol of option {@code proposals}, {@code esp_proposals} or {@code ah_proposals} */
        public static Protocol ofOption(String option) {
            return switch (option) {
                case "esp_proposals" -> ESP;
                case "ah_proposals" -> AH;
                default -> IKE;
            };
        }
    }

    /** What a keyword is. */
    enum Type { ENCRYPTION, AEAD, GMAC, INTEGRITY, INTEGRITY_NO_PRF, PRF, KEY_EXCHANGE, NO_KEY_EXCHANGE, ESN }

    private static final Map<String, Type> KEYWORDS;
    private static final Pattern ADDITIONAL_KE = Pattern.compile("(?i:ke)([1-7])_(.+)");
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*");

    static {
        Map<String, Type> k = new LinkedHashMap<>();
        for (String w : List.of("null", "des", "3des", "aes", "cast128", "blowfish", "camellia", "serpent", "twofish")) {
            k.put(w, Type.ENCRYPTION);
        }
        for (String size : List.of("128", "192", "256")) {
            k.put("aes" + size, Type.ENCRYPTION);
            k.put("aes" + size + "ctr", Type.ENCRYPTION);
            k.put("aes" + size + "gmac", Type.GMAC);
            for (String mode : List.of("ccm", "gcm")) {
                k.put("aes" + size + mode, Type.AEAD);
                for (String icv : List.of("8", "64", "12", "96", "16", "128")) {
                    k.put("aes" + size + mode + icv, Type.AEAD);
                }
            }
            k.put("camellia" + size, Type.ENCRYPTION);
            k.put("camellia" + size + "ctr", Type.ENCRYPTION);
            for (String icv : List.of("8", "64", "12", "96", "16", "128")) {
                k.put("camellia" + size + "ccm" + icv, Type.AEAD);
            }
            for (String cipher : List.of("blowfish", "serpent", "twofish")) {
                k.put(cipher + size, Type.ENCRYPTION);
            }
        }
        k.put("chacha20poly1305", Type.AEAD);
        k.put("chacha20poly1305compat", Type.AEAD);
        for (String w : List.of("sha", "sha1", "sha1_160", "sha256", "sha2_256", "sha384", "sha2_384", "sha512",
                "sha2_512", "md5", "md5_128", "aesxcbc", "camelliaxcbc", "aescmac")) {
            k.put(w, Type.INTEGRITY);
        }
        k.put("sha256_96", Type.INTEGRITY_NO_PRF);
        k.put("sha2_256_96", Type.INTEGRITY_NO_PRF);
        for (String w : List.of("prfsha1", "prfsha256", "prfsha384", "prfsha512", "prfmd5", "prfaesxcbc",
                "prfcamelliaxcbc", "prfaescmac")) {
            k.put(w, Type.PRF);
        }
        k.put("none", Type.NO_KEY_EXCHANGE);
        k.put("modpnone", Type.NO_KEY_EXCHANGE);
        for (String w : List.of("modpnull", "modp768", "modp1024", "modp1536", "modp2048", "modp3072", "modp4096",
                "modp6144", "modp8192", "modp1024s160", "modp2048s224", "modp2048s256", "ecp192", "ecp224",
                "ecp256", "ecp384", "ecp521", "ecp224bp", "ecp256bp", "ecp384bp", "ecp512bp", "curve25519",
                "x25519", "curve448", "x448",
                // strongSwan 6
                "gost256", "gost512", "mlkem512", "mlkem768", "mlkem1024",
                // strongSwan 5.9 (ntru and newhope plugins)
                "ntru112", "ntru128", "ntru192", "ntru256", "newhope128")) {
            k.put(w, Type.KEY_EXCHANGE);
        }
        k.put("esn", Type.ESN);
        k.put("noesn", Type.ESN);
        KEYWORDS = Collections.unmodifiableMap(k);
    }

    private Proposals() {
    }

    /** @return the problem of a proposal for {@code protocol}, empty if charon would accept it */
    public static Optional<ValueChecks.Issue> check(Protocol protocol, String proposal) {
        String what = protocol + " proposal '" + proposal + "'";
        if (proposal.equalsIgnoreCase("default")) {
            return Optional.empty();
        }
        if (!SHAPE.matcher(proposal).matches()) {
            return issue("'" + proposal + "' is not a proposal",
                    "join algorithm keywords with '-', e.g. " + example(protocol)
                            + "; separate several proposals as list items");
        }
        List<String> aead = new ArrayList<>();
        List<String> classic = new ArrayList<>();
        boolean integrity = false;
        boolean prf = false;
        boolean ke = false;
        for (String token : proposal.split("-")) {
            Optional<Type> type = type(token);
            if (type.isEmpty()) {
                return issue("unknown algorithm '" + token + "' in " + what, unknownHint(token, protocol));
            }
            switch (type.get()) {
                case AEAD -> aead.add(token);
                case GMAC -> {
                    if (protocol == Protocol.AH) {
                        integrity = true;
                    } else {
                        aead.add(token);
                    }
                }
                case ENCRYPTION -> classic.add(token);
                case INTEGRITY -> {
                    integrity = true;
                    prf = true; // charon derives the PRF from it when none is given
                }
                case INTEGRITY_NO_PRF -> integrity = true;
                case PRF -> prf |= protocol == Protocol.IKE;
                case KEY_EXCHANGE -> ke = true;
                default -> {
                    // none/modpnone (dropped from IKE proposals), esn/noesn, additional key exchanges
                }
            }
        }
        if (protocol == Protocol.AH) {
            return integrity ? Optional.empty() : issue(what + " has no integrity algorithm",
                    "add one, e.g. sha256 or aes128gmac (AH does not encrypt)");
        }
        if (aead.isEmpty() && classic.isEmpty()) {
            return issue(what + " has no encryption algorithm", "add one, e.g. " + example(protocol));
        }
        if (!aead.isEmpty() && !classic.isEmpty()) {
            return issue(what + " mixes combined-mode (AEAD) encryption (" + aead.get(0) + ") and classic encryption ("
                    + classic.get(0) + ")", "put them into separate proposals (separate list items)");
        }
        if (protocol == Protocol.IKE) {
            if (!classic.isEmpty() && !integrity) {
                return issue(what + " has no integrity algorithm, which classic encryption (" + classic.get(0)
                        + ") needs", "add one, e.g. -sha256, or use an AEAD algorithm such as aes256gcm16");
            }
            if (!prf) {
                return issue(what + " has no PRF" + (aead.isEmpty() ? "" : " (AEAD algorithms imply none)"),
                        "add one, e.g. -prfsha256 or -prfsha384");
            }
            if (!ke) {
                return issue(what + " has no key exchange method (DH group)", "add one, e.g. -ecp256, -x25519 or -modp3072");
            }
        }
        return Optional.empty();
    }

    /** @return the type of a keyword as charon parses it, empty if charon does not know it */
    static Optional<Type> type(String token) {
        Type t = KEYWORDS.get(token);
        if (t != null) {
            return Optional.of(t);
        }
        Matcher m = ADDITIONAL_KE.matcher(token);
        if (m.matches()) {
            Type base = KEYWORDS.get(m.group(2));
            if (base == Type.KEY_EXCHANGE || base == Type.NO_KEY_EXCHANGE) {
                return Optional.of(Type.NO_KEY_EXCHANGE); // an additional key exchange, not the first
            }
        }
        return Optional.empty();
    }

    private static String unknownHint(String token, Protocol protocol) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (!lower.equals(token) && type(lower).isPresent()) {
            return "algorithm keywords are lower case: " + lower;
        }
        return Suggest.nearest(token, KEYWORDS.keySet()).map(s -> "did you mean " + s + "? ").orElse("")
                + "use strongSwan's algorithm keywords, e.g. " + example(protocol);
    }

    private static String example(Protocol protocol) {
        return switch (protocol) {
            case IKE -> "aes256gcm16-prfsha384-ecp384 or aes256-sha256-modp3072";
            case ESP -> "aes256gcm16 or aes256-sha256 (with -ecp384 for PFS)";
            case AH -> "sha256";
        };
    }

    private static Optional<ValueChecks.Issue> issue(String message, String hint) {
        return Optional.of(new ValueChecks.Issue(message, hint));
    }
}
