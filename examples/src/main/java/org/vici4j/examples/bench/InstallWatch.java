package org.vici4j.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.vici4j.client.EventGap;
import org.vici4j.client.EventListener;
import org.vici4j.client.Subscription;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.client.ViciException;
import org.vici4j.client.command.ChildSa;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

/**
 * Benchmark helper for {@code scripts/bench-scale.sh}: watches one charon's CHILD_SAs being installed, from its
 * {@code child-updown} events, and says when a given number is installed (or when the count stopped growing), and
 * optionally how soon a {@code vici controller}'s status file reported each child {@code installed}.
 *
 * <pre>
 * InstallWatch --uri URI --expect N --out FILE [--quiet SECONDS] [--timeout SECONDS] [--after-restart]
 *              [--status-file PATH] [--fresh-within SECONDS]
 * </pre>
 *
 * It subscribes to {@code child-updown}, counts the CHILD_SAs already INSTALLED ({@code list-sas}), prints
 * {@code ready} on stdout and then records the arrival time of every {@code up} event for an INSTALLED child (a
 * {@code down} event removes the child again). It ends when {@code expect} children are installed, when no child
 * was installed for {@code quiet} seconds (after the first one), or after {@code timeout} seconds. With
 * {@code --after-restart} it ignores everything until its event connection was lost and re-established (charon was
 * restarted), then starts counting from what the new charon has. Figures are epoch milliseconds, written to FILE as
 * {@code key=value} lines.
 *
 * <p>With {@code --status-file}, a second thread reads the controller's status file whenever its modification time
 * changes (checked every 200 ms) and records when each child first appears there as {@code installed}; the output
 * then has the fraction of children reported within {@code --fresh-within} seconds (default 3) of their event, and
 * the delay's percentiles. The 200 ms check and the controller's own coalescing of status-file writes (at most every
 * 100 ms) are part of the measured delay.
 */
public final class InstallWatch {

    private final Object lock = new Object();
    /** child name to the arrival time of the event that installed it (this run only) */
    private final Map<String, Long> firstInstalled = new HashMap<>();
    private final Set<String> installed = new HashSet<>();
    private final Map<String, Long> statusSeen = new HashMap<>();
    private volatile boolean counting;
    private long lastInstallMs;
    private long reachedMs;
    private int seeded;
    private int downs;
    private int gaps;

