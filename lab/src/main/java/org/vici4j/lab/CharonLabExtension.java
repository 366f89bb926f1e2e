package org.vici4j.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension that runs a {@link CharonLab} for a test class. Register it on a static
 * field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CharonLabExtension LAB = CharonLabExtension.builder()
 *         .gateway("a", Backend.LIBIPSEC)
 *         .gateway("b", Backend.NETLINK)
 *         .build();
 * }</pre>
 *
 * The lab starts before the first test and is destroyed after the last. When the machine cannot
 * run a lab, every test of the class fails with a message naming what is missing: a real-charon
 * test never skips silently. When a test fails, the tail of each gateway's charon log is printed.
 */
public final class CharonLabExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final int LOG_TAIL_LINES = 60;

    private final Map<String, Backend> gateways;
    private final boolean bridge;
    private final int hosts;
    private final boolean strongSwan6;
    private CharonLab lab;

    private CharonLabExtension(Builder b) {
        this.gateways = new LinkedHashMap<>(b.gateways);
        this.bridge = b.bridge;
        this.hosts = b.hosts;
        this.strongSwan6 = b.strongSwan6;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        CharonLab.Builder builder = CharonLab.builder().hostsPerGateway(hosts);
        gateways.forEach(builder::gateway);
        if (bridge) {
            builder.bridge();
        }
        if (strongSwan6) {
            builder.strongSwan6();
        }
        lab = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (lab == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Gateway gw : lab.gateways()) {
            List<String> lines = gw.log().lines().toList();
            sb.append("---- last ").append(Math.min(LOG_TAIL_LINES, lines.size())).append(" lines of ")
                    .append(gw).append(" (").append(gw.logPath()).append(")\n");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                    .forEach(l -> sb.append(l).append('\n'));
        }
        System.err.print(sb);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testFailed(context, cause);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
    }

    /** The running lab; only valid between beforeAll and afterAll. */
    public CharonLab lab() {
        if (lab == null) {
            throw new IllegalStateException("the lab is not running: use it from tests of the class that registers it");
        }
        return lab;
    }

    public Gateway gateway(String name) {
        return lab().gateway(name);
    }

    /** @return whether the gateways run strongSwan 6 ({@link Builder#strongSwan6()}) rather than the host's charon */
    public boolean runsStrongSwan6() {
        return strongSwan6;
    }

    public static final class Builder {
        private final Map<String, Backend> gateways = new LinkedHashMap<>();
        private boolean bridge;
        private int hosts = 1;
        private boolean strongSwan6;

        private Builder() {
        }

        /** Every gateway runs strongSwan 6 (see {@link CharonLab.Builder#strongSwan6()}). */
        public Builder strongSwan6() {
            strongSwan6 = true;
            return this;
        }

        public Builder gateway(String name, Backend backend) {
            gateways.put(name, backend);
            return this;
        }

        public Builder bridge() {
            bridge = true;
            return this;
        }

        public Builder hostsPerGateway(int count) {
            hosts = count;
            return this;
        }

        public CharonLabExtension build() {
            if (gateways.isEmpty()) {
                throw new IllegalStateException("a lab needs at least one gateway");
            }
            return new CharonLabExtension(this);
        }
    }
}
