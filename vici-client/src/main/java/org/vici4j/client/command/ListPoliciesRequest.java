package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.command.internal.OptionalArgs;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code list-policies}. charon lists only the kinds asked for ({@code trap},
 * {@code drop}, {@code pass}, each sent as {@code yes} only when set).
 *
 * @param trap list trap policies
 * @param drop list drop policies
 * @param pass list bypass policies
 * @param child only policies of this CHILD_SA configuration ({@code child}), or null
 * @param ike only policies of this IKE_SA configuration ({@code ike}, strongSwan 5.9.x+), or null
 */
public record ListPoliciesRequest(boolean trap, boolean drop, boolean pass, String child, String ike)
        implements ViciRequest {

    /** Trap, drop and bypass policies of all configurations. */
    public static final ListPoliciesRequest ALL = new ListPoliciesRequest(true, true, true, null, null);

    public ListPoliciesRequest {
        Check.optionalValue("child", child);
        Check.optionalValue("ike", ike);
        if (!trap && !drop && !pass) {
            throw new IllegalArgumentException(
                    "list-policies lists nothing unless trap, drop or pass is set; set at least one");
        }
    }

    /** @return a copy listing only policies of CHILD_SA configuration {@code child} */
    public ListPoliciesRequest withChild(String child) {
        return new ListPoliciesRequest(trap, drop, pass, child, ike);
    }

    /** @return a copy listing only policies of IKE_SA configuration {@code ike} */
    public ListPoliciesRequest withIke(String ike) {
        return new ListPoliciesRequest(trap, drop, pass, child, ike);
    }

    @Override
    public ViciSection toMessage() {
        return OptionalArgs.message()
                .flag("trap", trap)
                .flag("drop", drop)
                .flag("pass", pass)
                .add("child", child)
                .add("ike", ike)
                .build();
    }
}
