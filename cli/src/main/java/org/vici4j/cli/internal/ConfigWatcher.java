package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.vici4j.controller.config.ConfigSources;

/**
 * Watches configuration files and asks for a reload once per change of their content, whatever happened on the
 * file system: bursts of events, editors' temporary files (vim's {@code .swp}, {@code 4913} and {@code ~} files,
 * emacs' {@code #file#}), atomic renames (a temporary file renamed over the file), symlink swaps (a Kubernetes
 * ConfigMap's {@code ..data} link pointing to a new directory), files and directories deleted and created again.
 *
 * <ul>
 * <li><b>Which files</b>: those a read of the configuration touches ({@link ConfigSources}): the files given, the
 * configuration files of a directory given, and for a swanctl.conf the files its {@code include}s name (nested
 * too, relative to the including file) and the directories of its include globs, so that an edited included file,
 * or a new or removed file matching a glob, reloads. They are found again at each check.</li>
 * <li><b>What is watched</b>: the directory of each of those files as named, the directory of its real path, the
 * directories holding each symbolic link met on the way there, each directory given or listed by a glob, and for a
 * directory that does not exist (yet), its nearest existing ancestor. The set is computed again before each check,
 * so a new target directory is watched from then on.</li>
 * <li><b>Debounce</b>: every event in a watched directory, whatever its name, starts or extends a quiet period
 * ({@link Timing#quiet()}); when no event came for that long, or {@link Timing#maxDelay()} after the first event of a
 * burst that does not end, the files are checked once.</li>
 * <li><b>Digests</b>: a check computes the SHA-256 of each file's content (following links; a missing file, a file
 * that is not a regular file and an unreadable one have their own markers) and calls {@link Listener#reload} only
 * if one differs from the last check: an event that changed nothing (a swap file, {@code touch}, a rewrite with the
 * same content) reloads nothing.</li>
 * <li><b>Never lost</b>: an {@code OVERFLOW} (events were dropped) is noted and leads to a check; an exception or
 * error in the watch thread is noted, and the watch service is closed, opened again and every directory registered
 * again, then the files are checked (what changed meanwhile is reloaded); a failure inside a check or a reload is
 * noted and the next event checks again. A periodic check ({@link Timing#poll()}) catches what no event reported
 * (file systems without notifications, such as some network and FUSE file systems).</li>
 * </ul>
 *
 * Checks and reloads run on the given scheduler, one at a time; the blocking watch loop on its own thread. Time comes
 * from the given {@link Clock} and delays from the scheduler, so tests drive both.
 */
final class ConfigWatcher implements AutoCloseable {

