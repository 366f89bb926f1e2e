package org.vici4j.controller.failure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vici4j.client.message.ViciSection;

/**
 * Derives a {@link Failure} from what charon tells over VICI.
 *
 * <ul>
 *   <li>strongSwan 5.9: the {@code initiate} result ({@code errmsg}), its {@code control-log} lines, and
 *       {@code log} events correlated by {@code ikesa-name}/{@code ikesa-uniqueid} (see {@link LogCorrelator});
 *       the texts matched are charon's own log messages (e.g. "unable to install inbound and outbound IPsec SA
 *       (SAD) in kernel", "received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built", "giving up after 5
 *       retransmits", "received AUTHENTICATION_FAILED notify error", "tried 1 shared key for 'a' - 'b', but MAC
 *       mismatched", "no IKE config found for ...", "no acceptable proposal found", "traffic selectors ...
 *       unacceptable").</li>
 *   <li>strongSwan 6.0.3+: the {@code alert} event, whose {@code type} is the class's wire name
 *       ({@link #classifyAlert(ViciSection)}).</li>
 * </ul>
 *
 * Thread-safe and stateless apart from the clock.
 */
public final class FailureClassifier {

    private static final Pattern NOTIFY_NO_CHILD = Pattern.compile("received (\\w+) notify, no CHILD_SA built");
    private static final Pattern NOTIFY_ERROR = Pattern.compile("received (\\w+) notify error");
    private static final Pattern GIVING_UP = Pattern.compile("giving up after \\d+ retransmits");
    private static final Pattern IN_PROGRESS = Pattern.compile("not established after \\d+ ?ms");

    private final Clock clock;

