package org.vici4j.client.command;

import java.time.Duration;

import org.vici4j.client.command.internal.Check;

/**
 * What the builders of {@link InitiateRequest} and {@link TerminateRequest} share: the {@code child} and
 * {@code ike} configuration names, charon's {@code timeout} and the {@code loglevel} of the streamed
 * {@code control-log}. Self-typed, so each method returns the concrete builder.
 *
 * @param <B> the concrete builder
 */
abstract class ControlRequestBuilder<B extends ControlRequestBuilder<B>> {

    String child;
    String ike;
    Long timeoutMillis;
    Integer loglevel;

    ControlRequestBuilder() {
    }

    /** @return this builder as its concrete type */
    abstract B self();

    /** {@code child}: the CHILD_SA configuration name. */
    public B child(String child) {
        this.child = child;
        return self();
    }

    /** {@code ike}: the IKE_SA configuration name. */
    public B ike(String ike) {
        this.ike = ike;
        return self();
    }

    /** Charon gives up (success = no, "... not ... after Nms") after {@code timeout}. */
    public B timeout(Duration timeout) {
        this.timeoutMillis = Check.positiveMillis(timeout);
        return self();
    }

    /** Raw {@code timeout} in ms: 0 waits until done, -1 returns at once. */
    public B timeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        return self();
    }

    /** {@code timeout = -1}: charon answers at once and goes on in the background. */
    public B returnImmediately() {
        this.timeoutMillis = -1L;
        return self();
    }

    /** {@code timeout = 0}: charon answers when it is done (its default). */
    public B waitIndefinitely() {
        this.timeoutMillis = 0L;
        return self();
    }

    /** {@code loglevel} of the streamed {@code control-log} messages, -1..4. */
    public B loglevel(int loglevel) {
        this.loglevel = loglevel;
        return self();
    }
}
