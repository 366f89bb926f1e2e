package org.vici4j.controller.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.StreamedResponse;
import org.vici4j.client.UnknownEventException;
import org.vici4j.client.ViciConnectionException;
import org.vici4j.client.message.ViciSection;
import org.vici4j.controller.failure.LogLine;
import org.vici4j.controller.internal.Charon;

/**
 * An in-memory charon 5.9-like daemon for reconciler tests: loaded connections, secrets, pools, IKE_SAs and
 * CHILD_SAs, scripted initiate outcomes, events to subscribers, going down and restarting.
 */
public final class FakeCharon implements Charon {

    /** What an initiate does. */
    public enum Behaviour {
        /** Establishes (or reuses) the IKE_SA and installs the CHILD_SA. */
        SUCCESS,
        /** IKE_SA established, the local SAD install fails (as in reference initiator-install-failure). */
        SAD_FAILURE,
        /** IKE_SA established, the peer answers NO_PROPOSAL_CHOSEN (as in reference responder-install-failure). */
        PEER_NO_PROPOSAL,
        /** charon's timeout runs out while the IKE_SA is still CONNECTING. */
        STILL_CONNECTING,
        /** The command does not answer until {@link #completePending(Behaviour)}. */
        PENDING
    }

    public static final class Ike {
        public final String name;
        public final long uniqueId;
        public String state = "ESTABLISHED";
        public final Map<String, Long> children = new LinkedHashMap<>(); // child name -> uniqueid (INSTALLED)

        Ike(String name, long uniqueId) {
            this.name = name;
            this.uniqueId = uniqueId;
        }
    }

    private record Sub(Set<String> events, Events sink, boolean[] closed) {
    }

    private record Pending(String ike, String child, Consumer<ViciSection> onLog,
            CompletableFuture<StreamedResponse> future) {
    }

    public final Map<String, ViciSection> conns = new LinkedHashMap<>();
    public final Map<String, Ike> sas = new LinkedHashMap<>();
    public final Set<String> shared = new LinkedHashSet<>();
    public final Set<String> pools = new LinkedHashSet<>();
    public final Set<String> keys = new LinkedHashSet<>();
    public final Set<String> traps = new LinkedHashSet<>();
    public final List<String> commands = new ArrayList<>();
    /** the commands sent as streamed commands (registering an event), a subset of {@link #commands} */
    public final List<String> streamedCommands = new ArrayList<>();
    public final List<ViciSection> initiates = new ArrayList<>();
    public final Map<String, Deque<Behaviour>> script = new HashMap<>();
    public final Set<String> rejectConns = new LinkedHashSet<>();
    /** ids of shared secrets load-shared refuses */
    public final Set<String> rejectShared = new LinkedHashSet<>();
    public Behaviour defaultBehaviour = Behaviour.SUCCESS;
    public boolean alerts;
    public boolean down;
    /** a frozen charon (SIGSTOP): requests are taken and never answered */
    public boolean frozen;
    private final List<Sub> subs = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private long nextIkeId = 1;
    private long nextChildId = 1;

    /** Queues behaviours for the next initiates of {@code ike/child}. */
    public synchronized FakeCharon script(String ike, String child, Behaviour... b) {
        script.computeIfAbsent(ike + "/" + child, k -> new ArrayDeque<>()).addAll(List.of(b));
        return this;
    }

    public synchronized long initiateCount(String ike, String child) {
        return initiates.stream().filter(m -> ike.equals(m.stringOr("ike", "")) && child.equals(m.stringOr("child", "")))
                .count();
    }

    public synchronized long count(String command) {
        return commands.stream().filter(command::equals).count();
    }

    public synchronized boolean installed(String ike, String child) {
        Ike i = sas.get(ike);
        return i != null && i.children.containsKey(child);
    }

    private static <T> CompletableFuture<T> refused() {
        return CompletableFuture.failedFuture(new ViciConnectionException("connection refused (fake charon is down)"));
    }

