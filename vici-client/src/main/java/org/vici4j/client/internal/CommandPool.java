package org.vici4j.client.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.ViciException;
import org.vici4j.client.ViciTimeoutException;
import org.vici4j.client.message.ViciSection;

/**
 * A bounded pool of command connections, opened on demand. Each operation gets a connection for itself
 * (charon executes one command per connection at a time, so a long {@code initiate} holds only its own
 * connection); when every connection is busy and the pool is full, operations wait in FIFO order.
 * A connection whose request timed out is discarded: without request ids its late reply could not be told
 * apart from the reply to the next request.
 */
final class CommandPool implements ViciConnection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPool.class);

    private final Endpoint endpoint;
    private final ViciUri uri;
    private final int maxConnections;

    // guarded by this
    private final ArrayDeque<ViciConnection> idle = new ArrayDeque<>();
    private final Set<ViciConnection> open = new HashSet<>();
    private final ArrayDeque<Operation> waiting = new ArrayDeque<>();
    private int connecting;
    private boolean closed;

    CommandPool(Endpoint endpoint, int maxConnections) {
        this.endpoint = endpoint;
        this.uri = endpoint.uri();
        this.maxConnections = maxConnections;
    }

    /** Runs {@code op} on a pooled connection; it fails with {@link ViciTimeoutException} after {@code timeout}. */
    void submit(Operation op, Duration timeout) {
        Future<?> timer;
        try {
            timer = endpoint.scheduler().schedule(() -> timeout(op, timeout), timeout);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            op.fail(endpoint.closedClient());
            return;
        }
        op.onFinished = () -> {
            timer.cancel(false);
            ViciConnection c = op.connection;
            if (c != null) {
                release(c);
            }
        };
        dispatch(op);
    }

    /** @return the number of open connections (for tests and diagnostics) */
    synchronized int openConnections() {
        return open.size();
    }

    private void dispatch(Operation op) {
        ViciConnection c;
        boolean connect = false;
        synchronized (this) {
            if (closed) {
                op.fail(endpoint.closedClient());
                return;
            }
            if (op.isDone()) {
                return;
            }
            c = idle.pollFirst();
            if (c == null) {
                waiting.add(op);
                connect = reserveConnect();
            } else {
                op.connection = c;
            }
        }
        if (c != null) {
            c.execute(op);
        } else if (connect) {
            openConnection();
        }
    }

    /** Holds the lock. @return whether the caller must open a connection */
    private boolean reserveConnect() {
        if (!closed && open.size() + connecting < maxConnections && waiting.size() > connecting) {
            connecting++;
            return true;
        }
        return false;
    }

    private void openConnection() {
        endpoint.connect("cmd", this).whenComplete((c, err) -> {
            if (err != null) {
                connectFailed(endpoint.connectFailure(err));
                return;
            }
            synchronized (this) {
                connecting--;
                if (closed) {
                    c.close(new ViciConnectionException("client closed"));
                    return;
                }
                open.add(c);
            }
            release(c);
        });
    }

    private void connectFailed(ViciException cause) {
        List<Operation> failed = new ArrayList<>();
        synchronized (this) {
            connecting--;
            // Requests that other connections can still serve keep waiting; with none left, they all fail.
            if (open.isEmpty() && connecting == 0) {
                failed.addAll(waiting);
                waiting.clear();
            }
        }
        LOG.debug("connecting to {} failed: {}", uri, cause.getMessage());
        for (Operation op : failed) {
            op.fail(cause);
        }
    }

    /** Gives {@code c} to the next waiting operation, or makes it idle. */
    private void release(ViciConnection c) {
        Operation next;
        synchronized (this) {
            if (closed || c.isClosed() || !open.contains(c)) {
                return;
            }
            do {
                next = waiting.poll();
            } while (next != null && next.isDone());
            if (next == null) {
                idle.addFirst(c);
                return;
            }
            next.connection = c;
        }
        c.execute(next);
    }

    private void timeout(Operation op, Duration timeout) {
        ViciConnection c;
        synchronized (this) {
            if (op.connection == null && open.isEmpty() && connecting > 0) {
                // still waiting for the first connection: charon was never reached, a connection failure whatever
                // the timeouts (an unreachable tcp:// host whose connect outlasts the request timeout, say)
                op.fail(new ViciConnectionException("cannot connect to charon at " + uri + ": no connection within "
                        + timeout.toMillis() + " ms; check that charon runs and that the address is right and reachable"));
            } else {
                op.fail(new ViciTimeoutException("charon did not answer '" + op.description() + "' within " + timeout
                        + " (client-side request timeout); raise ViciClientOptions.requestTimeout or use"
                        + " ViciClient.withTimeout for long commands such as initiate"));
            }
            waiting.remove(op);
            c = op.connection;
        }
        if (c != null) {
            c.abandon(op, "request '" + op.description() + "' timed out after " + timeout);
        }
    }

    @Override
    public void onEvent(ViciConnection connection, String name, ViciSection message) {
        LOG.debug("{}: dropping unsolicited '{}' event on a command connection", connection, name);
    }

    @Override
    public void onClosed(ViciConnection connection, ViciException cause) {
        boolean connect;
        synchronized (this) {
            open.remove(connection);
            idle.remove(connection);
            connect = reserveConnect();
        }
        if (connect) {
            openConnection();
        }
    }

    @Override
    public void onUnstarted(ViciConnection connection, List<Operation> unstarted) {
        for (Operation op : unstarted) {
            op.connection = null;
            dispatch(op);
        }
    }

    void close() {
        List<Operation> pending;
        List<ViciConnection> conns;
        synchronized (this) {
            closed = true;
            pending = new ArrayList<>(waiting);
            waiting.clear();
            conns = new ArrayList<>(open);
            open.clear();
            idle.clear();
        }
        ViciConnectionException cause = new ViciConnectionException("the VICI client for " + uri + " was closed");
        pending.forEach(op -> op.fail(cause));
        conns.forEach(c -> c.close(cause));
    }
}