    /**
     * How long to wait.
     *
     * @param quiet the files are checked once no event came for this long
     * @param maxDelay the longest a burst that does not end delays a check
     * @param poll the period of the check that runs whatever the events
     * @param restartDelay the delay before the watch service is opened again after a failure (doubling up to
     *     30 times this while it keeps failing)
     */
    record Timing(Duration quiet, Duration maxDelay, Duration poll, Duration restartDelay) {
        static final Timing DEFAULT = new Timing(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1));
    }

    /** Runs tasks after a delay: a {@link ScheduledExecutorService} in production, a fake clock's in tests. */
    interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);

        static Scheduler of(ScheduledExecutorService executor) {
            return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Opens watch services and registers directories with them (tests inject fakes and failing ones). */
    interface WatchServices {
        WatchService open() throws IOException;

        /** Registers {@code dir} for creations, deletions and modifications of its entries. */
        default WatchKey register(WatchService service, Path dir) throws IOException {
            return dir.register(service, KINDS);
        }
    }

    /** Told what the watcher finds. */
    interface Listener {
        /**
         * The content of the files changed, or a reload was requested. Called on the scheduler, one call at a time.
         *
         * @param why what happened, e.g. {@code gw.yaml changed}
         */
        void reload(String why);

        /** Something the operator should know: events were lost, the watcher failed and was restarted. */
        void note(String message);
    }

    /** Files larger than this are not digested (their size and time stand for their content). */
    static final long MAX_DIGESTED = 16L << 20;

    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY};

    private final List<Path> files;
    private final Listener listener;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Timing timing;
    private final WatchServices services;
    private final ThreadFactory threads;

    /** guards the watch service, its keys and the debounce state */
    private final Object lock = new Object();
    /** serialises checks and reloads */
    private final Object checkLock = new Object();
    private WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private Instant burstStart;
    private Instant lastEvent;
    private boolean checkPending;
    private boolean overflowNoted;
    private Map<Path, String> baseline;
    private String lastProblem;
    private volatile boolean closed;
    private Thread thread;
    private Future<?> poller;
    /** failures of the watch service in a row; touched by the watch loop only (and start, before it runs) */
    private int failures;

    /**
     * @param files the files to watch
     * @param baseline their digests as loaded ({@link #digests}), taken before they were read
     * @param listener what to tell
     * @param scheduler where checks and reloads run
     * @param clock the time
     * @param timing delays
     * @param services opens watch services
     * @param threads makes the thread of the watch loop
     */
    ConfigWatcher(List<Path> files, Map<Path, String> baseline, Listener listener, Scheduler scheduler, Clock clock,
            Timing timing, WatchServices services, ThreadFactory threads) {
        this.files = files.stream().map(f -> f.toAbsolutePath().normalize()).distinct().toList();
        this.baseline = new LinkedHashMap<>(Objects.requireNonNull(baseline, "baseline"));
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.services = Objects.requireNonNull(services, "services");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /** Opens the watch service, registers the directories, starts the watch loop and the periodic check. */
    void start() {
        try {
            open();
        } catch (IOException | RuntimeException e) {
            problem("cannot watch the configuration files (" + describe(e) + "); trying again");
            failures = 1;
        }
        thread = threads.newThread(this::run);
        thread.start();
        schedulePoll();
    }

    /** Stops watching: closes the watch service, ends the loop, cancels pending checks. */
    @Override
    public void close() {
        closed = true;
        Future<?> p = poller;
        if (p != null) {
            p.cancel(false);
        }
        synchronized (lock) {
            closeService();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Reloads now, whatever the content (SIGHUP), on the scheduler; the digests become the new baseline. */
    void reloadNow(String why) {
        scheduler.schedule(() -> safely(() -> {
            synchronized (checkLock) {
                if (closed) {
                    return;
                }
                baseline = digests(files, registeredSources());
                listener.reload(why);
            }
        }), Duration.ZERO);
    }

    // ------------------------------------------------------------------------------------------ watch loop

    private void run() {
        while (!closed) {
            try {
                WatchService s;
                synchronized (lock) {
                    s = service;
                }
                if (s == null) {
                    s = open();
                    if (failures > 0) {
                        failures = 0;
                        synchronized (lock) {
                            lastProblem = null;
                        }
                        listener.note("the file watcher is running again");
                    }
                    eventSeen(); // what changed while nothing watched is found by the check
                }
                handle(s.take());
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (IOException | RuntimeException | Error e) { // ClosedWatchServiceException too: restarted
                if (closed) {
                    return;
                }
                failures++;
                problem("the file watcher failed (" + describe(e) + "); restarting it");
                synchronized (lock) {
                    closeService();
                }
                long factor = Math.min(30, 1L << Math.min(failures - 1, 5));
                try {
                    Thread.sleep(timing.restartDelay().multipliedBy(factor).toMillis());
                } catch (InterruptedException ie) {
                    if (closed) {
                        return;
                    }
                }
            }
        }
    }

    private WatchService open() throws IOException {
        synchronized (lock) {
            if (service == null) {
                service = services.open();
                keys.clear();
                refreshRegistrations(ConfigSources.of(files));
            }
            return service;
        }
    }

    private void closeService() {
        WatchService s = service;
        service = null;
        keys.clear();
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Handles a signalled key: every event counts, OVERFLOW is noted, an invalid key drops its directory. */
    void handle(WatchKey key) {
        boolean overflow = false;
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflow = true;
            }
        }
        boolean valid = key.reset();
        boolean say;
        synchronized (lock) {
            say = overflow && !overflowNoted;
            overflowNoted |= overflow;
        }
        if (say) { // once per burst
            listener.note("file-system events were lost in " + key.watchable() + " (OVERFLOW); checking the files");
        }
        if (!valid) {
            synchronized (lock) {
                keys.values().remove(key); // the directory went away: watched again, or its ancestor, at the check
            }
        }
        eventSeen();
    }

    // ------------------------------------------------------------------------------------------ debounce

    /** Something happened in a watched directory: check the files once things are quiet. */
    void eventSeen() {
        synchronized (lock) {
            Instant now = clock.instant();
            lastEvent = now;
            if (burstStart == null) {
                burstStart = now;
            }
            if (!checkPending && !closed) {
                checkPending = true;
                scheduler.schedule(this::debounced, timing.quiet());
            }
        }
    }

    private void debounced() {
        synchronized (lock) {
            Instant now = clock.instant();
            Instant quietAt = lastEvent.plus(timing.quiet());
            Instant latest = burstStart.plus(timing.maxDelay());
            Instant due = quietAt.isBefore(latest) ? quietAt : latest;
            if (now.isBefore(due) && !closed) {
                scheduler.schedule(this::debounced, Duration.between(now, due));
                return;
            }
            checkPending = false;
            burstStart = null;
            overflowNoted = false;
        }
        safely(() -> check(null));
    }

    private void schedulePoll() {
        if (!closed) {
            poller = scheduler.schedule(() -> {
                safely(() -> check("found by the periodic check"));
                schedulePoll();
            }, timing.poll());
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            if (!closed) {
                listener.note("checking the configuration files failed (" + describe(e) + "); the next change is"
                        + " checked again");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ check

    /**
     * Registers what needs watching now, digests the files and asks for a reload if one changed.
     *
     * @param how how the change was found, or null (an event)
     */
    void check(String how) {
        synchronized (checkLock) {
            if (closed) {
                return;
            }
            Map<Path, String> now = digests(files, registeredSources());
            List<String> changes = new ArrayList<>();
            Set<Path> all = new LinkedHashSet<>(now.keySet());
            all.addAll(baseline.keySet()); // files of a directory that went away
            for (Path f : all) {
                String before = baseline.getOrDefault(f, MISSING);
                String after = now.getOrDefault(f, MISSING);
                if (!Objects.equals(before, after)) {
                    String name = f.getFileName().toString();
                    changes.add(MISSING.equals(after) ? name + " removed"
                            : MISSING.equals(before) ? name + " created" : name + " changed");
                }
            }
            if (changes.isEmpty()) {
                return;
            }
            baseline = now;
            listener.reload(String.join(", ", changes) + (how == null ? "" : " (" + how + ")"));
        }
    }

    private void problem(String message) {
        synchronized (lock) {
            if (message.equals(lastProblem)) {
                return;
            }
            lastProblem = message;
        }
        listener.note(message);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    // ------------------------------------------------------------------------------------------ directories

    /**
     * Finds the files a read touches now and registers their directories, before they are digested: a change after
     * the registration is an event, one before it is in the digests. A registration that changes what is touched (a
     * new directory whose files include others) is followed by another, at most a few times.
     *
     * @return the files and directories touched, all of whose directories are registered
     */
    private ConfigSources registeredSources() {
        ConfigSources sources = ConfigSources.of(files);
        for (int i = 0; i < 4; i++) {
            if (!refreshRegistrations(sources)) {
                break; // nothing newly watched: a change since the last registration is an event, not missed here
            }
            ConfigSources again = ConfigSources.of(files);
            if (again.equals(sources)) {
                break;
            }
            sources = again;
        }
        return sources;
    }

    /**
     * Registers the directories {@link #directories} names and not yet watched, cancels the others.
     *
     * @return whether a directory was registered that was not watched before
     */
    boolean refreshRegistrations(ConfigSources sources) {
        synchronized (lock) {
            WatchService s = service;
            if (s == null) {
                return false;
            }
            boolean added = false;
            Set<Path> wanted = directories(files, sources);
            for (Path d : wanted) {
                WatchKey k = keys.get(d);
                if (k == null || !k.isValid()) {
                    try {
                        keys.put(d, services.register(s, d));
                        added = true;
                    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
                        keys.remove(d); // gone meanwhile: its creation shows in the ancestor, watched too
                    } catch (IOException e) {
                        keys.remove(d);
                        problem("cannot watch " + d + " (" + describe(e) + "); the files are still checked every "
                                + DurationConverter.format(timing.poll()));
                    }
                }
            }
            for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Path, WatchKey> e = it.next();
                if (!wanted.contains(e.getKey())) {
                    e.getValue().cancel();
                    it.remove();
                }
            }
            return added;
        }
    }

    /** @return the directories watched now (for tests) */
    Set<Path> watchedDirectories() {
        synchronized (lock) {
            return Set.copyOf(keys.keySet());
        }
    }

    /**
     * @return the real paths of the directories to watch for the configured {@code files} and what reading them
     *     touches: each file's directory (or its nearest existing ancestor), that of its real path, those holding
     *     the symbolic links on the way, and each directory given or listed by an include glob (itself too)
     */
    static Set<Path> directories(List<Path> files, ConfigSources sources) {
        Set<Path> dirs = new LinkedHashSet<>();
        Set<Path> all = new LinkedHashSet<>(files);
        all.addAll(sources.files());
        all.addAll(sources.directories());
        for (Path f : all) {
            Path p = f.toAbsolutePath().normalize();
            for (int hop = 0; hop < 16; hop++) {
                existing(dirs, p.getParent());
                Path prefix = p.getRoot();
                for (Path name : p) {
                    prefix = prefix.resolve(name);
                    if (Files.isSymbolicLink(prefix)) {
                        existing(dirs, prefix.getParent());
                    }
                }
                if (!Files.isSymbolicLink(p)) {
                    break;
                }
                try {
                    p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                } catch (IOException | UnsupportedOperationException e) {
                    break;
                }
            }
            try {
                Path real = f.toRealPath();
                if (real.getParent() != null) {
                    dirs.add(real.getParent());
                }
                if (Files.isDirectory(real)) {
                    dirs.add(real); // a directory of files: its entries come and go (and a ConfigMap's ..data swaps)
                }
            } catch (IOException e) {
                // missing or a dangling link: the directories above are watched for its return
            }
        }
        return dirs;
    }

    private static void existing(Set<Path> dirs, Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d)) {
                try {
                    dirs.add(d.toRealPath());
                    return;
                } catch (IOException e) {
                    // went away meanwhile: its parent
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ digests

    /** The digest of a file that does not exist. */
    static final String MISSING = "missing";

    /** @return the digests of what reading {@code files} touches now; see {@link #digests(List, ConfigSources)} */
    static Map<Path, String> digests(List<Path> files) {
        return digests(files, ConfigSources.of(files));
    }

    /**
     * @return each file's content digest, in order (see {@link #digest}): a directory given as a file stands for
     *     itself (a digest saying it is a directory), then every file the read touches ({@link ConfigSources}: the
     *     configuration files in a directory, the files a swanctl.conf includes), so a file added, removed or
     *     replaced there changes the map
     */
    static Map<Path, String> digests(List<Path> files, ConfigSources sources) {
        Map<Path, String> m = new LinkedHashMap<>();
        for (Path f : files) {
            Path p = f.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                m.put(p, DIRECTORY);
            }
        }
        for (Path f : sources.files()) {
            m.putIfAbsent(f, digest(f));
        }
        return m;
    }

    /** The digest of a directory given as a file (its files have their own). */
    static final String DIRECTORY = "directory";

    /**
     * @return the SHA-256 of the file's content (following links), or a marker: {@link #MISSING}, {@code not a
     *     regular file}, {@code large:<size>:<time>} beyond {@link #MAX_DIGESTED}, {@code unreadable:<reason>}
     */
    static String digest(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return "not a regular file";
            }
            if (a.size() > MAX_DIGESTED) {
                return "large:" + a.size() + ":" + a.lastModifiedTime().toMillis();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[8192];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    total += n;
                    if (total > MAX_DIGESTED) {
                        return "large:" + total + ":" + a.lastModifiedTime().toMillis();
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName() + ":" + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