    @Override
    public synchronized CompletableFuture<ViciSection> request(String command, ViciSection m) {
        if (down) {
            return refused();
        }
        commands.add(command);
        if (frozen) {
            return new CompletableFuture<>();
        }
        switch (command) {
            case "version":
                return done(ViciSection.builder().add("daemon", "charon").add("version", "5.9.8").build());
            case "load-conn": {
                var e = m.entries().get(0);
                if (rejectConns.contains(e.getKey())) {
                    return done(fail("invalid value for: local_ts, config discarded"));
                }
                conns.put(e.getKey(), (ViciSection) e.getValue());
                return done(ok());
            }
            case "unload-conn":
                return done(conns.remove(m.stringOr("name", "")) != null ? ok() : fail("configuration name not found"));
            case "load-shared":
                if (rejectShared.contains(m.stringOr("id", ""))) {
                    return done(fail("loading shared key failed"));
                }
                shared.add(m.stringOr("id", ""));
                return done(ok());
            case "unload-shared":
                return done(shared.remove(m.stringOr("id", "")) ? ok() : fail("shared key not found"));
            case "get-shared":
                return done(ViciSection.builder().addList("keys", new ArrayList<>(shared)).build());
            case "load-pool":
                pools.add(m.entries().get(0).getKey());
                return done(ok());
            case "get-pools": {
                ViciSection.Builder b = ViciSection.builder();
                pools.forEach(n -> b.beginSection(n).add("base", "10.3.0.0").endSection());
                return done(b.build());
            }
            case "unload-pool":
                return done(pools.remove(m.stringOr("name", "")) ? ok() : fail("pool not found"));
            case "load-key": {
                String id = "k" + Integer.toHexString(java.util.Arrays.hashCode(
                        m.get("data").map(v -> ((org.vici4j.client.message.ViciValue) v).bytes()).orElse(new byte[0])));
                keys.add(id);
                return done(ViciSection.builder().add("success", true).add("id", id).build());
            }
            case "unload-key":
                return done(keys.remove(m.stringOr("id", "")) ? ok() : fail("key not found"));
            case "install":
                traps.add(m.stringOr("ike", "") + "/" + m.stringOr("child", ""));
                return done(ok());
            case "get-authorities":
                return done(ViciSection.empty());
            case "terminate":
                terminate(m);
                return done(ok());
            case "initiate": {
                // with a negative timeout charon answers at once; the outcome arrives as events
                initiates.add(m);
                String ike = m.stringOr("ike", "");
                String child = m.stringOr("child", "");
                if (!conns.containsKey(ike)) {
                    return done(fail("CHILD_SA config '" + child + "' not found"));
                }
                Deque<Behaviour> q = script.get(ike + "/" + child);
                Behaviour b = q == null || q.isEmpty() ? defaultBehaviour : q.poll();
                if (b == Behaviour.PENDING) {
                    // as charon, which lists the IKE_SA it negotiates as CONNECTING
                    sas.computeIfAbsent(ike, k -> {
                        Ike i = new Ike(k, nextIkeId++);
                        i.state = "CONNECTING";
                        return i;
                    });
                    pending.add(new Pending(ike, child, null, null));
                    return done(ok());
                }
                ViciSection r = run(ike, child, b, ev -> { });
                return done(r.stringOr("errmsg", "").endsWith("not found") ? r : ok());
            }
            default:
                return done(fail("fake charon does not know " + command));
        }
    }

    @Override
    public synchronized CompletableFuture<StreamedResponse> streamed(String command, ViciSection m, String event,
            Consumer<ViciSection> onEvent, Duration timeout) {
        if (down) {
            return refused();
        }
        commands.add(command);
        streamedCommands.add(command);
        if (frozen) {
            return new CompletableFuture<>();
        }
        List<ViciSection> events = new ArrayList<>();
        Consumer<ViciSection> emit = ev -> {
            events.add(ev);
            if (onEvent != null) {
                onEvent.accept(ev);
            }
        };
        switch (command) {
            case "list-conns" -> {
                String ike = m.stringOr("ike", null);
                conns.forEach((k, v) -> {
                    if (ike == null || ike.equals(k)) {
                        emit.accept(ViciSection.builder().addSection(k, v).build());
                    }
                });
            }
            case "list-sas" -> {
                String ike = m.stringOr("ike", null);
                for (Ike i : sas.values()) {
                    if (ike == null || ike.equals(i.name)) {
                        emit.accept(ViciSection.builder().addSection(i.name, ikeSection(i)).build());
                    }
                }
            }
            case "list-policies" -> {
                for (String t : traps) {
                    String[] p = t.split("/", 2);
                    if (p[1].equals(m.stringOr("child", p[1]))) {
                        emit.accept(ViciSection.builder().beginSection(t).add("child", p[1]).add("ike", p[0])
                                .add("mode", "TUNNEL").endSection().build());
                    }
                }
            }
            case "terminate" -> {
                terminate(m);
                return CompletableFuture.completedFuture(new StreamedResponse(ok(), events));
            }
            case "initiate" -> {
                initiates.add(m);
                return initiate(m.stringOr("ike", ""), m.stringOr("child", ""), emit);
            }
            default -> {
                return CompletableFuture.completedFuture(new StreamedResponse(fail("unknown " + command), events));
            }
        }
        return CompletableFuture.completedFuture(new StreamedResponse(ok(), events));
    }

