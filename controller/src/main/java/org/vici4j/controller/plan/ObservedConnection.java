package org.vici4j.controller.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciSection;

/**
 * What charon has of one connection name: its loaded configuration as {@code list-conns} shows it (if loaded), the
 * IKE_SAs named after it with their CHILD_SAs, and the children whose trap policy is installed. Immutable.
 *
 * @param name the connection (and IKE_SA) name
 * @param listed the connection's section of {@code list-conns}, empty if charon has no such connection
 * @param ikeSas the IKE_SAs of this name, with the CHILD_SAs known of them
 * @param traps names of the children with an installed trap policy
 */
public record ObservedConnection(String name, Optional<ViciSection> listed, List<IkeSa> ikeSas, Set<String> traps) {

    public ObservedConnection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listed, "listed");
        ikeSas = List.copyOf(ikeSas);
        traps = Set.copyOf(traps);
    }

    /** @return a connection charon knows nothing of */
    public static ObservedConnection absent(String name) {
        return new ObservedConnection(name, Optional.empty(), List.of(), Set.of());
    }

    /** @return whether charon has the connection loaded */
    public boolean loaded() {
        return listed.isPresent();
    }

    /** @return whether the loaded connection has a child configuration of this name */
    public boolean hasChildConfig(String child) {
        return listed.flatMap(s -> s.section("children")).flatMap(c -> c.section(child)).isPresent();
    }

    /** @return whether a CHILD_SA of this child is INSTALLED in one of the IKE_SAs */
    public boolean installed(String child) {
        return installedSa(child).isPresent();
    }

    /** @return an INSTALLED CHILD_SA of this child, if any */
    public Optional<ChildSa> installedSa(String child) {
        for (IkeSa ike : ikeSas) {
            for (ChildSa cs : ike.childSas()) {
                if (cs.name().equals(child) && cs.isInstalled()) {
                    return Optional.of(cs);
                }
            }
        }
        return Optional.empty();
    }

    /** @return whether an IKE_SA of this name is ESTABLISHED */
    public boolean ikeEstablished() {
        return ikeSas.stream().anyMatch(IkeSa::isEstablished);
    }

    /** @return whether a trap policy of this child is installed */
    public boolean trapped(String child) {
        return traps.contains(child);
    }

    /** @return whether charon has anything at all of this name */
    public boolean isEmpty() {
        return listed.isEmpty() && ikeSas.isEmpty() && traps.isEmpty();
    }

    public ObservedConnection withListed(Optional<ViciSection> l) {
        return new ObservedConnection(name, l, ikeSas, traps);
    }

    public ObservedConnection withIkeSas(List<IkeSa> sas) {
        return new ObservedConnection(name, listed, sas, traps);
    }

    public ObservedConnection withTraps(Set<String> t) {
        return new ObservedConnection(name, listed, ikeSas, t);
    }
}
