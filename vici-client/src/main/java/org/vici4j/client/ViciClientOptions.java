package org.vici4j.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.vici4j.client.internal.ViciUri;

/**
 * Immutable settings of a {@link ViciClient}. Create with {@link #builder()}; every setting has a
 * default, so {@code ViciClientOptions.builder().build()} connects to
 * {@value #DEFAULT_URI} like {@code swanctl} does.
 */
public final class ViciClientOptions {

    /** charon's default VICI socket, as used by swanctl. */
    public static final String DEFAULT_URI = "unix:///var/run/charon.vici";

    private final String uri;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int poolSize;
    private final int eventBufferSize;
    private final boolean reconnect;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double backoffMultiplier;
    private final Executor listenerExecutor;
    private final ViciScheduler scheduler;
    private final Clock clock;
    private final String threadNamePrefix;

    private ViciClientOptions(Builder b) {
        this.uri = b.uri;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.poolSize = b.poolSize;
        this.eventBufferSize = b.eventBufferSize;
        this.reconnect = b.reconnect;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.listenerExecutor = b.listenerExecutor;
        this.scheduler = b.scheduler;
        this.clock = b.clock;
        this.threadNamePrefix = b.threadNamePrefix;
    }

    /** @return a builder with every setting at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return options with defaults and the given URI */
    public static ViciClientOptions of(String uri) {
        return builder().uri(uri).build();
    }

    /** @return a builder initialised with these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.uri = uri;
        b.requestTimeout = requestTimeout;
        b.connectTimeout = connectTimeout;
        b.poolSize = poolSize;
        b.eventBufferSize = eventBufferSize;
        b.reconnect = reconnect;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.backoffMultiplier = backoffMultiplier;
        b.listenerExecutor = listenerExecutor;
        b.scheduler = scheduler;
        b.clock = clock;
        b.threadNamePrefix = threadNamePrefix;
        return b;
    }

    /** @return the VICI URI, {@code unix:///path} or {@code tcp://host:port} */
    public String uri() {
        return uri;
    }

    /** @return the client-side limit for every request, from submission to its last reply */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the limit for establishing one connection */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the maximum number of command connections */
    public int poolSize() {
        return poolSize;
    }

    /** @return how many undelivered events each subscription buffers before dropping */
    public int eventBufferSize() {
        return eventBufferSize;
    }

    /** @return whether lost event connections are re-established automatically */
    public boolean reconnect() {
        return reconnect;
    }

    /** @return the first reconnect delay */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** @return the largest reconnect delay */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return the factor applied to the reconnect delay after each failed attempt */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** @return the executor listeners are called on; empty: the client creates and owns one */
    public Optional<Executor> listenerExecutor() {
        return Optional.ofNullable(listenerExecutor);
    }

    /** @return the scheduler for timeouts and backoff; empty: the client creates and owns one */
    public Optional<ViciScheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /** @return the clock used for {@link EventGap} timestamps */
    public Clock clock() {
        return clock;
    }

    /** @return the prefix of the names of the threads the client creates */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    @Override
    public String toString() {
        return "ViciClientOptions{uri=" + uri + ", requestTimeout=" + requestTimeout + ", connectTimeout="
                + connectTimeout + ", poolSize=" + poolSize + ", eventBufferSize=" + eventBufferSize
                + ", reconnect=" + reconnect + ", backoff=" + initialBackoff + ".." + maxBackoff + " x"
                + backoffMultiplier + ", threadNamePrefix=" + threadNamePrefix + "}";
    }

    /** Builds {@link ViciClientOptions}; each setter validates its argument immediately. */
    public static final class Builder {
        private String uri = DEFAULT_URI;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int poolSize = 4;
        private int eventBufferSize = 1024;
        private boolean reconnect = false;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double backoffMultiplier = 2.0;
        private Executor listenerExecutor;
        private ViciScheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private String threadNamePrefix = "vici4j";

        private Builder() {
        }

        /**
         * @param uri {@code unix:///path/to/charon.vici} or {@code tcp://host:port}, as for
         *     {@code swanctl --uri}; default {@value ViciClientOptions#DEFAULT_URI}
         */
        public Builder uri(String uri) {
            ViciUri.parse(uri); // validates, with a message that says how to fix it
            this.uri = uri;
            return this;
        }

        /**
         * Every request fails with {@link ViciTimeoutException} if it is not answered within this
         * time (default 30 s), whatever {@code timeout} argument charon was given. For a long
         * {@code initiate}, raise it or use {@link ViciClient#withTimeout(Duration)}.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Limit for establishing a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Maximum number of command connections, opened on demand (default 4, at least 1). */
        public Builder poolSize(int size) {
            if (size < 1 || size > 1024) {
                throw new IllegalArgumentException("poolSize must be between 1 and 1024, got " + size);
            }
            this.poolSize = size;
            return this;
        }

        /** Undelivered events buffered per subscription; when full, new events are dropped and reported with {@link EventListener#onOverflow(long)} (default 1024). */
        public Builder eventBufferSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("eventBufferSize must be at least 1, got " + size);
            }
            this.eventBufferSize = size;
            return this;
        }

        /**
         * Whether to re-establish a lost event connection, re-register every subscription and tell
         * listeners with {@link EventListener#onGap(EventGap)} (default false: subscriptions end with
         * {@link EventListener#onClosed(ViciException)}).
         */
        public Builder reconnect(boolean enabled) {
            this.reconnect = enabled;
            return this;
        }

        /** Reconnect backoff: first delay, largest delay and growth factor (defaults 100 ms, 30 s, 2.0). */
        public Builder reconnectBackoff(Duration initial, Duration max, double multiplier) {
            positive(initial, "initial backoff");
            positive(max, "max backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is shorter than initial backoff " + initial);
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("backoff multiplier must be a finite number >= 1.0, got " + multiplier);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            this.backoffMultiplier = multiplier;
            return this;
        }

        /** Executor that calls listeners; the caller owns it (default: a client-owned daemon pool). */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = Objects.requireNonNull(executor, "listenerExecutor");
            return this;
        }

        /** Scheduler for timeouts and backoff; the caller owns it (default: a client-owned thread). */
        public Builder scheduler(ViciScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Clock for {@link EventGap} timestamps (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Prefix of the names of threads created by the client (default {@code vici4j}). */
        public Builder threadNamePrefix(String prefix) {
            Objects.requireNonNull(prefix, "threadNamePrefix");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException("threadNamePrefix must not be blank");
            }
            this.threadNamePrefix = prefix;
            return this;
        }

        /** @return the options */
        public ViciClientOptions build() {
            return new ViciClientOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
