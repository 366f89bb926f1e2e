package org.vici4j.lab;

/** The kernel backend a lab gateway's charon uses for its IPsec SAs. */
public enum Backend {
    /** ESP in user space on a TUN device: CHILD_SAs install on any kernel with TUN. */
    LIBIPSEC("libipsec"),
    /**
     * SAs go to the kernel's XFRM through netlink. On a kernel without ESP support the SAD
     * install fails for real ("unable to install inbound and outbound IPsec SA (SAD) in kernel").
     */
    NETLINK("netlink");

    private final String scriptName;

    Backend(String scriptName) {
        this.scriptName = scriptName;
    }

    /** The name the {@code vici-lab} script uses for this backend. */
    public String scriptName() {
        return scriptName;
    }

    public static Backend fromScriptName(String name) {
        for (Backend b : values()) {
            if (b.scriptName.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "': use libipsec or netlink");
    }
}