    public FailureClassifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether a failed {@code initiate}'s {@code errmsg} only says charon's wait ran out ("CHILD_SA 'x' not
     * established after 5000ms"): the attempt is still in progress, not failed.
     */
    public static boolean isStillInProgress(String errmsg) {
        return errmsg != null && IN_PROGRESS.matcher(errmsg).find();
    }

    /**
     * Classifies a failed {@code initiate}: always returns a failure (class {@link FailureClass#UNKNOWN} when
     * nothing more specific is evident), with the errmsg as last evidence line.
     *
     * @param errmsg the command's {@code errmsg} (may be null)
     * @param lines its {@code control-log} lines plus correlated {@code log} lines of the same IKE_SA, in order
     */
    public Failure classifyInitiate(String errmsg, List<LogLine> lines) {
        Optional<Failure> f = classifyLines(lines);
        String em = errmsg == null || errmsg.isBlank() ? null : "initiate failed: " + errmsg;
        if (f.isPresent()) {
            Failure x = f.get();
            List<String> ev = new ArrayList<>(x.evidence());
            if (em != null) {
                ev.add(em);
            }
            return new Failure(x.failureClass(), x.side(), x.message(), x.notifyType(), ev, x.at());
        }
        List<String> ev = new ArrayList<>(tail(lines, 4));
        if (em != null) {
            ev.add(em);
        }
        return new Failure(FailureClass.UNKNOWN, Side.LOCAL,
                "the CHILD_SA could not be established and charon's log gives no specific reason"
                        + (errmsg == null ? "" : " (" + errmsg + ")") + "; see charon's log",
                null, ev, clock.instant());
    }

    /**
     * Classifies charon's refusal to load a connection ({@code load-conn} answered {@code success = no}): a
     * configuration failure ({@link FailureClass#CONFIG_REJECTED}), local, with charon's errmsg as evidence.
     *
     * @param connection the connection's name
     * @param errmsg     charon's errmsg (may be null)
     */
    public Failure classifyLoadRejection(String connection, String errmsg) {
        String err = errmsg == null || errmsg.isBlank() ? "load-conn failed without a reason" : errmsg;
        return new Failure(FailureClass.CONFIG_REJECTED, Side.LOCAL, "charon rejected connection '" + connection + "': "
                + err + "; fix the connection's options (vici validate does not know every check charon makes)",
                null, List.of("load-conn failed: " + err), clock.instant());
    }

    /** Classifies log lines alone (e.g. a responder's passive failure); empty if no failure is evident. */
    public Optional<Failure> classifyLines(List<LogLine> lines) {
        Instant now = clock.instant();
        boolean ikeEstablished = false;
        String lastReceivedProposals = null;
        for (LogLine l : lines) {
            String m = l.message();
            if (m.startsWith("IKE_SA ") && m.contains(" established between ")) {
                ikeEstablished = true;
            }
            if (m.startsWith("received proposals:")) {
                lastReceivedProposals = m;
            }
        }
        // Kernel failures first: they are the most specific and the root cause when present.
        Optional<LogLine> sad = find(lines, "unable to install inbound and outbound IPsec SA (SAD) in kernel",
                "unable to install inbound IPsec SA (SAD) in kernel", "unable to install outbound IPsec SA (SAD) in kernel",
                "unable to install IPsec SA (SAD) in kernel");
        if (sad.isPresent()) {
            return Optional.of(new Failure(FailureClass.INSTALL_CHILD_SA_FAILED, Side.LOCAL,
                    "the local kernel refused the CHILD_SA's SAs (SAD): the IKE negotiation succeeded, but installing "
                            + "the IPsec SAs failed here; check the kernel's IPsec (XFRM/ESP) support or the kernel backend",
                    null, evidence(lines, sad.get(), "netlink error", "unable to add SAD entry", "SAD", "failed to establish CHILD_SA"),
                    now));
        }
        Optional<LogLine> spd = find(lines, "unable to install IPsec policies (SPD) in kernel");
        if (spd.isPresent()) {
            return Optional.of(new Failure(FailureClass.INSTALL_CHILD_POLICY_FAILED, Side.LOCAL,
                    "the local kernel refused the CHILD_SA's policies or route (SPD): check the kernel's IPsec policy "
                            + "support, and that a local address lies inside the local traffic selector when routes are installed",
                    null, evidence(lines, spd.get(), "netlink error", "unable to add policy", "route", "SPD",
                            "failed to establish CHILD_SA"),
                    now));
        }
        // The peer rejected the CHILD_SA with a notify in its response.
        for (LogLine l : lines) {
            Matcher mm = NOTIFY_NO_CHILD.matcher(l.message());
            if (mm.find()) {
                String notify = mm.group(1);
                return Optional.of(peerRejectedChild(notify, evidence(lines, l, "failed to establish CHILD_SA"), now));
            }
        }
        Optional<LogLine> ts = find(lines, "unacceptable");
        if (ts.isPresent() && ts.get().message().startsWith("traffic selectors")) {
            return Optional.of(new Failure(FailureClass.TS_MISMATCH, Side.LOCAL,
                    "the peer proposed traffic selectors that no local child configuration accepts; compare local_ts/remote_ts "
                            + "of both sides",
                    null, evidence(lines, ts.get(), "failed to establish CHILD_SA"), now));
        }
        Optional<LogLine> noIkeCfg = find(lines, "no IKE config found for");
        if (noIkeCfg.isPresent()) {
            return Optional.of(new Failure(FailureClass.PROPOSAL_MISMATCH_IKE, Side.LOCAL,
                    "no local connection matches the addresses of the peer's IKE_SA_INIT; check local_addrs/remote_addrs",
                    null, evidence(lines, noIkeCfg.get()), now));
        }
        // Authentication.
        for (LogLine l : lines) {
            Matcher mm = NOTIFY_ERROR.matcher(l.message());
            if (mm.find()) {
                String notify = mm.group(1);
                return Optional.of(notifyError(notify, evidence(lines, l, "peer didn't accept DH group"),
                        now));
            }
        }
        Optional<LogLine> auth = lines.stream().filter(l -> isAuthLine(l.message())).findFirst();
        if (auth.isPresent()) {
            return Optional.of(new Failure(FailureClass.PEER_AUTH_FAILED, Side.LOCAL,
                    "the peer could not be authenticated here: check the pre-shared key / certificates and the identities "
                            + "(remote id) configured for it",
                    "AUTHENTICATION_FAILED", evidence(lines, auth.get()), now));
        }
        Optional<LogLine> noProp = find(lines, "no acceptable proposal found");
        if (noProp.isPresent()) {
            boolean ike = lastReceivedProposals != null ? lastReceivedProposals.contains("IKE:") : !ikeEstablished;
            return Optional.of(new Failure(ike ? FailureClass.PROPOSAL_MISMATCH_IKE : FailureClass.PROPOSAL_MISMATCH_CHILD,
                    Side.LOCAL,
                    ike ? "the peer's IKE proposals share no algorithm with the local ones; compare the proposals of both sides"
                            : "the peer's ESP/AH proposals share no algorithm with the local ones; compare esp_proposals of both sides",
                    null, evidence(lines, noProp.get(), "received proposals", "configured proposals"), now));
        }
        Optional<LogLine> give = lines.stream().filter(l -> GIVING_UP.matcher(l.message()).find()).findFirst();
        Optional<LogLine> notResponding = find(lines, "peer not responding");
        if (give.isPresent() || notResponding.isPresent()) {
            LogLine key = give.orElseGet(notResponding::get);
            boolean init = !ikeEstablished;
            return Optional.of(new Failure(init ? FailureClass.PEER_INIT_UNREACHABLE : FailureClass.RETRANSMIT_SEND_TIMEOUT,
                    Side.PEER,
                    init ? "the peer did not answer the IKE_SA_INIT: it is down, unreachable, or not listening on the IKE ports"
                            : "the peer stopped answering an exchange; it may be down or the path may be broken",
                    null, evidence(lines, key, "retransmit", "peer not responding", "nonexisting IKE_SA"), now));
        }
        Optional<LogLine> dh = find(lines, "peer didn't accept DH group");
        Optional<LogLine> childFailed = find(lines, "failed to establish CHILD_SA");
        if (dh.isPresent() && childFailed.isEmpty() && !ikeEstablished && find(lines, "failed").isPresent()) {
            return Optional.of(new Failure(FailureClass.PROPOSAL_MISMATCH_IKE, Side.PEER,
                    "the peer did not accept the proposed key exchange method; compare the IKE proposals of both sides",
                    "INVALID_KE_PAYLOAD", evidence(lines, dh.get()), now));
        }
        if (childFailed.isPresent()) {
            return Optional.of(new Failure(FailureClass.UNKNOWN, Side.LOCAL,
                    "the CHILD_SA could not be established; charon's log gives no specific reason",
                    null, evidence(lines, childFailed.get()), now));
        }
        return Optional.empty();
    }

    /**
     * Classifies an {@code alert} event of strongSwan 6.0.3+. Its layout (vici_query.c, README "alert"):
     * <pre>
     * type = &lt;alert type&gt;                 e.g. install-child-sa-failed
     * ike-sa = {                             only for alerts associated with an IKE_SA
     *     &lt;IKE_SA config name&gt; = { uniqueid = .., state = .., ... }   as in list-sa, without child-sas
     * }
     * </pre>
     * The alert names the IKE_SA, never the CHILD_SA: the caller correlates it with its own initiate.
     *
     * @return empty for alert types that are not attempt failures (e.g. {@code keep-on-child-sa-failure} is
     *     informational, {@code retransmit-send} is not final) and for alerts without an IKE_SA
     */
    public Optional<AlertFailure> classifyAlert(ViciSection alert) {
        String type = alert.stringOr("type", "");
        Optional<FailureClass> fc = FailureClass.fromWireName(type);
        if (fc.isEmpty() || fc.get() == FailureClass.UNKNOWN || fc.get() == FailureClass.CONFIG_REJECTED) {
            return Optional.empty(); // (config-rejected is vici4j's own class, not an alert type)
        }
        String ikeName = null;
        long uniqueId = 0;
        boolean initiator = false;
        Optional<ViciSection> ikeSa = alert.section("ike-sa");
        if (ikeSa.isPresent()) {
            for (var e : ikeSa.get().entries()) {
                if (e.getValue() instanceof ViciSection s) {
                    ikeName = e.getKey();
                    uniqueId = s.longValue("uniqueid").orElse(0);
                    initiator = "yes".equals(s.stringOr("initiator", "no"));
                    break;
                }
            }
        }
        String childName = null; // not part of the alert (charon 6.0.3 .. 6.0.x)
        FailureClass c = fc.get();
        // A CHILD_SA proposal or traffic selector mismatch raised where the IKE_SA was initiated is the peer's
        // NO_PROPOSAL_CHOSEN or TS_UNACCEPTABLE (charon 6 raises the alert for it with the configured proposals): a
        // mismatch, or the peer's kernel refusing the SA, as the log lines of the same failure say; only a responder
        // selects, and finds no match, itself.
        boolean peerRejectedChild = initiator && (c == FailureClass.PROPOSAL_MISMATCH_CHILD
                || c == FailureClass.TS_MISMATCH);
        Side side = switch (c) {
            case LOCAL_AUTH_FAILED, PEER_INIT_UNREACHABLE, RETRANSMIT_SEND_TIMEOUT -> Side.PEER;
            default -> peerRejectedChild ? Side.PEER : Side.LOCAL;
        };
        String notify = c == FailureClass.LOCAL_AUTH_FAILED ? "AUTHENTICATION_FAILED" : null;
        String message = switch (c) {
            case INSTALL_CHILD_SA_FAILED -> "the local kernel refused the CHILD_SA's SAs (SAD)";
            case INSTALL_CHILD_POLICY_FAILED -> "the local kernel refused the CHILD_SA's policies or route (SPD)";
            case PROPOSAL_MISMATCH_CHILD -> "no common ESP/AH proposal with the peer; compare esp_proposals of both sides";
            case PROPOSAL_MISMATCH_IKE -> "no common IKE proposal with the peer; compare the proposals of both sides";
            case TS_MISMATCH -> "the traffic selectors are not acceptable; compare local_ts/remote_ts of both sides";
            case PEER_AUTH_FAILED -> "the peer could not be authenticated here: check the PSK/certificates and identities";
            case LOCAL_AUTH_FAILED -> "the peer did not accept our authentication: check the PSK/certificates and identities";
            case PEER_INIT_UNREACHABLE -> "the peer did not answer the IKE_SA_INIT: it is down or unreachable";
            case RETRANSMIT_SEND_TIMEOUT -> "the peer stopped answering; it may be down or the path broken";
            case CONFIG_REJECTED -> "charon rejected the configuration";
            case UNKNOWN -> "unknown failure";
        };
        if (peerRejectedChild) {
            message = "the peer rejected the CHILD_SA (" + (c == FailureClass.TS_MISMATCH ? "its traffic selectors"
                    : "its proposals") + "); this may be a mismatch, or a failure at the peer such as its kernel refusing "
                    + "the SAs or policies, not necessarily local configuration; check the peer's log";
        }
        List<String> ev = List.of("alert " + type + (ikeName == null ? "" : " for IKE_SA " + ikeName
                + (uniqueId > 0 ? "[" + uniqueId + "]" : "")));
        return Optional.of(new AlertFailure(ikeName, uniqueId, childName,
                new Failure(c, side, message, notify, ev, clock.instant())));
    }

    /**
     * A failure raised by an {@code alert} event, with the IKE_SA it names.
     *
     * @param ikeSaName IKE_SA (connection) name, or null if the alert named none
     * @param ikeSaUniqueId its unique id, 0 if unknown
     * @param childName the CHILD_SA name if the alert carried one, else null
     * @param failure the classified failure
     */
    public record AlertFailure(String ikeSaName, long ikeSaUniqueId, String childName, Failure failure) {
    }

    private static Failure peerRejectedChild(String notify, List<String> evidence, Instant now) {
        FailureClass c = switch (notify) {
            case "TS_UNACCEPTABLE", "INVALID_SELECTORS", "SINGLE_PAIR_REQUIRED" -> FailureClass.TS_MISMATCH;
            case "NO_PROPOSAL_CHOSEN" -> FailureClass.PROPOSAL_MISMATCH_CHILD;
            default -> FailureClass.UNKNOWN;
        };
        String what = switch (notify) {
            case "NO_PROPOSAL_CHOSEN" -> "a proposal mismatch, or a failure at the peer such as its kernel refusing "
                    + "the SAs (SAD)";
            case "TS_UNACCEPTABLE", "INVALID_SELECTORS" -> "a traffic selector mismatch, or a failure at the peer such as "
                    + "its kernel refusing the policies or route (SPD)";
            default -> "a failure at the peer";
        };
        return new Failure(c, Side.PEER,
                "the peer rejected the CHILD_SA with " + notify + "; this may be " + what
                        + ", not necessarily local configuration; check the peer's log",
                notify, evidence, now);
    }

    private static Failure notifyError(String notify, List<String> evidence, Instant now) {
        return switch (notify) {
            case "AUTHENTICATION_FAILED" -> new Failure(FailureClass.LOCAL_AUTH_FAILED, Side.PEER,
                    "the peer did not accept our authentication (AUTHENTICATION_FAILED): check the pre-shared key / "
                            + "certificates and the identities on both sides",
                    notify, evidence, now);
            case "NO_PROPOSAL_CHOSEN", "INVALID_KE_PAYLOAD" -> new Failure(FailureClass.PROPOSAL_MISMATCH_IKE, Side.PEER,
                    "the peer rejected the IKE_SA with " + notify + ": its IKE proposals share no algorithm with ours, or it "
                            + "has no connection for our addresses",
                    notify, evidence, now);
            case "TS_UNACCEPTABLE" -> new Failure(FailureClass.TS_MISMATCH, Side.PEER,
                    "the peer rejected the traffic selectors (TS_UNACCEPTABLE); this may also be a failure at the peer",
                    notify, evidence, now);
            default -> new Failure(FailureClass.UNKNOWN, Side.PEER,
                    "the peer answered with the error notify " + notify, notify, evidence, now);
        };
    }

    private static boolean isAuthLine(String m) {
        String s = m.toLowerCase(Locale.ROOT);
        return s.contains("mac mismatched") || s.contains("no shared key found") || s.contains("public key found for")
                || (s.startsWith("authentication of") && s.endsWith("failed")) || s.contains("constraint check failed")
                || s.contains("signature validation failed");
    }

    private static Optional<LogLine> find(List<LogLine> lines, String... needles) {
        for (LogLine l : lines) {
            for (String n : needles) {
                if (l.message().contains(n)) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.empty();
    }

    /** The key line plus the lines that mention one of the related needles, in order, without duplicates. */
    private static List<String> evidence(List<LogLine> lines, LogLine key, String... related) {
        List<String> out = new ArrayList<>();
        for (LogLine l : lines) {
            boolean take = l == key;
            for (String r : related) {
                take |= l.message().contains(r);
            }
            if (take && !out.contains(l.line())) {
                out.add(l.line());
            }
        }
        return out;
    }

    private static List<String> tail(List<LogLine> lines, int n) {
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, lines.size() - n); i < lines.size(); i++) {
            out.add(lines.get(i).line());
        }
        return out;
    }
}
