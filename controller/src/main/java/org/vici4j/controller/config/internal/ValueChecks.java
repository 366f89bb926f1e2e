package org.vici4j.controller.config.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.vici4j.controller.config.Durations;

/**
 * Syntax checks of option values, mirroring what charon 5.9.8 accepts, without any name
 * resolution or I/O (an address is never looked up in DNS).
 */
public final class ValueChecks {

    /** A value's problem: what is wrong and how to fix it. */
    public record Issue(String message, String hint) {
    }

    private static final Set<String> BOOLS = Set.of("yes", "no", "true", "false", "enabled", "disabled", "1", "0");
    private static final Pattern UINT = Pattern.compile("0[xX][0-9a-fA-F]+|[0-9]+");
    private static final Pattern BYTES = Pattern.compile("([0-9]+) *([kmgKMG]?)");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern HEXGROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern MARK_NUM = Pattern.compile("0[xX][0-9a-fA-F]{1,8}|[0-9]{1,10}");
    private static final Pattern HEX = Pattern.compile("(0[xX])?([0-9a-fA-F]{2}[:]?)+");
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    private static final Pattern AUTH = Pattern.compile(
            "psk|pubkey(-.*)?|rsa(/pss)?(-.*)?|ecdsa(-.*)?|bliss(-.*)?|ike:.+|(?i:xauth)(-[A-Za-z0-9_-]+)?|(?i:eap)(-[A-Za-z0-9_.-]+)?(:.+)?",
            Pattern.DOTALL);

    private ValueChecks() {
    }

    /** @return the problem of {@code value} for {@code option}, empty if it is acceptable */
    public static Optional<Issue> check(Schema.Option option, String value) {
        if (value.isEmpty()) {
            return issue("empty value", "give " + option.kind().description() + ", or remove the key to use the default");
        }
        String v = value;
        return switch (option.kind()) {
            case STRING, IDENTITY, NAME -> printable(v);
            case BOOL -> BOOLS.contains(v.toLowerCase(Locale.ROOT)) ? ok()
                    : issue("'" + v + "' is not a boolean", "use yes or no");
            case UINT32 -> uint(v, 32);
            case UINT64 -> uint(v, 64);
            case PORT -> port(v);
            case DURATION -> Durations.parseCharonTime(v).isPresent() ? ok()
                    : issue("'" + v + "' is not a duration", "use a number with an optional unit s, m, h or d, e.g. 30m or 4h");
            case BYTES -> BYTES.matcher(v).matches() ? ok()
                    : issue("'" + v + "' is not a byte count", "use a number with an optional unit k, m or g, e.g. 500m");
            case ADDRESS -> address(v);
            case HOST -> isIp(v) ? ok()
                    : issue("'" + v + "' is not an IP address", "use an IPv4 or IPv6 address, e.g. 0.0.0.0 or :: to request any");
            case TS -> trafficSelector(v);
            case PROPOSAL -> Proposals.check(Proposals.Protocol.ofOption(option.name()), v);
            case ENUM -> option.values().contains(v.toLowerCase(Locale.ROOT)) ? ok()
                    : issue("unknown value '" + v + "'", "use one of " + String.join(", ", option.values())
                            + Suggest.nearest(v.toLowerCase(Locale.ROOT), option.values()).map(s -> "; did you mean " + s + "?").orElse(""));
            case ACTION -> action(v).isPresent() ? ok()
                    : issue("unknown action '" + v + "'", "use none, trap, start or trap|start");
            case MARK -> mark(v, false);
            case SET_MARK -> mark(v, true);
            case IF_ID -> v.equals("%unique") || v.equals("%unique-dir") ? ok() : uint(v, 32)
                    .map(i -> new Issue("'" + v + "' is not an interface ID", "use a number, %unique or %unique-dir"));
            case DSCP -> v.matches("[01]{1,6}") ? ok()
                    : issue("'" + v + "' is not a DSCP value", "write the 6 bits in binary, e.g. 101110 for EF; quote it in YAML");
            case TFC -> v.equals("mtu") ? ok() : uint(v, 32)
                    .map(i -> new Issue("'" + v + "' is not a padding length", "use a number of bytes or mtu"));
            case AUTH -> AUTH.matcher(v).matches() ? ok()
                    : issue("unknown authentication method '" + v + "'",
                            "use pubkey, psk, eap[-method], xauth[-backend], rsa[-...], ecdsa[-...] or ike:...");
            case FILES, FILE -> fileRef(v);
            case ABS_PATH -> v.startsWith("/") ? printable(v)
                    : issue("'" + v + "' is not an absolute path", "charon reads this file itself: give its absolute path");
            case HEX -> HEX.matcher(v).matches() ? ok()
                    : issue("'" + v + "' is not hex", "give the CKA_ID hex-encoded, e.g. 0a1b2c");
            case POOL_ADDRS -> poolAddrs(v);
            case ADDR_OR_CIDR -> isIp(v) || isCidr(v) ? ok()
                    : issue("'" + v + "' is not an address or subnet", "use an address (e.g. 198.18.0.53) or a CIDR subnet");
            case URI -> URI.matcher(v).matches() ? ok()
                    : issue("'" + v + "' is not a URI", "use e.g. http://crl.example.com/ca.crl or ldap://...");
        };
    }

