package org.vici4j.controller.config.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vici4j.controller.config.ConfigOptions;

/**
 * The swanctl.conf options charon 5.9.8 accepts in each section of a {@code load-conn},
 * {@code load-pool} and {@code load-authority} request (from swanctl.opt and charon's vici config
 * parser), with the kind of value each takes and whether it is sent as a VICI list.
 */
public final class Schema {

    /** What kind of value an option takes; each kind has a syntax check in {@link ValueChecks}. */
    public enum Kind {
        STRING("a string"),
        BOOL("a boolean: yes or no (also true/false)"),
        UINT32("an unsigned 32-bit number"),
        UINT64("an unsigned 64-bit number"),
        PORT("a UDP port 0-65535"),
        DURATION("a duration: a number with an optional unit s, m, h or d, e.g. 30m"),
        BYTES("a byte count: a number with an optional unit k, m or g, e.g. 500m"),
        ADDRESS("an IKE address: IPv4/IPv6 address, CIDR subnet, range a-b, %any/%any4/%any6 or DNS name"),
        HOST("an IPv4 or IPv6 address"),
        TS("a traffic selector: CIDR subnet, address, range a-b or dynamic, optionally [proto/port]"),
        PROPOSAL("a proposal: 'default' or algorithms joined by '-', e.g. aes256gcm16-prfsha384-ecp384"),
        ENUM("one of a fixed set of words"),
        ACTION("an action: none, trap, start (or trap|start)"),
        MARK("a mark: value[/mask] or %unique / %unique-dir"),
        SET_MARK("a mark: value[/mask] or %same"),
        IF_ID("an interface ID: a number, %unique or %unique-dir"),
        DSCP("a 6-bit binary DSCP value, e.g. 101110"),
        TFC("a TFC padding length or 'mtu'"),
        AUTH("an authentication method: pubkey, psk, eap[-method], xauth[-backend], rsa/ecdsa[-...] or ike:..."),
        IDENTITY("an IKE identity"),
        FILES("certificate/key file names (or 0x/0s encoded data)"),
        FILE("a certificate file name (or 0x/0s encoded data)"),
        ABS_PATH("an absolute file path (read by charon)"),
        HEX("a hex-encoded CKA_ID"),
        NAME("a name"),
        POOL_ADDRS("a CIDR subnet or an address range a-b"),
        ADDR_OR_CIDR("an IPv4/IPv6 address or CIDR subnet"),
        URI("a URI");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One option: its name, kind, whether it is a VICI list, and the words an ENUM accepts. */
    public record Option(String name, Kind kind, boolean list, List<String> values) {
        public String describe() {
            String d = kind == Kind.ENUM ? "one of " + String.join(", ", values) : kind.description();
            return list ? "a list of " + d.replaceFirst("^an? ", "") : d;
        }
    }

    /** The sections of a desired state that carry swanctl options. */
    public enum Context { CONNECTION, AUTH, CERT, CHILD, POOL, AUTHORITY }

    public static final String RETRY = "retry";
    public static final String ENSURE = "ensure";
    public static final String CHILDREN = "children";

    private static final Map<Context, Map<String, Option>> OPTIONS = new LinkedHashMap<>();

