package org.vici4j.examples.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.controller.Controller;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;

/**
 * Benchmark helper for {@code scripts/bench-scale.sh}: the cost of applying N connections through the Java API in a
 * warm JVM, against {@code swanctl --load-conns} of the equivalent swanctl.conf, alternately.
 *
 * <pre>
 * ApplyBench --uri URI --file desired.yaml --conf swanctl.conf --empty empty.conf [--warmup W] [--pairs P]
 * </pre>
 *
 * One iteration of "ours" reads the YAML into a {@link DesiredState} ({@link DesiredStateLoader}), builds a
 * {@link Controller} on a client the program keeps open (as an application embedding the controller does), starts
 * it, waits for {@link Controller#firstPass()} (charon observed, the plan's loads executed: what {@code vici apply
 * --wait 0} waits for) and closes it; it checks that every connection was sent with {@code load-conn}. One
 * iteration of the reference runs {@code swanctl --load-conns --file swanctl.conf}. Before every iteration (not
 * timed) {@code swanctl --load-conns --file empty.conf} unloads every connection, so each starts from a charon
 * without connections. W warm-up pairs (not reported), then P measured pairs, each "ours" then "reference". Prints
 * one {@code ours_ms=}/{@code ref_ms=} line per measured iteration and the medians.
 */
public final class ApplyBench {

    private ApplyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = InstallWatch.options(args);
        String uri = InstallWatch.required(opt, "--uri");
        Path file = Path.of(InstallWatch.required(opt, "--file"));
        String conf = InstallWatch.required(opt, "--conf");
        String empty = InstallWatch.required(opt, "--empty");
        String swanctl = opt.getOrDefault("--swanctl", "swanctl");
        int warmup = Integer.parseInt(opt.getOrDefault("--warmup", "5"));
        int pairs = Integer.parseInt(opt.getOrDefault("--pairs", "10"));
        int expected = DesiredStateLoader.load(file).connections().size();

        // the pool size a Controller built with uri(...) uses for its own client (--pool to compare others)
        int pool = Integer.parseInt(opt.getOrDefault("--pool", "8"));
        ViciClientOptions options = ViciClientOptions.builder().uri(uri).requestTimeout(Duration.ofSeconds(60))
                .poolSize(pool).build();
        List<Double> ours = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        try (ViciClient client = ViciClient.connect(options)) {
            for (int i = 0; i < warmup + pairs; i++) {
                boolean measured = i >= warmup;
                swanctl(swanctl, uri, empty);
                double a = applyOnce(client, file, expected);
                swanctl(swanctl, uri, empty);
                double b = swanctl(swanctl, uri, conf);
                if (measured) {
                    ours.add(a);
                    ref.add(b);
                    System.out.printf(Locale.ROOT, "ours_ms=%.1f%nref_ms=%.1f%n", a, b);
                } else {
                    System.out.printf(Locale.ROOT, "warmup ours_ms=%.1f ref_ms=%.1f%n", a, b);
                }
                System.out.flush();
            }
            swanctl(swanctl, uri, empty);
        }
        System.out.printf(Locale.ROOT, "ours_median_ms=%.1f%nref_median_ms=%.1f%n", median(ours), median(ref));
        // the share of reading and validating the YAML in ours (the rest: observe, plan, load, verify)
        System.out.printf(Locale.ROOT, "ours_yaml_median_ms=%.1f%n",
                median(yamlMs.subList(Math.max(0, yamlMs.size() - ours.size()), yamlMs.size())));
        System.exit(0);
    }

    private static final java.util.List<Double> yamlMs = new java.util.ArrayList<>();

    /** @return milliseconds to load the YAML and apply it with a controller (start to first pass, then close) */
    private static double applyOnce(ViciClient client, Path file, int expected) throws Exception {
        long t0 = System.nanoTime();
        DesiredState state = DesiredStateLoader.load(file);
        yamlMs.add((System.nanoTime() - t0) / 1e6);
        Map<String, Long> counts;
        try (Controller c = Controller.builder().client(client).desiredState(state).prune(false)
                .callTimeout(Duration.ofSeconds(60)).build()) {
            c.start();
            c.firstPass().get(120, TimeUnit.SECONDS);
            counts = c.requestCounts();
            if (!c.rejectedConnections().isEmpty()) {
                throw new IllegalStateException("charon rejected connections: " + c.rejectedConnections());
            }
        }
        long t1 = System.nanoTime();
        long loads = counts.getOrDefault("load-conn", 0L);
        if (loads != expected) {
            throw new IllegalStateException("expected " + expected + " load-conn requests, sent " + loads + ": "
                    + counts);
        }
        return (t1 - t0) / 1e6;
    }

    /** @return milliseconds {@code swanctl --load-conns --file FILE} took (it must succeed) */
    private static double swanctl(String swanctl, String uri, String file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(swanctl, "--load-conns", "--file", file, "--uri", uri)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        long t0 = System.nanoTime();
        Process p = pb.start();
        int rc = p.waitFor();
        long t1 = System.nanoTime();
        if (rc != 0) {
            throw new IllegalStateException(swanctl + " --load-conns --file " + file + " exited " + rc);
        }
        return (t1 - t0) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
