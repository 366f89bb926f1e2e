package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.command.internal.OptionalArgs;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code list-sas}. All filters are optional; unset (null/false) fields are not sent.
 *
 * @param noblock don't wait for IKE_SAs in use by other threads ({@code noblock = yes})
 * @param ike only IKE_SAs of this configuration name ({@code ike})
 * @param ikeId only the IKE_SA with this unique id ({@code ike-id})
 * @param child only CHILD_SAs of this configuration name ({@code child})
 * @param childId only the CHILD_SA with this unique id ({@code child-id})
 */
public record ListSasRequest(boolean noblock, String ike, Long ikeId, String child, Long childId)
        implements ViciRequest {

    /** All SAs. */
    public static final ListSasRequest ALL = new ListSasRequest(false, null, null, null, null);

    public ListSasRequest {
        Check.optionalValue("ike", ike);
        Check.id("ikeId", ikeId);
        Check.optionalValue("child", child);
        Check.id("childId", childId);
    }

    /** The IKE_SAs of configuration {@code ike}. */
    public static ListSasRequest ike(String ike) {
        return new ListSasRequest(false, ike, null, null, null);
    }

    /** The IKE_SA with unique id {@code ikeId}. */
    public static ListSasRequest ikeId(long ikeId) {
        return new ListSasRequest(false, null, ikeId, null, null);
    }

    /** @return a copy with {@code noblock} set as given */
    public ListSasRequest withNoblock(boolean noblock) {
        return new ListSasRequest(noblock, ike, ikeId, child, childId);
    }

    /** @return a copy filtering CHILD_SAs by configuration name */
    public ListSasRequest withChild(String child) {
        return new ListSasRequest(noblock, ike, ikeId, child, childId);
    }

    /** @return a copy filtering CHILD_SAs by unique id */
    public ListSasRequest withChildId(long childId) {
        return new ListSasRequest(noblock, ike, ikeId, child, childId);
    }

    @Override
    public ViciSection toMessage() {
        return OptionalArgs.message()
                .flag("noblock", noblock)
                .add("ike", ike)
                .add("ike-id", ikeId)
                .add("child", child)
                .add("child-id", childId)
                .build();
    }
}
