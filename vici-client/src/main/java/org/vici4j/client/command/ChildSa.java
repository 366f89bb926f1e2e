package org.vici4j.client.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vici4j.client.command.internal.Fields;
import org.vici4j.client.message.ViciSection;

/**
 * A CHILD_SA as charon describes it in the {@code child-sas} section of {@code list-sa} and
 * {@code child-updown} events. Keys charon sends only sometimes are {@code Optional}s; missing
 * always-sent strings read as "", numbers as 0, flags as false; unknown keys stay in {@link #raw()}.
 *
 * @param key the key of the section, {@code <name>-<uniqueid>} (e.g. {@code net-1})
 * @param name CHILD_SA configuration name (the section key if charon sent no {@code name})
 * @param uniqueId unique id of the CHILD_SA
 * @param reqid reqid of the CHILD_SA (0 if absent)
 * @param state state, e.g. {@code INSTALLED}, {@code REKEYED}, {@code DELETED}
 * @param mode IPsec mode, e.g. {@code TUNNEL}
 * @param protocol {@code ESP} or {@code AH}
 * @param encap UDP encapsulation in use
 * @param spiIn hex inbound SPI
 * @param spiOut hex outbound SPI
 * @param cpiIn hex inbound CPI, if compressing
 * @param cpiOut hex outbound CPI, if compressing
 * @param markIn hex inbound mark, if any
 * @param markMaskIn hex inbound mark mask, if any
 * @param markOut hex outbound mark, if any
 * @param markMaskOut hex outbound mark mask, if any
 * @param ifIdIn hex inbound XFRM interface id, if any
 * @param ifIdOut hex outbound XFRM interface id, if any
 * @param perCpuSas per-CPU SAs enabled (strongSwan 6)
 * @param cpu CPU id of a per-CPU SA, if any
 * @param label hex security label, if any
 * @param encrAlg encryption algorithm, if any
 * @param encrKeysize encryption key size, if applicable
 * @param integAlg integrity algorithm, if any
 * @param integKeysize integrity key size, if applicable
 * @param prfAlg pseudo random function, if any
 * @param dhGroup key exchange method for PFS, if any
 * @param additionalKeyExchanges {@code ake1}..{@code ake7} in order (strongSwan 6), empty if none
 * @param esn extended sequence numbers in use
 * @param bytesIn inbound bytes
 * @param packetsIn inbound packets
 * @param useIn seconds since the last inbound packet, if any
 * @param bytesOut outbound bytes
 * @param packetsOut outbound packets
 * @param useOut seconds since the last outbound packet, if any
 * @param rekeyTime seconds until rekeying, if scheduled
 * @param lifeTime seconds until expiry, if scheduled
 * @param installTime seconds since installation, if installed
 * @param localTs local traffic selectors
 * @param remoteTs remote traffic selectors
 * @param raw the CHILD_SA's section as received
 */
public record ChildSa(String key, String name, long uniqueId, long reqid, String state, String mode,
        String protocol, boolean encap, String spiIn, String spiOut, Optional<String> cpiIn,
        Optional<String> cpiOut, Optional<String> markIn, Optional<String> markMaskIn, Optional<String> markOut,
        Optional<String> markMaskOut, Optional<String> ifIdIn, Optional<String> ifIdOut, boolean perCpuSas,
        OptionalLong cpu, Optional<String> label, Optional<String> encrAlg, OptionalInt encrKeysize,
        Optional<String> integAlg, OptionalInt integKeysize, Optional<String> prfAlg, Optional<String> dhGroup,
        List<String> additionalKeyExchanges, boolean esn, long bytesIn, long packetsIn, OptionalLong useIn,
        long bytesOut, long packetsOut, OptionalLong useOut, OptionalLong rekeyTime, OptionalLong lifeTime,
        OptionalLong installTime, List<String> localTs, List<String> remoteTs, ViciSection raw) {

    public ChildSa {
        Fields.requireNonNull("key, name, state, raw", key, name, state, raw);
        additionalKeyExchanges = List.copyOf(additionalKeyExchanges);
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }

    /** Reads the CHILD_SA section {@code s} found under {@code key} in {@code child-sas}. */
    public static ChildSa from(String key, ViciSection s) {
        return new ChildSa(key, s.stringOr("name", key), Fields.num(s, "uniqueid"), Fields.num(s, "reqid"),
                Fields.str(s, "state"), Fields.str(s, "mode"), Fields.str(s, "protocol"), Fields.yes(s, "encap"),
                Fields.str(s, "spi-in"), Fields.str(s, "spi-out"), Fields.opt(s, "cpi-in"), Fields.opt(s, "cpi-out"),
                Fields.opt(s, "mark-in"), Fields.opt(s, "mark-mask-in"), Fields.opt(s, "mark-out"),
                Fields.opt(s, "mark-mask-out"), Fields.opt(s, "if-id-in"), Fields.opt(s, "if-id-out"),
                Fields.yes(s, "per-cpu-sas"), Fields.optNum(s, "cpu"), Fields.opt(s, "label"),
                Fields.opt(s, "encr-alg"), Fields.optInt(s, "encr-keysize"), Fields.opt(s, "integ-alg"),
                Fields.optInt(s, "integ-keysize"), Fields.opt(s, "prf-alg"), Fields.opt(s, "dh-group"),
                Fields.additionalKeyExchanges(s), "1".equals(s.stringOr("esn", "")) || s.bool("esn"),
                Fields.num(s, "bytes-in"), Fields.num(s, "packets-in"), Fields.optNum(s, "use-in"),
                Fields.num(s, "bytes-out"), Fields.num(s, "packets-out"), Fields.optNum(s, "use-out"),
                Fields.optNum(s, "rekey-time"), Fields.optNum(s, "life-time"), Fields.optNum(s, "install-time"),
                Fields.list(s, "local-ts"), Fields.list(s, "remote-ts"), s);
    }

    /** @return whether the state is {@code INSTALLED} */
    public boolean isInstalled() {
        return "INSTALLED".equals(state);
    }
}
