package org.vici4j.controller.plan;

/** The kinds of objects a plan loads into charon and unloads from it. */
public enum ObjectKind {
    /** a connection: {@code load-conn}, {@code unload-conn} */
    CONNECTION("connection"),
    /** a shared secret, private key or token: {@code load-shared}/{@code load-key}/{@code load-token} */
    SECRET("secret"),
    /** a virtual IP pool: {@code load-pool}, {@code unload-pool} */
    POOL("pool"),
    /** a certification authority: {@code load-authority}, {@code unload-authority} */
    AUTHORITY("authority");

    private final String word;

    ObjectKind(String word) {
        this.word = word;
    }

    /** @return the lower-case word for messages: connection, secret, pool, authority */
    public String word() {
        return word;
    }
}
