package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.cli.testing.ConfigMapVolume;

/**
 * The configuration watcher: debounce and digests with a fake clock and scheduler (no sleeping), failures of the
 * watch service with a fake one, and what editors, atomic renames, symlink swaps and deletions do to a real
 * directory (inotify) with a short quiet period.
 */
class ConfigWatcherTest {

    @TempDir
    Path dir;

    private final List<String> reloads = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<ConfigWatcher> watchers = new ArrayList<>();
    private ScheduledExecutorService executor;

    private final ConfigWatcher.Listener listener = new ConfigWatcher.Listener() {
        @Override
        public void reload(String why) {
            reloads.add(why);
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    };

    @AfterEach
    void stop() {
        watchers.forEach(ConfigWatcher::close);
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------ fakes

    /** A clock the test moves. */
    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Runs tasks when the test advances its clock. */
    static final class FakeScheduler implements ConfigWatcher.Scheduler {
        private record Task(Instant due, long seq, Runnable task, java.util.concurrent.CompletableFuture<Void> f) {
        }

        final FakeClock clock;
        final List<Task> tasks = new ArrayList<>();
        long seq;

        FakeScheduler(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized java.util.concurrent.Future<?> schedule(Runnable task, Duration delay) {
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            tasks.add(new Task(clock.now.plus(delay), seq++, task, f));
            return f;
        }

        /** Moves the clock forward by {@code d}, running what falls due in order. */
        void advance(Duration d) {
            Instant end = clock.now.plus(d);
            while (true) {
                Task next;
                synchronized (this) {
                    tasks.removeIf(t -> t.f().isCancelled());
                    next = tasks.stream().filter(t -> !t.due().isAfter(end))
                            .min(Comparator.comparing(Task::due).thenComparingLong(Task::seq)).orElse(null);
                    if (next == null) {
                        break;
                    }
                    tasks.remove(next);
                }
                if (next.due().isAfter(clock.now)) {
                    clock.now = next.due();
                }
                next.task().run();
                next.f().complete(null);
            }
            clock.now = end;
        }
    }

    private static final ConfigWatcher.Timing FAKE_TIMING = new ConfigWatcher.Timing(Duration.ofMillis(300),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(10));

    private final FakeClock clock = new FakeClock();
    private final FakeScheduler fake = new FakeScheduler(clock);

    /** A watcher on a fake clock and scheduler whose watch service never reports anything (the test calls in). */
    private ConfigWatcher fakeWatcher(Path... files) throws IOException {
        return watcher(fake, clock, FAKE_TIMING, fakeServices(QueueWatchService::new), files);
    }

    /** An event, then the quiet period without any: the check runs. */
    private void eventThenQuiet(ConfigWatcher w) {
        w.eventSeen();
        fake.advance(FAKE_TIMING.quiet());
    }

    /** Opens the fake services {@code open} gives; registration gives a key that stays valid. */
    static ConfigWatcher.WatchServices fakeServices(java.util.concurrent.Callable<WatchService> open) {
        return new ConfigWatcher.WatchServices() {
            @Override
            public WatchService open() throws IOException {
                try {
                    return open.call();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public WatchKey register(WatchService service, Path d) {
                return key(d);
            }
        };
    }

    private ConfigWatcher watcher(ConfigWatcher.Scheduler s, Clock c, ConfigWatcher.Timing timing,
            ConfigWatcher.WatchServices services, Path... files) {
        List<Path> list = List.of(files);
        ConfigWatcher w = new ConfigWatcher(list, ConfigWatcher.digests(list), listener, s, c, timing, services,
                r -> {
                    Thread t = new Thread(r, "test-config-watch");
                    t.setDaemon(true);
                    return t;
                });
        watchers.add(w);
        w.start();
        return w;
    }

    /** A watch service the test feeds with keys (or failures). */
    static final class QueueWatchService implements WatchService {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
            queue.add(new java.nio.file.ClosedWatchServiceException());
        }

        @Override
        public WatchKey poll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public WatchKey poll(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WatchKey take() throws InterruptedException {
            Object o = queue.take();
            if (o instanceof RuntimeException e) {
                throw e;
            }
            if (o instanceof Error e) {
                throw e;
            }
            return (WatchKey) o;
        }
    }

    /** A key with the given events whose directory is {@code dir}. */
    static WatchKey key(Path dir, WatchEvent.Kind<?>... kinds) {
        return new WatchKey() {
            @Override
            public boolean isValid() {
                return true;
            }

            @Override
            public List<WatchEvent<?>> pollEvents() {
                List<WatchEvent<?>> l = new ArrayList<>();
                for (WatchEvent.Kind<?> k : kinds) {
                    l.add(new WatchEvent<Object>() {
                        @SuppressWarnings("unchecked")
                        @Override
                        public Kind<Object> kind() {
                            return (Kind<Object>) k;
                        }

                        @Override
                        public int count() {
                            return 1;
                        }

                        @Override
                        public Object context() {
                            return null;
                        }
                    });
                }
                return l;
            }

            @Override
            public boolean reset() {
                return true;
            }

            @Override
            public void cancel() {
            }

            @Override
            public Watchable watchable() {
                return dir;
            }
        };
    }

    static void eventually(Duration timeout, String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------------------ debounce and digests

    @Test
    void aBurstOfEventsReloadsOnceAfterTheQuietPeriod() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        ConfigWatcher w = fakeWatcher(f);
        Files.writeString(f, "a: 2\n");
        for (int i = 0; i < 20; i++) { // 20 events, 50 ms apart
            w.eventSeen();
            fake.advance(Duration.ofMillis(50));
        }
        assertThat(reloads).isEmpty();
        fake.advance(Duration.ofMillis(249));
        assertThat(reloads).isEmpty();
        fake.advance(Duration.ofMillis(1));
        assertThat(reloads).containsExactly("gw.yaml changed");
        // and the next edit, later, reloads again: nothing stays stuck after a burst
        Files.writeString(f, "a: 3\n");
        w.eventSeen();
        w.eventSeen();
        fake.advance(Duration.ofMillis(300));
        assertThat(reloads).containsExactly("gw.yaml changed", "gw.yaml changed");
        assertThat(notes).isEmpty();
    }

    @Test
    void anEndlessBurstReloadsAfterTheLongestDelay() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        ConfigWatcher w = fakeWatcher(f);
        Files.writeString(f, "a: 2\n");
        for (int i = 0; i < 49; i++) { // 4.9 s of events every 100 ms
            w.eventSeen();
            fake.advance(Duration.ofMillis(100));
        }
        assertThat(reloads).isEmpty();
        w.eventSeen();
        fake.advance(Duration.ofMillis(100));
        assertThat(reloads).containsExactly("gw.yaml changed");
    }

    @Test
    void eventsThatChangeNoContentReloadNothing() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        ConfigWatcher w = fakeWatcher(f);
        Files.writeString(dir.resolve(".gw.yaml.swp"), "swap");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.writeString(f, "a: 1\n"); // rewritten with the same content
        w.eventSeen();
        fake.advance(Duration.ofSeconds(1));
        assertThat(reloads).isEmpty();
    }

    @Test
    void removedAndCreatedFilesAreNamedSoAndTheOrderOfFilesIsKept() throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
        Path b = dir.resolve("b.yaml");
        ConfigWatcher w = fakeWatcher(a, b);
        Files.delete(a);
        Files.writeString(b, "b: 1\n");
        eventThenQuiet(w);
        assertThat(reloads).containsExactly("a.yaml removed, b.yaml created");
    }

    @Test
    void thePeriodicCheckFindsWhatNoEventReported() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        fakeWatcher(f);
        Files.writeString(f, "a: 2\n");
        fake.advance(Duration.ofSeconds(9));
        assertThat(reloads).isEmpty();
        fake.advance(Duration.ofSeconds(1));
        assertThat(reloads).containsExactly("gw.yaml changed (found by the periodic check)");
        fake.advance(Duration.ofSeconds(30));
        assertThat(reloads).hasSize(1);
    }

    @Test
    void sighupReloadsWhateverTheContentAndResetsTheBaseline() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        ConfigWatcher w = fakeWatcher(f);
        w.reloadNow("SIGHUP");
        fake.advance(Duration.ZERO);
        Files.writeString(f, "a: 2\n");
        w.reloadNow("SIGHUP");
        fake.advance(Duration.ZERO);
        assertThat(reloads).containsExactly("SIGHUP", "SIGHUP");
        w.eventSeen(); // the event of that edit: already reloaded
        fake.advance(Duration.ofSeconds(1));
        assertThat(reloads).hasSize(2);
    }