    private InstallWatch() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String uri = required(opt, "--uri");
        int expect = Integer.parseInt(required(opt, "--expect"));
        Path out = Path.of(required(opt, "--out"));
        long quietMs = (long) (Double.parseDouble(opt.getOrDefault("--quiet", "10")) * 1000);
        long timeoutMs = (long) (Double.parseDouble(opt.getOrDefault("--timeout", "600")) * 1000);
        boolean afterRestart = opt.containsKey("--after-restart");
        Path statusFile = opt.containsKey("--status-file") ? Path.of(opt.get("--status-file")) : null;
        long freshMs = (long) (Double.parseDouble(opt.getOrDefault("--fresh-within", "3")) * 1000);
        new InstallWatch().run(uri, expect, out, quietMs, timeoutMs, afterRestart, statusFile, freshMs);
        System.exit(0); // the client's threads are not daemons in every version; end here
    }

    private void run(String uri, int expect, Path out, long quietMs, long timeoutMs, boolean afterRestart,
            Path statusFile, long freshMs) throws Exception {
        ViciClientOptions options = ViciClientOptions.builder().uri(uri).reconnect(true)
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100), 1.5)
                .requestTimeout(Duration.ofSeconds(60)).eventBufferSize(1 << 16).build();
        long start = System.currentTimeMillis();
        try (ViciClient client = ViciClient.connect(options)) {
            Subscription sub = client.subscribe("child-updown", new EventListener() {
                @Override
                public void onEvent(String name, ViciSection message) {
                    event(message);
                }

                @Override
                public void onGap(EventGap gap) {
                    synchronized (lock) {
                        gaps++;
                    }
                    if (afterRestart && !counting) {
                        // charon restarted: count from what the new daemon has (not on the listener's thread)
                        Thread t = new Thread(() -> {
                            if (restartedSince(client, start)) {
                                seed(client, true);
                            }
                        }, "seed");
                        t.setDaemon(true);
                        t.start();
                    }
                }

                @Override
                public void onOverflow(long dropped) {
                    System.err.println("InstallWatch: " + dropped + " events dropped (listener too slow)");
                }
            });
            client.await(sub.registered());
            if (!afterRestart) {
                seed(client, false);
            }
            Thread poller = null;
            if (statusFile != null) {
                poller = new Thread(() -> pollStatus(statusFile), "status-poll");
                poller.setDaemon(true);
                poller.start();
            }
            System.out.println("ready");
            System.out.flush();
            String end;
            while (true) {
                long now = System.currentTimeMillis();
                synchronized (lock) {
                    if (counting && installed.size() >= expect && reachedMs == 0) {
                        reachedMs = lastInstallMs;
                    }
                    if (reachedMs != 0) {
                        end = "reached";
                        break;
                    }
                    if (counting && lastInstallMs != 0 && now - lastInstallMs >= quietMs) {
                        end = "quiet";
                        break;
                    }
                    if (now - start >= timeoutMs) {
                        end = "timeout";
                        break;
                    }
                    lock.wait(100);
                }
            }
            if (poller != null) {
                // let the status catch up with the last installs (up to the freshness window and a little more)
                long until = System.currentTimeMillis() + freshMs + 1000;
                while (System.currentTimeMillis() < until) {
                    synchronized (lock) {
                        if (statusSeen.keySet().containsAll(firstInstalled.keySet())) {
                            break;
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            int listed = countInstalled(client);
            sub.close();
            write(out, end, expect, listed, freshMs, statusFile != null);
        }
    }

    /**
     * @return whether the charon the client is connected to started after {@code sinceMs} (less a second: charon
     *     reports whole seconds), i.e. is not the old daemon still answering while it shuts down
     */
    private static boolean restartedSince(ViciClient client, long sinceMs) {
        try {
            String since = client.await(client.stats()).uptimeSince().trim().replaceAll("\\s+", " ");
            LocalDateTime t = LocalDateTime.parse(since, DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH));
            boolean fresh = t.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() >= sinceMs - 1000;
            if (!fresh) {
                System.err.println("InstallWatch: reconnected to a charon running since " + since + "; waiting for the new one");
            }
            return fresh;
        } catch (RuntimeException e) {
            System.err.println("InstallWatch: stats failed (" + e.getMessage() + "); taking it as the restarted charon");
            return true;
        }
    }

    private void seed(ViciClient client, boolean restart) {
        try {
            List<IkeSa> sas = client.await(client.listSas());
            long now = System.currentTimeMillis();
            synchronized (lock) {
                if (restart) {
                    installed.clear();
                    firstInstalled.clear();
                }
                for (IkeSa ike : sas) {
                    for (ChildSa ch : ike.childSas()) {
                        if (ch.isInstalled() && installed.add(ch.name())) {
                            firstInstalled.putIfAbsent(ch.name(), now);
                            seeded++;
                            lastInstallMs = now;
                        }
                    }
                }
                counting = true;
                lock.notifyAll();
            }
        } catch (ViciException e) {
            System.err.println("InstallWatch: list-sas failed: " + e.getMessage());
        }
    }

    private void event(ViciSection message) {
        long now = System.currentTimeMillis();
        boolean up = message.bool("up");
        synchronized (lock) {
            if (!counting) {
                return;
            }
            for (Map.Entry<String, ViciItem> ike : message.entries()) {
                if (!(ike.getValue() instanceof ViciSection ikeSection)) {
                    continue;
                }
                ViciSection children = ikeSection.section("child-sas").orElse(ViciSection.empty());
                for (ViciSection child : children.sections()) {
                    String name = child.stringOr("name", "");
                    if (up && "INSTALLED".equals(child.stringOr("state", ""))) {
                        if (installed.add(name)) {
                            firstInstalled.putIfAbsent(name, now);
                            lastInstallMs = now;
                        }
                    } else if (!up && installed.remove(name)) {
                        downs++;
                    }
                }
            }
            lock.notifyAll();
        }
    }

    private static int countInstalled(ViciClient client) {
        try {
            int n = 0;
            for (IkeSa ike : client.await(client.listSas())) {
                for (ChildSa ch : ike.childSas()) {
                    if (ch.isInstalled()) {
                        n++;
                    }
                }
            }
            return n;
        } catch (ViciException e) {
            return -1;
        }
    }

    /** Reads the status file whenever it changed; records when each child is first reported installed. */
    private void pollStatus(Path file) {
        JsonFactory json = new JsonFactory();
        long lastModified = -1;
        long lastSize = -1;
        while (true) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                long m = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                if (m != lastModified || a.size() != lastSize) {
                    lastModified = m;
                    lastSize = a.size();
                    long now = System.currentTimeMillis();
                    List<String> names = installedInStatus(json, file);
                    synchronized (lock) {
                        for (String n : names) {
                            statusSeen.putIfAbsent(n, now);
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // not written yet
            } catch (IOException | RuntimeException e) {
                System.err.println("InstallWatch: reading " + file + ": " + e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the names of the children whose state is "installed" (streaming parse: no tree of 1,000 objects) */
    private static List<String> installedInStatus(JsonFactory json, Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = json.createParser(in)) {
            // children are objects with "name" before "state" (StatusJson's order); connections have no "state"
            String name = null;
            int depth = 0;
            int nameDepth = -1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    if ("name".equals(field)) {
                        p.nextToken();
                        name = p.getText();
                        nameDepth = depth;
                    } else if ("state".equals(field)) {
                        p.nextToken();
                        if (name != null && nameDepth == depth && "installed".equals(p.getText())) {
                            out.add(name);
                        }
                    }
                }
            }
        }
        return out;
    }

    private void write(Path out, String end, int expect, int listed, long freshMs, boolean fresh) throws IOException {
        StringBuilder s = new StringBuilder();
        synchronized (lock) {
            s.append("end=").append(end).append('\n');
            s.append("expect=").append(expect).append('\n');
            s.append("installed=").append(installed.size()).append('\n');
            s.append("listed_installed=").append(listed).append('\n');
            s.append("seeded=").append(seeded).append('\n');
            s.append("downs=").append(downs).append('\n');
            s.append("gaps=").append(gaps).append('\n');
            s.append("first_ms=").append(firstInstalled.values().stream().mapToLong(Long::longValue).min().orElse(0))
                    .append('\n');
            s.append("last_ms=").append(lastInstallMs).append('\n');
            s.append("reached_ms=").append(reachedMs).append('\n');
            // installed count per second since the first install, where it changed: "second:count ..."
            List<Long> times = new ArrayList<>(firstInstalled.values());
            Collections.sort(times);
            StringBuilder tl = new StringBuilder();
            if (!times.isEmpty()) {
                long base = times.get(0);
                for (int i = 0; i < times.size(); i++) {
                    long sec = (times.get(i) - base) / 1000;
                    if (i + 1 == times.size() || (times.get(i + 1) - base) / 1000 != sec) {
                        tl.append(tl.length() == 0 ? "" : " ").append(sec).append(':').append(i + 1);
                    }
                }
            }
            s.append("timeline=").append(tl).append('\n');
            if (fresh) {
                List<Long> delays = new ArrayList<>();
                int never = 0;
                int within = 0;
                for (Map.Entry<String, Long> e : firstInstalled.entrySet()) {
                    Long seen = statusSeen.get(e.getKey());
                    if (seen == null) {
                        never++;
                        continue;
                    }
                    long d = seen - e.getValue();
                    delays.add(d);
                    if (d <= freshMs) {
                        within++;
                    }
                }
                Collections.sort(delays);
                s.append("fresh_total=").append(firstInstalled.size()).append('\n');
                s.append("fresh_within=").append(within).append('\n');
                s.append("fresh_never=").append(never).append('\n');
                s.append("fresh_p50_ms=").append(pct(delays, 0.50)).append('\n');
                s.append("fresh_p99_ms=").append(pct(delays, 0.99)).append('\n');
                s.append("fresh_max_ms=").append(delays.isEmpty() ? 0 : delays.get(delays.size() - 1)).append('\n');
            }
        }
        Files.writeString(out, s.toString(), StandardCharsets.UTF_8);
    }

    private static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                usage("unexpected argument " + a);
            }
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(a, args[++i]);
            } else {
                m.put(a, "");
            }
        }
        return m;
    }

    static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null || v.isEmpty()) {
            usage("missing " + name);
        }
        return v;
    }

    private static void usage(String why) {
        PrintStream err = System.err;
        err.println("InstallWatch: " + why);
        err.println("usage: InstallWatch --uri URI --expect N --out FILE [--quiet S] [--timeout S] [--after-restart]"
                + " [--status-file PATH] [--fresh-within S]");
        System.exit(2);
    }
}
