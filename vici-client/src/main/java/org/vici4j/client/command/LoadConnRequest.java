package org.vici4j.client.command;

import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code load-conn}: one connection, sent as {@code { <name> = { <config> } }}.
 * The configuration uses swanctl.conf's keys ({@code local_addrs}, {@code remote_addrs},
 * {@code local}/{@code remote} auth sections, {@code children}, ...); an existing connection of
 * the same name is replaced.
 *
 * @param name connection name (the section key)
 * @param config the connection's section
 */
public record LoadConnRequest(String name, ViciSection config) implements NamedSection {

    public LoadConnRequest {
        NamedSection.check("connection name", name, config);
    }
}