    static {
        Map<String, Option> conn = new LinkedHashMap<>();
        put(conn, "version", Kind.ENUM, false, "0", "1", "2");
        put(conn, "local_addrs", Kind.ADDRESS, true);
        put(conn, "remote_addrs", Kind.ADDRESS, true);
        put(conn, "local_port", Kind.PORT, false);
        put(conn, "remote_port", Kind.PORT, false);
        put(conn, "proposals", Kind.PROPOSAL, true);
        put(conn, "vips", Kind.HOST, true);
        put(conn, "aggressive", Kind.BOOL, false);
        put(conn, "pull", Kind.BOOL, false);
        put(conn, "dscp", Kind.DSCP, false);
        put(conn, "encap", Kind.BOOL, false);
        put(conn, "mobike", Kind.BOOL, false);
        put(conn, "dpd_delay", Kind.DURATION, false);
        put(conn, "dpd_timeout", Kind.DURATION, false);
        put(conn, "fragmentation", Kind.ENUM, false, "yes", "accept", "no", "force");
        put(conn, "childless", Kind.ENUM, false, "allow", "never", "force");
        put(conn, "ocsp", Kind.ENUM, false, "never", "reply", "request", "both"); // strongSwan 6.0+
        put(conn, "send_certreq", Kind.BOOL, false);
        put(conn, "send_cert", Kind.ENUM, false, "ifasked", "always", "never");
        put(conn, "ppk_id", Kind.IDENTITY, false);
        put(conn, "ppk_required", Kind.BOOL, false);
        put(conn, "keyingtries", Kind.UINT32, false);
        put(conn, "unique", Kind.ENUM, false, "no", "never", "keep", "replace");
        put(conn, "reauth_time", Kind.DURATION, false);
        put(conn, "rekey_time", Kind.DURATION, false);
        put(conn, "over_time", Kind.DURATION, false);
        put(conn, "rand_time", Kind.DURATION, false);
        put(conn, "pools", Kind.NAME, true);
        put(conn, "if_id_in", Kind.IF_ID, false);
        put(conn, "if_id_out", Kind.IF_ID, false);
        put(conn, "mediation", Kind.BOOL, false);
        put(conn, "mediated_by", Kind.NAME, false);
        put(conn, "mediation_peer", Kind.IDENTITY, false);
        OPTIONS.put(Context.CONNECTION, conn);

        Map<String, Option> auth = new LinkedHashMap<>();
        put(auth, "round", Kind.UINT32, false);
        put(auth, "auth", Kind.AUTH, false);
        put(auth, "id", Kind.IDENTITY, false);
        put(auth, "eap_id", Kind.IDENTITY, false);
        put(auth, "aaa_id", Kind.IDENTITY, false);
        put(auth, "xauth_id", Kind.IDENTITY, false);
        put(auth, "ca_id", Kind.IDENTITY, false);
        put(auth, "certs", Kind.FILES, true);
        put(auth, "cacerts", Kind.FILES, true);
        put(auth, "pubkeys", Kind.FILES, true);
        put(auth, "groups", Kind.IDENTITY, true);
        put(auth, "cert_policy", Kind.STRING, true);
        put(auth, "revocation", Kind.ENUM, false, "strict", "ifuri", "relaxed");
        OPTIONS.put(Context.AUTH, auth);

        Map<String, Option> cert = new LinkedHashMap<>();
        put(cert, "file", Kind.ABS_PATH, false);
        put(cert, "handle", Kind.HEX, false);
        put(cert, "slot", Kind.UINT32, false);
        put(cert, "module", Kind.STRING, false);
        OPTIONS.put(Context.CERT, cert);

        Map<String, Option> child = new LinkedHashMap<>();
        put(child, "ah_proposals", Kind.PROPOSAL, true);
        put(child, "esp_proposals", Kind.PROPOSAL, true);
        put(child, "sha256_96", Kind.BOOL, false);
        put(child, "local_ts", Kind.TS, true);
        put(child, "remote_ts", Kind.TS, true);
        put(child, "rekey_time", Kind.DURATION, false);
        put(child, "life_time", Kind.DURATION, false);
        put(child, "rand_time", Kind.DURATION, false);
        put(child, "rekey_bytes", Kind.BYTES, false);
        put(child, "life_bytes", Kind.BYTES, false);
        put(child, "rand_bytes", Kind.BYTES, false);
        put(child, "rekey_packets", Kind.UINT64, false);
        put(child, "life_packets", Kind.UINT64, false);
        put(child, "rand_packets", Kind.UINT64, false);
        put(child, "updown", Kind.STRING, false);
        put(child, "hostaccess", Kind.BOOL, false);
        put(child, "mode", Kind.ENUM, false, "tunnel", "transport", "transport_proxy", "beet", "drop", "pass",
                "iptfs"); // iptfs: strongSwan 6.0+
        put(child, "per_cpu_sas", Kind.ENUM, false, "no", "yes", "encap"); // strongSwan 6.0+
        put(child, "icmp", Kind.BOOL, false); // strongSwan 6.0+
        put(child, "policies", Kind.BOOL, false);
        put(child, "policies_fwd_out", Kind.BOOL, false);
        put(child, "dpd_action", Kind.ACTION, false);
        put(child, "ipcomp", Kind.BOOL, false);
        put(child, "inactivity", Kind.DURATION, false);
        put(child, "reqid", Kind.UINT32, false);
        put(child, "priority", Kind.UINT32, false);
        put(child, "interface", Kind.STRING, false);
        put(child, "mark_in", Kind.MARK, false);
        put(child, "mark_in_sa", Kind.BOOL, false);
        put(child, "mark_out", Kind.MARK, false);
        put(child, "set_mark_in", Kind.SET_MARK, false);
        put(child, "set_mark_out", Kind.SET_MARK, false);
        put(child, "if_id_in", Kind.IF_ID, false);
        put(child, "if_id_out", Kind.IF_ID, false);
        put(child, "label", Kind.STRING, false);
        put(child, "label_mode", Kind.ENUM, false, "system", "simple", "selinux");
        put(child, "tfc_padding", Kind.TFC, false);
        put(child, "replay_window", Kind.UINT32, false);
        put(child, "hw_offload", Kind.ENUM, false, "no", "yes", "auto");
        put(child, "copy_df", Kind.BOOL, false);
        put(child, "copy_ecn", Kind.BOOL, false);
        put(child, "copy_dscp", Kind.ENUM, false, "out", "in", "yes", "no");
        put(child, "start_action", Kind.ACTION, false);
        put(child, "close_action", Kind.ACTION, false);
        OPTIONS.put(Context.CHILD, child);

        Map<String, Option> pool = new LinkedHashMap<>();
        put(pool, "addrs", Kind.POOL_ADDRS, false);
        for (String attr : List.of("dns", "nbns", "dhcp", "netmask", "server", "subnet",
                "split_include", "split_exclude")) {
            put(pool, attr, Kind.ADDR_OR_CIDR, true);
        }
        OPTIONS.put(Context.POOL, pool);

        Map<String, Option> authority = new LinkedHashMap<>();
        put(authority, "cacert", Kind.FILE, false);
        put(authority, "file", Kind.ABS_PATH, false);
        put(authority, "handle", Kind.HEX, false);
        put(authority, "slot", Kind.UINT32, false);
        put(authority, "module", Kind.STRING, false);
        put(authority, "crl_uris", Kind.URI, true);
        put(authority, "ocsp_uris", Kind.URI, true);
        put(authority, "cert_uri_base", Kind.URI, false);
        OPTIONS.put(Context.AUTHORITY, authority);
    }