    private CompletableFuture<StreamedResponse> initiate(String ike, String child, Consumer<ViciSection> emit) {
        Deque<Behaviour> q = script.get(ike + "/" + child);
        Behaviour b = q == null || q.isEmpty() ? defaultBehaviour : q.poll();
        if (b == Behaviour.PENDING) {
            CompletableFuture<StreamedResponse> f = new CompletableFuture<>();
            pending.add(new Pending(ike, child, emit, f));
            return f;
        }
        return CompletableFuture.completedFuture(new StreamedResponse(run(ike, child, b, emit), List.of()));
    }

    /** Completes the oldest pending initiate with {@code b}. */
    public void completePending(Behaviour b) {
        Pending p;
        ViciSection resp;
        synchronized (this) {
            p = pending.remove(0);
            resp = run(p.ike(), p.child(), b, p.onLog() != null ? p.onLog() : ev -> { });
        }
        if (p.future() != null) {
            p.future().complete(new StreamedResponse(resp, List.of()));
        }
    }

    /** @return how many initiates have no outcome yet */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Fails every pending initiate as if the connection to charon was lost. */
    public void failPending() {
        List<Pending> all;
        synchronized (this) {
            all = new ArrayList<>(pending);
            pending.clear();
        }
        all.stream().filter(p -> p.future() != null).forEach(p -> p.future().completeExceptionally(
                new org.vici4j.client.ConnectionLostException("connection lost")));
    }

    private ViciSection run(String ike, String child, Behaviour b, Consumer<ViciSection> emit) {
        if (!conns.containsKey(ike)) {
            return fail("CHILD_SA config '" + child + "' not found");
        }
        if (b == Behaviour.STILL_CONNECTING) {
            Ike i = sas.computeIfAbsent(ike, k -> new Ike(k, nextIkeId++));
            i.state = "CONNECTING";
            return fail("CHILD_SA '" + child + "' not established after 5000ms");
        }
        Ike existing = sas.get(ike);
        boolean fresh = existing == null;
        Ike i = fresh ? new Ike(ike, nextIkeId++) : existing;
        i.state = "ESTABLISHED";
        sas.put(ike, i);
        if (i.children.containsKey(child)) {
            return fail("establishing CHILD_SA '" + child + "' failed");
        }
        if (fresh) {
            publish("ike-updown", ViciSection.builder().add("up", true).addSection(ike, ikeSection(i)).build());
        }
        switch (b) {
            case SUCCESS -> {
                long id = nextChildId++;
                emitLog(emit, i, "IKE", "CHILD_SA " + child + "{" + id + "} established with SPIs 1_i 2_o");
                i.children.put(child, id);
                publish("child-updown", ViciSection.builder().add("up", true).addSection(ike, ikeSection(i, child, id,
                        "INSTALLED")).build());
                return ok();
            }
            case SAD_FAILURE -> {
                scenarioLines("initiator-install-failure", fresh).forEach(l -> emitLog(emit, i, l.group(),
                        named(l.message(), child)));
                return fail("establishing CHILD_SA '" + child + "' failed");
            }
            case PEER_NO_PROPOSAL -> {
                scenarioLines("responder-install-failure", fresh).forEach(l -> emitLog(emit, i, l.group(),
                        named(l.message(), child)));
                return fail("establishing CHILD_SA '" + child + "' failed");
            }
            default -> throw new IllegalStateException(b.toString());
        }
    }

    /** A reference line (captured for a child named net) as charon logs it for {@code child}. */
    private static String named(String line, String child) {
        return line.replace("CHILD_SA net{", "CHILD_SA " + child + "{").replace("CHILD_SA 'net'", "CHILD_SA '" + child
                + "'");
    }

