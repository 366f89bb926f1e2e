package org.vici4j.cli;

import org.vici4j.cli.internal.OsSignals;
import org.vici4j.cli.internal.QuickListSas;

/** {@code vici}: the command line for strongSwan's charon over VICI. Run by {@code bin/vici}. */
public final class Vici {

    private Vici() {
    }

    /**
     * Runs {@code vici} with {@code args} and exits with its exit code.
     *
     * @param args command line arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        Integer quick = QuickListSas.run(args, System.getenv(), System.out, System.err); // the everyday listing, without the command model
        if (quick != null) {
            System.exit(quick);
        }
        OsSignals signals = new OsSignals();
        if (longRunning(args)) {
            signals.early(SignalSource.Signal.HUP); // a SIGHUP during start-up reloads instead of ending the JVM
        }
        int exit = ViciCli.builder().signals(signals).buildFor(args).execute(args);
        System.out.flush();
        System.exit(exit);
    }

    /** @return whether the command is {@code controller} (found as bin/vici finds it) */
    static boolean longRunning(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--uri") || a.equals("--timeout") || a.equals("-o") || a.equals("--output")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a.equals("controller");
            }
        }
        return false;
    }

    /**
     * Logging goes to stderr through slf4j-simple: off, unless {@code --debug} is given (debug for
     * vici4j, trace for its wire-level packet log). Set before any logger exists.
     */
    private static void configureLogging(String[] args) {
        boolean debug = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--debug")) {
                debug = true;
            }
        }
        if (!debug) {
            // Nothing is logged: slf4j's no-operation provider, chosen directly (no service lookup), and no
            // slf4j-simple configuration (its date format alone loads the locale data: tens of ms at start-up).
            setIfAbsent("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            setIfAbsent("slf4j.internal.verbosity", "WARN"); // slf4j would say which provider it loads
            return;
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.log.org.vici4j", "trace");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