    private Schema() {
    }

    private static void put(Map<String, Option> map, String name, Kind kind, boolean list, String... values) {
        map.put(name, new Option(name, kind, list, List.of(values)));
    }

    /**
     * @return the option {@code key} of a section; pool attributes given by number (e.g. {@code 25})
     *     are string lists
     */
    public static Optional<Option> option(Context context, String key) {
        Option o = OPTIONS.get(context).get(key);
        if (o == null && context == Context.POOL && key.matches("\\d{1,5}")) {
            o = new Option(key, Kind.STRING, true, List.of());
        }
        return Optional.ofNullable(o);
    }

    /** @return every option name of a section, in reference order */
    public static Collection<String> keys(Context context) {
        return OPTIONS.get(context).keySet();
    }

    /** @return every option of a section, in reference order */
    public static Collection<Option> options(Context context) {
        return OPTIONS.get(context).values();
    }

    /** @return whether charon takes {@code key} as a list in that section (unknown keys: false) */
    public static boolean isList(Context context, String key) {
        return option(context, key).map(Option::list).orElse(false);
    }

    /** Sets {@code key} in {@code options}; a comma separated value of a list option becomes a list, as in swanctl.conf. */
    public static void setOption(ConfigOptions.Builder options, Context context, String key, String value) {
        if (isList(context, key)) {
            options.setList(key, splitList(value));
        } else {
            options.set(key, value);
        }
    }

    /**
     * Splits a comma separated value the way swanctl does for its list keys: on commas, items
     * trimmed, empty items dropped.
     */
    public static List<String> splitList(String value) {
        return java.util.Arrays.stream(value.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