    private static Optional<Issue> ok() {
        return Optional.empty();
    }

    private static Optional<Issue> issue(String message, String hint) {
        return Optional.of(new Issue(message, hint));
    }

    private static Optional<Issue> printable(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < ' ') {
                return issue("contains a control character (e.g. a line break)", "write the value on one line");
            }
        }
        return ok();
    }

    private static Optional<Issue> uint(String v, int bits) {
        if (!UINT.matcher(v).matches()) {
            return issue("'" + v + "' is not a number", "use a decimal number (or 0x hex) without units or separators");
        }
        BigInteger n = v.startsWith("0x") || v.startsWith("0X") ? new BigInteger(v.substring(2), 16) : new BigInteger(v);
        if (n.bitLength() > bits) {
            return issue(v + " is too large", "the maximum is " + BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        }
        return ok();
    }

    private static Optional<Issue> port(String v) {
        Optional<Issue> bad = uint(v, 32);
        if (bad.isPresent()) {
            return bad;
        }
        long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        return n > 65535 ? issue("port " + v + " is out of range", "use a UDP port 0-65535") : ok();
    }

    /** @return the action flags: bit 1 trap, bit 2 start; empty if not an action */
    public static Optional<Integer> action(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        switch (s) {
            case "none", "clear":
                return Optional.of(0);
            case "trap", "route":
                return Optional.of(1);
            case "start", "restart":
                return Optional.of(2);
            default:
                break;
        }
        int flags = 0;
        for (String part : s.split("\\|", -1)) {
            switch (part.trim()) {
                case "none" -> { }
                case "trap" -> flags |= 1;
                case "start" -> flags |= 2;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(flags);
    }

    // Address literals are parsed here by hand, on purpose. Java 17 has no literal-only parser: InetAddress.getByName
    // resolves anything that is not a literal by DNS (InetAddress.ofLiteral came in Java 22), and a configuration
    // check must never wait for, or leak names to, a resolver. Guava's InetAddresses parses literals only, but would
    // add a 3 MB dependency to the CLI jar, whose start-up is benchmarked against swanctl, and accepts IPv6 zone ids
    // (fe80::1%eth0) that charon's traffic selectors and pools do not take. These few lines accept exactly what
    // charon's host_create_from_string does for literals; their tests are ProposalAndSelectorTest and
    // AddressLiteralTest. The only InetAddress call (rangeOrder) sees nothing but literals accepted here.
    public static boolean isIpv4(String v) {
        return IPV4.matcher(v).matches();
    }

    public static boolean isIpv6(String v) {
        if (v.isEmpty() || v.indexOf(':') < 0) {
            return false;
        }
        String s = v;
        int groupsForV4 = 0;
        int lastColon = s.lastIndexOf(':');
        if (s.substring(lastColon + 1).contains(".")) {
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
            groupsForV4 = 0;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (dbl >= 0) {
            String head = s.substring(0, dbl);
            String tail = s.substring(dbl + 2);
            int n = groups(head) + groups(tail);
            return n >= 0 && n <= 7 - groupsForV4;
        }
        return groups(s) == 8;
    }

    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (!HEXGROUP.matcher(p).matches()) {
                return -100;
            }
        }
        return parts.length;
    }

    public static boolean isIp(String v) {
        return isIpv4(v) || isIpv6(v);
    }

    public static boolean isCidr(String v) {
        int slash = v.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String addr = v.substring(0, slash);
        String bits = v.substring(slash + 1);
        if (!bits.matches("[0-9]{1,3}")) {
            return false;
        }
        int n = Integer.parseInt(bits);
        return isIpv4(addr) ? n <= 32 : isIpv6(addr) && n <= 128;
    }

    /** @return whether v is a range a-b of two addresses of the same family */
    public static boolean isRange(String v) {
        int dash = v.indexOf('-');
        if (dash < 0) {
            return false;
        }
        String a = v.substring(0, dash).trim();
        String b = v.substring(dash + 1).trim();
        return isIpv4(a) && isIpv4(b) || isIpv6(a) && isIpv6(b);
    }

    private static Optional<Issue> address(String v) {
        if (v.equals("%any") || v.equals("%any4") || v.equals("%any6") || isIp(v) || isCidr(v)) {
            return ok();
        }
        if (isRange(v)) {
            return rangeOrder(v);
        }
        if (v.contains("/")) {
            return issue("'" + v + "' is not a valid subnet", "use address/prefix, e.g. 192.0.2.0/24");
        }
        if (v.contains("-") && (v.matches(".*[0-9.:]-.*") && v.matches("[0-9a-fA-F.:\\- ]+"))) {
            return issue("'" + v + "' is not a valid address range", "use first-last of one family, e.g. 192.0.2.10-192.0.2.20");
        }
        if (v.matches("[0-9.]+")) {
            return issue("'" + v + "' is not a valid IPv4 address", "each of the 4 parts must be 0-255");
        }
        if (v.startsWith("%")) {
            return issue("unknown address keyword '" + v + "'", "use %any, %any4 or %any6");
        }
        if (isDnsName(v)) {
            return ok();
        }
        return issue("'" + v + "' is not an address", "use an IP address, CIDR subnet, range, %any or a DNS name");
    }

    public static boolean isDnsName(String v) {
        String s = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Issue> trafficSelector(String v) {
        String base = v;
        int open = v.indexOf('[');
        if (open >= 0) {
            base = v.substring(0, open).trim();
            if (!v.endsWith("]")) {
                return issue("'" + v + "' has an unclosed '['", "write the protocol/port as [proto/port], e.g. 198.18.0.0/22[tcp/443]");
            }
            String protoport = v.substring(open + 1, v.length() - 1);
            String proto = protoport;
            String port = "";
            int slash = protoport.indexOf('/');
            if (slash >= 0) {
                proto = protoport.substring(0, slash);
                port = protoport.substring(slash + 1);
            }
            Optional<Issue> bad = protocol(proto);
            if (bad.isPresent()) {
                return bad;
            }
            bad = ports(port);
            if (bad.isPresent()) {
                return bad;
            }
        }
        if (base.equals("dynamic") || isIp(base) || isCidr(base)) {
            return ok();
        }
        if (isRange(base)) {
            return rangeOrder(base);
        }
        if (base.contains("/")) {
            return issue("'" + v + "' is not a valid subnet", "use address/prefix, e.g. 198.18.0.0/22");
        }
        return issue("'" + v + "' is not a traffic selector",
                "use a CIDR subnet (198.18.0.0/22), an address, a range (a-b) or dynamic, optionally followed by [proto/port]");
    }

    /** The protocol of a traffic selector: empty, any, a name charon resolves, or a number 0-255. */
    private static Optional<Issue> protocol(String proto) {
        if (proto.isEmpty() || proto.equals("any") || IpNames.PROTOCOLS.contains(proto)) {
            return ok();
        }
        if (proto.matches("[0-9]+|0[xX][0-9a-fA-F]+")) {
            Optional<Long> n = number(proto);
            return n.isEmpty() ? issue("'" + proto + "' is not a protocol number",
                    "write it without leading zeros (charon would read " + proto + " as octal)")
                    : n.get() <= 255 ? ok() : issue("protocol " + proto + " is out of range", "IP protocol numbers are 0-255");
        }
        return issue("unknown IP protocol '" + proto + "'", Suggest.nearest(proto, IpNames.PROTOCOL_SUGGESTIONS)
                .map(s -> "did you mean " + s + "? ").orElse("")
                + "use a name of /etc/protocols (tcp, udp, icmp, ipv6-icmp, gre, sctp, ...), a number 0-255 or any");
    }

    /** The port part of a traffic selector: empty, any, opaque, a service name, a port or an ordered range. */
    private static Optional<Issue> ports(String port) {
        if (port.isEmpty() || port.equals("any") || port.equals("opaque") || IpNames.SERVICES.contains(port)) {
            return ok();
        }
        String[] parts = port.split("-", -1);
        if (parts.length <= 2 && java.util.Arrays.stream(parts).allMatch(p -> p.matches("[0-9]+|0[xX][0-9a-fA-F]+"))) {
            long from = -1;
            for (String p : parts) {
                Optional<Long> n = number(p);
                if (n.isEmpty()) {
                    return issue("'" + p + "' is not a port", p.matches("0[0-9]+")
                            ? "write the port without leading zeros (charon would read " + p + " as octal)"
                            : "use a port number 0-65535");
                }
                if (n.get() > 65535) {
                    return issue("port " + p + " is out of range", "use a port number 0-65535");
                }
                if (from > n.get()) {
                    return issue("port range " + port + " is reversed (" + parts[0] + " > " + parts[1] + ")",
                            "write the lower port first: " + parts[1] + "-" + parts[0]);
                }
                from = n.get();
            }
            return ok();
        }
        if (port.matches("[A-Za-z][A-Za-z0-9._+-]*")) {
            return issue("unknown service '" + port + "'", Suggest.nearest(port, IpNames.SERVICE_SUGGESTIONS)
                    .map(s -> "did you mean " + s + "? ").orElse("")
                    + "use a port number (charon looks names up in /etc/services)");
        }
        return issue("'" + port + "' is not a port or port range",
                "use a port (443), a range (8000-8080), a service name, any or opaque");
    }

    /** @return a decimal or 0x hex number as charon's strtol reads it; empty for digits with a leading 0 (octal) */
    private static Optional<Long> number(String s) {
        if (s.matches("0[0-9]+")) {
            return Optional.empty();
        }
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String digits = hex ? s.substring(2) : s;
        return Optional.of(digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits, hex ? 16 : 10));
    }

    /**
     * @return a problem if the range a-b (two address literals of one family) has a above b, or is not such a range;
     *     never looks a name up
     */
    static Optional<Issue> rangeOrder(String v) {
        int dash = v.indexOf('-');
        String a = v.substring(0, dash).trim();
        String b = v.substring(dash + 1).trim();
        if (!(isIpv4(a) && isIpv4(b) || isIpv6(a) && isIpv6(b))) {
            // the wall before InetAddress: a name here would be looked up
            return issue("'" + v + "' is not a valid address range",
                    "use first-last of one family, e.g. 192.0.2.10-192.0.2.20");
        }
        try {
            java.math.BigInteger from = new java.math.BigInteger(1, java.net.InetAddress.getByName(a).getAddress());
            java.math.BigInteger to = new java.math.BigInteger(1, java.net.InetAddress.getByName(b).getAddress());
            return from.compareTo(to) > 0 ? issue("address range " + v + " is reversed (" + a + " is above " + b + ")",
                    "write the lower address first: " + b + "-" + a) : ok();
        } catch (java.net.UnknownHostException e) {
            return ok(); // literals checked before: cannot happen
        }
    }

    private static Optional<Issue> mark(String v, boolean set) {
        String[] parts = v.split("/", -1);
        if (parts.length <= 2) {
            String value = parts[0];
            boolean valueOk = MARK_NUM.matcher(value).matches()
                    || (set ? value.equals("%same") : value.equals("%unique") || value.equals("%unique-dir"));
            boolean maskOk = parts.length == 1 || MARK_NUM.matcher(parts[1]).matches();
            if (valueOk && maskOk) {
                return ok();
            }
        }
        return issue("'" + v + "' is not a mark", set ? "use value[/mask], e.g. 0x2a/0xff, or %same"
                : "use value[/mask], e.g. 0x2a/0xff, %unique or %unique-dir");
    }

    private static Optional<Issue> fileRef(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            return v.substring(2).matches("([0-9a-fA-F]{2})+") ? ok()
                    : issue("bad hex data", "after 0x give an even number of hex digits");
        }
        if (lower.startsWith("0s")) {
            try {
                java.util.Base64.getMimeDecoder().decode(v.substring(2));
                return ok();
            } catch (IllegalArgumentException e) {
                return issue("bad base64 data", "after 0s give base64 data");
            }
        }
        return printable(v);
    }

    private static Optional<Issue> poolAddrs(String v) {
        if (isCidr(v) || isIp(v)) { // a single address: a pool of one (charon reads it as /32 or /128)
            return ok();
        }
        if (isRange(v)) {
            return rangeOrder(v);
        }
        return issue("'" + v + "' is not a pool subnet or range", "use a CIDR subnet (10.3.0.0/24), a range (10.3.0.10-10.3.0.99) or one address");
    }
}
