package org.vici4j.controller.config;

import java.util.Objects;
import org.vici4j.client.command.LoadAuthorityRequest;
import org.vici4j.client.message.ViciSection;

/**
 * A certification authority under {@code authorities.<name>}: {@code cacert} (the file's contents,
 * read at load time) or {@code file}/{@code handle}, plus CRL/OCSP URIs.
 */
public record AuthorityConfig(String name, ConfigOptions options) {

    public AuthorityConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
    }

    /** @return the {@code load-authority} request */
    public LoadAuthorityRequest toLoadAuthority() {
        return new LoadAuthorityRequest(name, options.toSection());
    }

    /** @return the message of {@link #toLoadAuthority()}: a section named after the authority */
    public ViciSection toLoadAuthorityRequest() {
        return toLoadAuthority().toMessage();
    }
}
