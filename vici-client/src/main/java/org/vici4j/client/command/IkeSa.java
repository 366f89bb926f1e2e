package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * An IKE_SA as charon describes it in {@code list-sa} events (and, without CHILD_SAs, in
 * {@code ike-updown}, {@code ike-rekey} and {@code alert} events). Keys charon sends only
 * sometimes are {@code Optional}s; missing always-sent strings read as "", numbers as 0, flags
 * as false; keys this record does not know stay available in {@link #raw()}.
 *
 * @param name IKE_SA (connection) name: the key of the section
 * @param uniqueId unique id of the IKE_SA ({@code uniqueid})
 * @param version IKE version, 1 or 2 (0 if absent)
 * @param state state name, e.g. {@code ESTABLISHED}, {@code CONNECTING}
 * @param localHost local IKE endpoint address
 * @param localPort local IKE port (strongSwan 5.9+)
 * @param localId local IKE identity
 * @param remoteHost remote IKE endpoint address
 * @param remotePort remote IKE port
 * @param remoteId remote IKE identity
 * @param remoteXauthId remote XAuth identity, if XAuth-authenticated
 * @param remoteEapId remote EAP identity, if EAP-authenticated
 * @param initiator whether this end initiated the IKE_SA
 * @param initiatorSpi hex initiator SPI
 * @param responderSpi hex responder SPI
 * @param natLocal local endpoint behind NAT
 * @param natRemote remote endpoint behind NAT
 * @param natFake NAT faked as responder
 * @param natAny any endpoint behind NAT (also if faked)
 * @param ifIdIn hex inbound XFRM interface id, if any
 * @param ifIdOut hex outbound XFRM interface id, if any
 * @param encrAlg encryption algorithm, if any
 * @param encrKeysize encryption key size, if applicable
 * @param integAlg integrity algorithm, if any
 * @param integKeysize integrity key size, if applicable
 * @param prfAlg pseudo random function, if any
 * @param dhGroup key exchange method, if any
 * @param additionalKeyExchanges {@code ake1}..{@code ake7} in order (strongSwan 6), empty if none
 * @param established seconds since establishment, if established
 * @param rekeyTime seconds until rekeying, if scheduled
 * @param reauthTime seconds until reauthentication, if scheduled
 * @param localVips virtual IPs installed locally
 * @param remoteVips virtual IPs assigned to the peer
 * @param tasksQueued queued tasks
 * @param tasksActive tasks being initiated
 * @param tasksPassive tasks being handled passively
 * @param childSas the CHILD_SAs in charon's order (empty in ike-updown events)
 * @param raw the IKE_SA's section as received
 */
public record IkeSa(String name, long uniqueId, int version, String state, String localHost,
        OptionalInt localPort, String localId, String remoteHost, OptionalInt remotePort, String remoteId,
        Optional<String> remoteXauthId, Optional<String> remoteEapId, boolean initiator, String initiatorSpi,
        String responderSpi, boolean natLocal, boolean natRemote, boolean natFake, boolean natAny,
        Optional<String> ifIdIn, Optional<String> ifIdOut, Optional<String> encrAlg, OptionalInt encrKeysize,
        Optional<String> integAlg, OptionalInt integKeysize, Optional<String> prfAlg, Optional<String> dhGroup,
        List<String> additionalKeyExchanges, OptionalLong established, OptionalLong rekeyTime,
        OptionalLong reauthTime, List<String> localVips, List<String> remoteVips, List<String> tasksQueued,
        List<String> tasksActive, List<String> tasksPassive, List<ChildSa> childSas, ViciSection raw) {

    public IkeSa {
        Fields.requireNonNull("name, state, raw", name, state, raw);
        additionalKeyExchanges = List.copyOf(additionalKeyExchanges);
        localVips = List.copyOf(localVips);
        remoteVips = List.copyOf(remoteVips);
        tasksQueued = List.copyOf(tasksQueued);
        tasksActive = List.copyOf(tasksActive);
        tasksPassive = List.copyOf(tasksPassive);
        childSas = List.copyOf(childSas);
    }

    /** Reads the IKE_SA section {@code s} named {@code name}, including its {@code child-sas}. */
    public static IkeSa from(String name, ViciSection s) {
        List<ChildSa> children = Fields.sections(Fields.sec(s, "child-sas"), ChildSa::from);
        return new IkeSa(name, Fields.num(s, "uniqueid"), Fields.optInt(s, "version").orElse(0),
                Fields.str(s, "state"), Fields.str(s, "local-host"), Fields.optInt(s, "local-port"),
                Fields.str(s, "local-id"), Fields.str(s, "remote-host"), Fields.optInt(s, "remote-port"),
                Fields.str(s, "remote-id"), Fields.opt(s, "remote-xauth-id"), Fields.opt(s, "remote-eap-id"),
                Fields.yes(s, "initiator"), Fields.str(s, "initiator-spi"), Fields.str(s, "responder-spi"),
                Fields.yes(s, "nat-local"), Fields.yes(s, "nat-remote"), Fields.yes(s, "nat-fake"),
                Fields.yes(s, "nat-any"), Fields.opt(s, "if-id-in"), Fields.opt(s, "if-id-out"),
                Fields.opt(s, "encr-alg"), Fields.optInt(s, "encr-keysize"), Fields.opt(s, "integ-alg"),
                Fields.optInt(s, "integ-keysize"), Fields.opt(s, "prf-alg"), Fields.opt(s, "dh-group"),
                Fields.additionalKeyExchanges(s), Fields.optNum(s, "established"), Fields.optNum(s, "rekey-time"),
                Fields.optNum(s, "reauth-time"), Fields.list(s, "local-vips"), Fields.list(s, "remote-vips"),
                Fields.list(s, "tasks-queued"), Fields.list(s, "tasks-active"), Fields.list(s, "tasks-passive"),
                children, s);
    }

    /** Reads every IKE_SA section of a {@code list-sa} event (normally exactly one). */
    public static List<IkeSa> fromEvent(ViciSection event) {
        return Fields.sections(event, IkeSa::from);
    }

    /** @return whether the state is {@code ESTABLISHED} */
    public boolean isEstablished() {
        return "ESTABLISHED".equals(state);
    }

    /** @return the first CHILD_SA with the given configuration name */
    public Optional<ChildSa> child(String childName) {
        return childSas.stream().filter(c -> c.name().equals(childName)).findFirst();
    }
}
