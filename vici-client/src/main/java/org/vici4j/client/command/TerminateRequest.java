package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code terminate}. At least one selector ({@code child}, {@code ike},
 * {@code childId}, {@code ikeId}) is required; unset (null) fields are not sent.
 *
 * @param child terminate CHILD_SAs by configuration name ({@code child})
 * @param ike terminate IKE_SAs by configuration name ({@code ike})
 * @param childId terminate the CHILD_SA with this unique id ({@code child-id})
 * @param ikeId terminate the IKE_SA with this unique id ({@code ike-id})
 * @param force delete the IKE_SA without waiting for the peer's DELETE response ({@code force})
 * @param timeoutMillis {@code timeout} in ms: 0 waits until done, -1 returns at once
 * @param loglevel level of the streamed {@code control-log} messages, -1..4 ({@code loglevel})
 */
public record TerminateRequest(String child, String ike, Long childId, Long ikeId, Boolean force,
        Long timeoutMillis, Integer loglevel) implements ViciRequest {

    public TerminateRequest {
        SaSelector.check("terminate", child, ike, childId, ikeId);
        Check.timeoutMillis(timeoutMillis);
        Check.loglevel(loglevel);
    }

    /** Terminates the IKE_SAs of configuration {@code ike}. */
    public static TerminateRequest ike(String ike) {
        return builder().ike(ike).build();
    }

    /** Terminates the CHILD_SAs of configuration {@code child}. */
    public static TerminateRequest child(String child) {
        return builder().child(child).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ViciSection toMessage() {
        return SaSelector.message(child, ike, childId, ikeId)
                .add("force", force)
                .add("timeout", timeoutMillis)
                .add("loglevel", loglevel)
                .build();
    }

    /** Builder of {@link TerminateRequest}. */
    public static final class Builder extends ControlRequestBuilder<Builder> {
        private Long childId;
        private Long ikeId;
        private Boolean force;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder childId(long childId) {
            this.childId = childId;
            return this;
        }

        public Builder ikeId(long ikeId) {
            this.ikeId = ikeId;
            return this;
        }

        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        public TerminateRequest build() {
            return new TerminateRequest(child, ike, childId, ikeId, force, timeoutMillis, loglevel);
        }
    }
}