    @Test
    void aFailingReloadIsNotedAndTheNextChangeIsCheckedAgain() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        AtomicInteger calls = new AtomicInteger();
        ConfigWatcher w = new ConfigWatcher(List.of(f), ConfigWatcher.digests(List.of(f)),
                new ConfigWatcher.Listener() {
                    @Override
                    public void reload(String why) {
                        if (calls.incrementAndGet() == 1) {
                            throw new OutOfMemoryError("Java heap space");
                        }
                        reloads.add(why);
                    }

                    @Override
                    public void note(String message) {
                        notes.add(message);
                    }
                }, fake, clock, FAKE_TIMING, fakeServices(QueueWatchService::new), Thread::new);
        watchers.add(w);
        w.start();
        Files.writeString(f, "a: 2\n");
        eventThenQuiet(w);
        assertThat(notes).singleElement().asString().contains("OutOfMemoryError: Java heap space")
                .contains("the next change is checked again");
        Files.writeString(f, "a: 3\n");
        eventThenQuiet(w);
        assertThat(reloads).containsExactly("gw.yaml changed");
    }

    @Test
    void digestsFollowLinksAndMarkWhatCannotBeRead() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "x");
        assertThat(ConfigWatcher.digest(f)).isEqualTo(
                "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
        assertThat(ConfigWatcher.digest(Files.createSymbolicLink(dir.resolve("link.yaml"), f)))
                .isEqualTo(ConfigWatcher.digest(f));
        assertThat(ConfigWatcher.digest(dir.resolve("none"))).isEqualTo(ConfigWatcher.MISSING);
        assertThat(ConfigWatcher.digest(dir)).isEqualTo("not a regular file");
        assertThat(ConfigWatcher.digest(Path.of("/dev/zero"))).isEqualTo("not a regular file");
    }

    // ------------------------------------------------------------------------------ a swanctl.conf's includes

    /** A swanctl.conf including {@code conf.d/*.conf} among its connections, with {@code conf.d/a.conf} in it. */
    private Path swanctlConfWithConfD() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/a.conf"), "a { remote_addrs = 192.0.2.1 }\n");
        return Files.writeString(dir.resolve("swanctl.conf"), "connections {\n  include conf.d/*.conf\n}\n");
    }

    @Test
    void anIncludedFileEditedReloadsAndANewOrRemovedMatchOfTheGlobToo() throws IOException {
        Path conf = swanctlConfWithConfD();
        ConfigWatcher w = fakeWatcher(conf);
        assertThat(w.watchedDirectories()).contains(dir.toRealPath(), dir.resolve("conf.d").toRealPath());
        Files.writeString(dir.resolve("conf.d/a.conf"), "a { remote_addrs = 192.0.2.2 }\n");
        eventThenQuiet(w);
        assertThat(reloads).containsExactly("a.conf changed");
        Files.writeString(dir.resolve("conf.d/b.conf"), "b { remote_addrs = 192.0.2.3 }\n");
        eventThenQuiet(w);
        assertThat(reloads).last().isEqualTo("b.conf created");
        // names the glob does not match change nothing
        Files.writeString(dir.resolve("conf.d/.b.conf.swp"), "swap");
        Files.writeString(dir.resolve("conf.d/b.conf~"), "backup");
        Files.writeString(dir.resolve("conf.d/README"), "notes");
        eventThenQuiet(w);
        assertThat(reloads).hasSize(2);
        Files.delete(dir.resolve("conf.d/b.conf"));
        eventThenQuiet(w);
        assertThat(reloads).containsExactly("a.conf changed", "b.conf created", "b.conf removed");
        assertThat(notes).isEmpty();
    }

    @Test
    void nestedAndMissingIncludesAreFollowedAsTheReaderFollowsThem() throws IOException {
        // swanctl.conf includes conf.d/*.conf; conf.d/a.conf includes peers/*.peer and local.inc, both relative
        // to conf.d (the including file), neither there yet
        Path conf = swanctlConfWithConfD();
        Files.writeString(dir.resolve("conf.d/a.conf"), "include peers/*.peer\ninclude local.inc\n");
        ConfigWatcher w = fakeWatcher(conf);
        assertThat(w.watchedDirectories()).contains(dir.resolve("conf.d").toRealPath())
                .doesNotContain(dir.resolve("conf.d/peers")); // missing: conf.d is watched for it
        Files.createDirectories(dir.resolve("conf.d/peers"));
        eventThenQuiet(w);
        assertThat(reloads).isEmpty(); // the directory alone changes nothing, it is watched from now on
        assertThat(w.watchedDirectories()).contains(dir.resolve("conf.d/peers").toRealPath());
        Files.writeString(dir.resolve("conf.d/peers/p.peer"), "p { remote_addrs = 192.0.2.4 }\n");
        eventThenQuiet(w);
        assertThat(reloads).containsExactly("p.peer created");
        Files.writeString(dir.resolve("conf.d/local.inc"), "l { remote_addrs = 192.0.2.5 }\n");
        eventThenQuiet(w);
        assertThat(reloads).last().isEqualTo("local.inc created");
        Files.writeString(dir.resolve("local.inc"), "x { }\n"); // beside swanctl.conf: not what is included
        eventThenQuiet(w);
        assertThat(reloads).hasSize(2);
        // an include that is no longer there: what it included is no longer read
        Files.writeString(dir.resolve("conf.d/a.conf"), "include local.inc\n");
        eventThenQuiet(w);
        assertThat(reloads).last().isEqualTo("a.conf changed, p.peer removed");
        assertThat(w.watchedDirectories()).doesNotContain(dir.resolve("conf.d/peers").toRealPath());
    }

    @Test
    void aYamlFileIsNotReadForIncludes() throws IOException {
        Files.writeString(dir.resolve("other.conf"), "x { }\n");
        Path f = Files.writeString(dir.resolve("gw.yaml"), "# include other.conf\nconnections: {}\n");
        assertThat(ConfigWatcher.digests(List.of(f))).containsOnlyKeys(f.toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------------------------ failures of the watcher

    @Test
    void aFailureOfTheWatchLoopIsNotedAndTheWatcherRestartedAndChecks() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        List<QueueWatchService> opened = new CopyOnWriteArrayList<>();
        executor = Executors.newSingleThreadScheduledExecutor();
        watcher(ConfigWatcher.Scheduler.of(executor), Clock.systemUTC(), new ConfigWatcher.Timing(Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(10)), fakeServices(() -> {
                    QueueWatchService s = new QueueWatchService();
                    opened.add(s);
                    return s;
                }), f);
        Files.writeString(f, "a: 2\n"); // changed while the loop fails: found by the check after the restart
        opened.get(0).queue.add(new IllegalStateException("boom"));
        eventually(Duration.ofSeconds(5), "a new watch service and a reload", () -> opened.size() == 2
                && reloads.size() == 1);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(notes).containsExactly("the file watcher failed (IllegalStateException: boom); restarting it",
                "the file watcher is running again");
        assertThat(reloads).containsExactly("gw.yaml changed");
        // an OVERFLOW is noted and leads to a check
        Files.writeString(f, "a: 3\n");
        opened.get(1).queue.add(key(dir, StandardWatchEventKinds.OVERFLOW));
        eventually(Duration.ofSeconds(5), "a reload after the overflow", () -> reloads.size() == 2);
        assertThat(notes).contains("file-system events were lost in " + dir + " (OVERFLOW); checking the files");
        // an Error in the loop too; and a watch service that cannot be opened is tried again
        opened.get(1).queue.add(new StackOverflowError());
        eventually(Duration.ofSeconds(5), "a third watch service", () -> opened.size() == 3);
        assertThat(notes).contains("the file watcher failed (StackOverflowError); restarting it");
    }

    @Test
    void aWatchServiceThatCannotBeOpenedIsTriedAgain() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        AtomicInteger attempts = new AtomicInteger();
        executor = Executors.newSingleThreadScheduledExecutor();
        watcher(ConfigWatcher.Scheduler.of(executor), Clock.systemUTC(), new ConfigWatcher.Timing(Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(5)), fakeServices(() -> {
                    if (attempts.incrementAndGet() < 4) {
                        throw new IOException("User limit of inotify instances reached or too many open files");
                    }
                    return new QueueWatchService();
                }), f);
        eventually(Duration.ofSeconds(5), "opened at the fourth attempt", () -> notes.contains(
                "the file watcher is running again"));
        assertThat(notes.get(0)).isEqualTo("cannot watch the configuration files (IOException: User limit of inotify"
                + " instances reached or too many open files); trying again");
    }

    // ------------------------------------------------------------------------------ a real directory

    private static final ConfigWatcher.Timing REAL = new ConfigWatcher.Timing(Duration.ofMillis(150),
            Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMillis(50));

    private ConfigWatcher real(Path... files) {
        executor = Executors.newSingleThreadScheduledExecutor();
        return watcher(ConfigWatcher.Scheduler.of(executor), Clock.systemUTC(), REAL,
                () -> java.nio.file.FileSystems.getDefault().newWatchService(), files);
    }

    private void awaitReloads(int n) throws InterruptedException {
        eventually(Duration.ofSeconds(10), n + " reload(s), have " + reloads, () -> reloads.size() >= n);
        Thread.sleep(400); // and no more
        assertThat(reloads).as("reloads").hasSize(n);
    }

    @Test
    void twoQuickSavesAndLaterEditsAreAllSeen() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        real(f);
        Files.writeString(f, "a: 2\n");
        Files.writeString(f, "a: 3\n"); // within a millisecond or so
        awaitReloads(1);
        for (int i = 4; i < 9; i++) {
            Files.writeString(f, "a: " + i + "\n");
            awaitReloads(i - 2);
        }
        assertThat(notes).isEmpty();
    }

    @Test
    void vimSavingWithItsSwapBackupAndProbeFilesReloadsOnce() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        real(f);
        Path swp = Files.writeString(dir.resolve(".gw.yaml.swp"), "vim swap");
        Files.writeString(swp, "vim swap, more");
        awaitReloads(0);
        // :w with backupcopy=no: probe file 4913, rename to gw.yaml~, write a new gw.yaml, remove the backup
        Files.delete(Files.writeString(dir.resolve("4913"), ""));
        Files.move(f, dir.resolve("gw.yaml~"));
        Files.writeString(f, "a: 2\n");
        Files.delete(dir.resolve("gw.yaml~"));
        awaitReloads(1);
        Files.delete(swp);
        awaitReloads(1);
    }

    @Test
    void emacsLockAndAutoSaveFilesReloadNothingItsSaveReloads() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        real(f);
        Files.createSymbolicLink(dir.resolve(".#gw.yaml"), Path.of("root@host.1234:1700000000"));
        Files.writeString(dir.resolve("#gw.yaml#"), "a: 2 (auto-saved)\n");
        awaitReloads(0);
        Files.writeString(f, "a: 2\n");
        Files.delete(dir.resolve("#gw.yaml#"));
        Files.delete(dir.resolve(".#gw.yaml"));
        awaitReloads(1);
    }

    @Test
    void anAtomicRenameOverTheFileReloads() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        real(f);
        for (int i = 2; i <= 4; i++) {
            Path tmp = Files.writeString(dir.resolve(".gw.yaml.tmp" + i), "a: " + i + "\n");
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitReloads(i - 1);
        }
    }

    @Test
    void aKubernetesConfigMapSymlinkSwapReloads() throws Exception {
        // /config/gw.yaml -> ..data/gw.yaml, ..data -> ..2026_01_01_00_00_00.1, as the kubelet writes a ConfigMap
        Path config = Files.createDirectories(dir.resolve("config"));
        Path v1 = Files.createDirectories(config.resolve("..2026_01_01_00_00_00.1"));
        Files.writeString(v1.resolve("gw.yaml"), "a: 1\n");
        Files.createSymbolicLink(config.resolve("..data"), v1.getFileName());
        Path f = Files.createSymbolicLink(config.resolve("gw.yaml"), Path.of("..data/gw.yaml"));
        ConfigWatcher w = real(f);
        assertThat(w.watchedDirectories()).contains(config.toRealPath(), v1.toRealPath());
        Path previous = v1;
        for (int i = 2; i <= 3; i++) {
            Path next = Files.createDirectories(config.resolve("..2026_01_01_00_00_0" + i + ".1"));
            Files.writeString(next.resolve("gw.yaml"), "a: " + i + "\n");
            Path tmp = Files.createSymbolicLink(config.resolve("..data_tmp"), next.getFileName());
            Files.move(tmp, config.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.delete(previous.resolve("gw.yaml"));
            Files.delete(previous);
            awaitReloads(i - 1);
            assertThat(w.watchedDirectories()).contains(next.toRealPath()).doesNotContain(previous);
            previous = next;
        }
        // the new target directory is watched: an edit in it (not a ConfigMap's way, but a link's) reloads
        Files.writeString(previous.resolve("gw.yaml"), "a: 9\n");
        awaitReloads(3);
    }

    @Test
    void aDirectoryReloadsWhenAFileIsAddedReplacedOrRemovedAndNotForIgnoredNames() throws Exception {
        Path config = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(config.resolve("a.yaml"), "a: 1\n");
        ConfigWatcher w = real(config);
        assertThat(w.watchedDirectories()).contains(config.toRealPath());
        Files.writeString(config.resolve("b.yml"), "b: 1\n");
        awaitReloads(1);
        assertThat(reloads.get(0)).isEqualTo("b.yml created");
        // not configuration files: editors' files, other endings, dotfiles, a sub-directory
        Files.writeString(config.resolve(".a.yaml.swp"), "swap");
        Files.writeString(config.resolve("a.yaml~"), "backup");
        Files.writeString(config.resolve("#a.yaml#"), "auto-save");
        Files.writeString(config.resolve("README.txt"), "notes");
        Files.writeString(config.resolve(".hidden.yaml"), "h: 1\n");
        Files.createDirectories(config.resolve("old.yaml"));
        awaitReloads(1);
        Path tmp = Files.writeString(config.resolve(".a.yaml.new"), "a: 2\n");
        Files.move(tmp, config.resolve("a.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitReloads(2);
        assertThat(reloads.get(1)).isEqualTo("a.yaml changed");
        Files.delete(config.resolve("b.yml"));
        awaitReloads(3);
        assertThat(reloads.get(2)).isEqualTo("b.yml removed");
        assertThat(notes).isEmpty();
    }

    @Test
    void aConfigMapDirectoryReloadsOnceForEachSwapOfItsDataLink() throws Exception {
        ConfigMapVolume volume = ConfigMapVolume.create(dir.resolve("config"), Map.of("gw.yaml", "a: 1\n"));
        ConfigWatcher w = real(volume.dir());
        assertThat(w.watchedDirectories()).contains(volume.dir().toRealPath());
        volume.update(Map.of("gw.yaml", "a: 2\n", "extra.yaml", "b: 1\n")); // one key changed, one added
        awaitReloads(1);
        assertThat(reloads.get(0).split(", ")).containsExactlyInAnyOrder("gw.yaml changed", "extra.yaml created");
        volume.update(Map.of("gw.yaml", "a: 2\n", "extra.yaml", "b: 1\n")); // the same content again: nothing
        awaitReloads(1);
        volume.update(Map.of("gw.yaml", "a: 2\n")); // a key removed
        awaitReloads(2);
        assertThat(reloads.get(1)).isEqualTo("extra.yaml removed");
        assertThat(notes).isEmpty();
    }

    @Test
    void aSymlinkedFileWhoseTargetIsEditedReloads() throws Exception {
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        Path target = Files.writeString(other.resolve("real.yaml"), "a: 1\n");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path f = Files.createSymbolicLink(etc.resolve("gw.yaml"), target);
        real(f);
        Files.writeString(target, "a: 2\n");
        awaitReloads(1);
        // pointed elsewhere
        Path target2 = Files.writeString(other.resolve("real2.yaml"), "a: 3\n");
        Files.move(Files.createSymbolicLink(etc.resolve("gw.yaml.new"), target2), f, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        awaitReloads(2);
    }

    @Test
    void aSwappedDirectorySymlinkReloads() throws Exception {
        // /etc/vici -> /opt/vici-1 swapped to /opt/vici-2: the swap happens in /etc, which is watched for it
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Path v1 = Files.createDirectories(opt.resolve("vici-1"));
        Path v2 = Files.createDirectories(opt.resolve("vici-2"));
        Files.writeString(v1.resolve("gw.yaml"), "a: 1\n");
        Files.writeString(v2.resolve("gw.yaml"), "a: 2\n");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path link = Files.createSymbolicLink(etc.resolve("vici"), v1);
        ConfigWatcher w = real(link.resolve("gw.yaml"));
        assertThat(w.watchedDirectories()).contains(etc.toRealPath(), v1.toRealPath());
        Files.move(Files.createSymbolicLink(etc.resolve("vici.new"), v2), link, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        awaitReloads(1);
        assertThat(w.watchedDirectories()).contains(v2.toRealPath()).doesNotContain(v1.toRealPath());
        Files.writeString(v2.resolve("gw.yaml"), "a: 3\n");
        awaitReloads(2);
    }

    @Test
    void aDeletedAndRecreatedFileReloadsBothTimes() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        real(f);
        Files.delete(f);
        awaitReloads(1);
        assertThat(reloads.get(0)).isEqualTo("gw.yaml removed");
        Files.writeString(f, "a: 1\n");
        awaitReloads(2);
        assertThat(reloads.get(1)).isEqualTo("gw.yaml created");
    }

    @Test
    void aDeletedAndRecreatedDirectoryIsWatchedAgain() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("vici"));
        Path f = Files.writeString(conf.resolve("gw.yaml"), "a: 1\n");
        ConfigWatcher w = real(f);
        Files.delete(f);
        Files.delete(conf);
        awaitReloads(1);
        assertThat(w.watchedDirectories()).contains(dir.toRealPath());
        Files.createDirectories(conf);
        Thread.sleep(300); // the directory alone changes nothing; it is watched from the next check on
        Files.writeString(f, "a: 2\n");
        awaitReloads(2);
        assertThat(w.watchedDirectories()).contains(conf.toRealPath());
        Files.writeString(f, "a: 3\n");
        awaitReloads(3);
        // a directory created with its file at once (mkdir -p and a write right after): found by the check
        Files.delete(f);
        Files.delete(conf);
        awaitReloads(4);
        Files.createDirectories(conf);
        Files.writeString(f, "a: 4\n");
        awaitReloads(5);
        assertThat(reloads.get(4)).isEqualTo("gw.yaml created");
    }

    @Test
    void manyFilesAtOnceInTheDirectoryEndInOneCheck() throws Exception {
        Path f = Files.writeString(dir.resolve("gw.yaml"), "a: 1\n");
        real(f);
        for (int i = 0; i < 2000; i++) { // beyond the 512 events a key holds: an OVERFLOW
            Files.writeString(dir.resolve("noise" + i), "x");
        }
        Files.writeString(f, "a: 2\n");
        awaitReloads(1);
        Files.writeString(f, "a: 3\n");
        awaitReloads(2);
    }

    @Test
    void theEventsOfAnIncludedFileAndOfTheGlobsDirectoryReload() throws Exception {
        Path conf = swanctlConfWithConfD();
        real(conf); // no periodic check within the test: only events reload
        Path tmp = Files.writeString(dir.resolve("conf.d/.a.conf.tmp"), "a { remote_addrs = 192.0.2.9 }\n");
        Files.move(tmp, dir.resolve("conf.d/a.conf"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        awaitReloads(1);
        assertThat(reloads.get(0)).isEqualTo("a.conf changed");
        Files.writeString(dir.resolve("conf.d/b.conf"), "b { remote_addrs = 192.0.2.3 }\n");
        awaitReloads(2);
        assertThat(reloads.get(1)).isEqualTo("b.conf created");
        Files.writeString(dir.resolve("conf.d/b.conf"), "b { remote_addrs = 192.0.2.4 }\n");
        awaitReloads(3);
        Files.delete(dir.resolve("conf.d/b.conf"));
        awaitReloads(4);
        assertThat(reloads.get(3)).isEqualTo("b.conf removed");
        assertThat(notes).isEmpty();
    }
}
