package org.vici4j.client.command;

import org.vici4j.client.command.internal.Check;
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
        return SaSelector.message(child, ike, null, null)
                .add("timeout", timeoutMillis)
                .add("init-limits", initLimits)
                .add("loglevel", loglevel)
                .build();
    }

    /** Builder of {@link InitiateRequest}. */
    public static final class Builder extends ControlRequestBuilder<Builder> {
        private Boolean initLimits;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder initLimits(boolean initLimits) {
            this.initLimits = initLimits;
            return this;
        }

        public InitiateRequest build() {
            return new InitiateRequest(child, ike, timeoutMillis, initLimits, loglevel);
        }
    }
}
