package org.vici4j.client.command;

import java.time.Duration;

import org.vici4j.client.command.internal.Check;
import org.vici4j.client.command.internal.OptionalArgs;
import org.vici4j.client.message.ViciSection;

/**
 * Arguments of {@code initiate}. At least one of {@code child} and {@code ike} is required;
 * unset (null) fields are not sent, so charon's defaults apply (timeout 0 = wait until done,
 * loglevel 1).
 *
 * @param child CHILD_SA configuration name to initiate ({@code child})
 * @param ike IKE_SA configuration name to initiate, or to find the child under ({@code ike})
 * @param timeoutMillis {@code timeout} in ms: 0 waits until done, -1 returns at once
 * @param initLimits whether charon's IKE_SA limits may prevent initiating ({@code init-limits})
 * @param loglevel level of the streamed {@code control-log} messages, -1..4 ({@code loglevel})
 */
public record InitiateRequest(String child, String ike, Long timeoutMillis, Boolean initLimits, Integer loglevel)
        implements ViciRequest {

    public InitiateRequest {
        Check.optionalValue("child", child);
        Check.optionalValue("ike", ike);
        if (child == null && ike == null) {
            throw new IllegalArgumentException("initiate needs a child or an ike configuration name; set at least one");
        }
        Check.timeoutMillis(timeoutMillis);
        Check.loglevel(loglevel);
    }

    /** Initiates the CHILD_SA configuration {@code child} (its IKE_SA is found by charon). */
    public static InitiateRequest child(String child) {
        return builder().child(child).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ViciSection toMessage() {
        return OptionalArgs.message()
                .add("child", child)
                .add("ike", ike)
                .add("timeout", timeoutMillis)
                .add("init-limits", initLimits)
                .add("loglevel", loglevel)
                .build();
    }

    /** Builder of {@link InitiateRequest}. */
    public static final class Builder {
        private String child;
        private String ike;
        private Long timeoutMillis;
        private Boolean initLimits;
        private Integer loglevel;

        private Builder() {
        }

        public Builder child(String child) {
            this.child = child;
            return this;
        }

        public Builder ike(String ike) {
            this.ike = ike;
            return this;
        }

        /** Returns (success = no, "... not established after Nms") after {@code timeout}. */
        public Builder timeout(Duration timeout) {
            this.timeoutMillis = Check.positiveMillis(timeout);
            return this;
        }

        /** Raw {@code timeout} in ms: 0 waits until done, -1 returns at once. */
        public Builder timeoutMillis(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
            return this;
        }

        /** {@code timeout = -1}: charon answers at once and initiates in the background. */
        public Builder returnImmediately() {
            this.timeoutMillis = -1L;
            return this;
        }

        /** {@code timeout = 0}: charon answers when the SA is up or has failed (its default). */
        public Builder waitIndefinitely() {
            this.timeoutMillis = 0L;
            return this;
        }

        public Builder initLimits(boolean initLimits) {
            this.initLimits = initLimits;
            return this;
        }

        public Builder loglevel(int loglevel) {
            this.loglevel = loglevel;
            return this;
        }

        public InitiateRequest build() {
            return new InitiateRequest(child, ike, timeoutMillis, initLimits, loglevel);
        }
    }
}