    /** The control-log lines of a reference scenario; without the IKE_SA setup when the IKE_SA is reused. */
    private static List<LogLine> scenarioLines(String scenario, boolean fresh) {
        List<LogLine> all = ReferenceStreams.swanctlInitiate(scenario).stream().filter(l -> l.startsWith("["))
                .map(LogLine::parse).toList();
        if (fresh) {
            return all;
        }
        int from = 0;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).message().startsWith("maximum IKE_SA lifetime")) {
                from = k + 1;
            }
        }
        List<LogLine> out = new ArrayList<>();
        out.add(LogLine.of("IKE", "establishing CHILD_SA net{" + 99 + "}"));
        out.addAll(all.subList(from, all.size()));
        return out;
    }

    private void emitLog(Consumer<ViciSection> emit, Ike i, String group, String msg) {
        ViciSection ev = ViciSection.builder().add("group", group).add("level", "1").add("ikesa-name", i.name)
                .add("ikesa-uniqueid", i.uniqueId).add("msg", msg).build();
        emit.accept(ev);
        publish("log", ev);
    }

    private void terminate(ViciSection m) {
        String ike = m.stringOr("ike", null);
        String child = m.stringOr("child", null);
        long childId = m.longValue("child-id").orElse(-1);
        if (child != null) {
            for (Ike i : sas.values()) {
                if (ike == null || ike.equals(i.name)) {
                    Long id = i.children.remove(child);
                    if (id != null) {
                        publish("child-updown", ViciSection.builder().addSection(i.name, ikeSection(i, child, id,
                                "DELETED")).build());
                    }
                }
            }
        } else if (ike != null) {
            Ike i = sas.remove(ike);
            if (i != null) {
                publish("ike-updown", ViciSection.builder().addSection(ike, ikeSection(i)).build());
            }
        }
        if (childId >= 0) {
            for (Ike i : sas.values()) {
                for (var e : new ArrayList<>(i.children.entrySet())) {
                    if (e.getValue() == childId) {
                        i.children.remove(e.getKey());
                        publish("child-updown", ViciSection.builder().addSection(i.name, ikeSection(i, e.getKey(),
                                childId, "DELETED")).build());
                    }
                }
            }
        }
    }

    /** The peer deletes a CHILD_SA: it disappears and child-updown (down) is raised. */
    public void peerDeletesChild(String ike, String child) {
        ViciSection ev;
        synchronized (this) {
            Ike i = sas.get(ike);
            long id = i.children.remove(child);
            ev = ViciSection.builder().addSection(ike, ikeSection(i, child, id, "DELETED")).build();
        }
        publish("child-updown", ev);
    }

    /** charon restarts: everything loaded and every SA is gone; subscribers learn of a gap. */
    public void restart() {
        List<Sub> s;
        synchronized (this) {
            conns.clear();
            sas.clear();
            shared.clear();
            pools.clear();
            traps.clear();
            s = new ArrayList<>(subs);
        }
        s.forEach(x -> x.sink().onGap("fake restart", true));
    }

    /** Subscribers' buffers overflowed: events were dropped. */
    public void overflow() {
        List<Sub> s;
        synchronized (this) {
            s = new ArrayList<>(subs);
        }
        s.forEach(x -> x.sink().onGap("42 events dropped", false));
    }

    /** Raises an event to subscribers (as charon would). */
    public void publish(String name, ViciSection message) {
        List<Sub> s;
        synchronized (this) {
            s = new ArrayList<>(subs);
        }
        for (Sub x : s) {
            if (!x.closed()[0] && x.events().contains(name)) {
                x.sink().onEvent(name, message);
            }
        }
    }

    /** The IKE_SA's section as child-updown carries it: with the one CHILD_SA the event is about. */
    private static ViciSection ikeSection(Ike i, String child, long childId, String state) {
        return ViciSection.builder().add("uniqueid", i.uniqueId).add("version", 2).add("state", i.state)
                .beginSection("child-sas").beginSection(child + "-" + childId).add("name", child)
                .add("uniqueid", childId).add("state", state).endSection().endSection().build();
    }

    private static ViciSection ikeSection(Ike i) {
        ViciSection.Builder b = ViciSection.builder().add("uniqueid", i.uniqueId).add("version", 2).add("state", i.state)
                .beginSection("child-sas");
        i.children.forEach((name, id) -> b.beginSection(name + "-" + id).add("name", name).add("uniqueid", id)
                .add("state", "INSTALLED").endSection());
        return b.endSection().build();
    }

    @Override
    public synchronized EventHandle subscribe(Set<String> events, Events sink) {
        boolean[] closed = new boolean[1];
        CompletableFuture<Object> registered;
        if (down) {
            registered = refused();
            closed[0] = true;
        } else if (events.contains("alert") && !alerts) {
            registered = CompletableFuture.failedFuture(new UnknownEventException("alert"));
            closed[0] = true;
        } else {
            registered = CompletableFuture.completedFuture(null);
            subs.add(new Sub(events, sink, closed));
        }
        return new EventHandle() {
            @Override
            public CompletableFuture<?> registered() {
                return registered;
            }

            @Override
            public boolean isClosed() {
                return closed[0];
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
    }

    /** Ends every subscription as a lost connection would (no reconnect). */
    public void dropSubscriptions() {
        List<Sub> s;
        synchronized (this) {
            s = new ArrayList<>(subs);
            subs.clear();
        }
        for (Sub x : s) {
            x.closed()[0] = true;
            x.sink().onClosed(new ViciConnectionException("event connection lost"));
        }
    }

    private static CompletableFuture<ViciSection> done(ViciSection s) {
        return CompletableFuture.completedFuture(s);
    }

    private static ViciSection ok() {
        return ViciSection.builder().add("success", true).build();
    }

    private static ViciSection fail(String errmsg) {
        return ViciSection.builder().add("success", false).add("errmsg", errmsg).build();
    }
}
