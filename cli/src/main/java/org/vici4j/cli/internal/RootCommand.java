package org.vici4j.cli.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciClientOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code vici}: the root command, its global options and the client they configure. */
@Command(name = "vici",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "vici: strongSwan's charon over VICI. Talks to charon's VICI socket: one command per VICI"
                + " capability (list-sas, initiate, ...), raw commands with 'call', and declarative"
                + " configuration (validate, diff, apply, controller).",
            "Run 'vici help COMMAND' or 'vici COMMAND --help' for a command's options."},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:charon answered with a failure (success = no, unknown command), or apply left something not as desired",
            "2:usage or validation error (bad option, bad call argument, invalid configuration file)",
            "3:cannot connect to charon, or the connection was lost",
            "4:timeout (client side --timeout, or charon gave up waiting within it)",
            "130:interrupted by Ctrl-C (SIGINT) before the command ended; monitor, log and controller end with 0"},
        footerHeading = "%nEnvironment:%n",
        footer = {"  VICI_URI   default for --uri"})
public final class RootCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. Registered by {@link #register}: all of them,
     * or only the one a command line names, so that a simple command does not pay for building the
     * model of every other command (picocli's reflection is most of vici's start-up time).
     */
    public static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand.class);
        m.put("version", VersionCommand.class);
        m.put("stats", StatsCommand.class);
        m.put("reload-settings", ReloadSettingsCommand.class);
        m.put("initiate", InitiateCommand.class);
        m.put("terminate", TerminateCommand.class);
        m.put("rekey", RekeyCommand.class);
        m.put("redirect", RedirectCommand.class);
        m.put("install", InstallCommand.class);
        m.put("uninstall", UninstallCommand.class);
        m.put("list-sas", ListSasCommand.class);
        m.put("list-conns", ListConnsCommand.class);
        m.put("list-pols", ListPolsCommand.class);
        m.put("list-certs", ListCertsCommand.class);
        m.put("list-authorities", ListAuthoritiesCommand.class);
        m.put("list-pools", ListPoolsCommand.class);
        m.put("list-algs", ListAlgsCommand.class);
        m.put("counters", CountersCommand.class);
        m.put("monitor", MonitorCommand.class);
        m.put("log", LogCommand.class);
        m.put("call", CallCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("apply", ApplyCommand.class);
        m.put("controller", ControllerCommand.class);
        m.put("status", StatusCommand.class);
        m.put("load-all", SwanctlCommands.LoadAll.class);
        m.put("load-conns", SwanctlCommands.LoadConns.class);
        m.put("load-creds", SwanctlCommands.LoadCreds.class);
        m.put("load-pools", SwanctlCommands.LoadPools.class);
        m.put("load-authorities", SwanctlCommands.LoadAuthorities.class);
        m.put("flush-certs", SwanctlCommands.FlushCerts.class);
        m.put("import", SwanctlCommands.Import.class);
        m.put("completion", CompletionCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /** Global options that take a value (to find the command name in a command line). */
    private static final Set<String> VALUE_OPTIONS = Set.of("--uri", "--timeout", "-o", "--output");
    // note: declarative commands keep Jackson (controller) off the path of every other command

    /**
     * Adds the subcommands to {@code cl}: only the one {@code args} names when that is a plain
     * command, all of them otherwise (no command, help, completion, an unknown name).
     */
    public static void register(CommandLine cl, String[] args) {
        String name = args == null ? null : commandName(args);
        if (name == null && args != null && onlyVersion(args)) {
            return; // 'vici --version' needs no command
        }
        if (name != null && COMMANDS.containsKey(name) && !name.equals("help") && !name.equals("completion")) {
            add(cl, name);
            return;
        }
        for (String command : COMMANDS.keySet()) {
            add(cl, command);
        }
    }

    /** Commands that never contact charon: they do not offer --uri and --timeout. */
    private static final Set<String> OFFLINE = Set.of("validate", "status", "completion");

    private static void add(CommandLine cl, String name) {
        cl.addSubcommand(name, COMMANDS.get(name));
        if (OFFLINE.contains(name)) {
            CommandLine.Model.CommandSpec spec = cl.getSubcommands().get(name).getCommandSpec();
            for (String option : new String[] {"--uri", "--timeout"}) {
                CommandLine.Model.OptionSpec o = spec.findOption(option);
                if (o != null) {
                    spec.remove(o);
                }
            }
        }
    }

    private static boolean onlyVersion(String[] args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                return false;
            }
            version |= a.equals("-V") || a.equals("--version");
        }
        return version;
    }

    /** @return the first argument that is not a global option or its value, or null */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (VALUE_OPTIONS.contains(a)) {
                i++;
            } else if (a.startsWith("-")) {
                if (!a.startsWith("--") && a.length() > 2 && !a.startsWith("-o")) {
                    return null; // clustered short options: let picocli see the full model
                }
            } else {
                return a;
            }
        }
        return null;
    }

    /** Default request timeout when --timeout is not given. */
    public static final Duration DEFAULT_TIMEOUT = OneShotClient.DEFAULT_TIMEOUT;

    private final CliContext ctx;
    private ViciClient client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--uri", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "charon's VICI socket: unix:///path or tcp://host:port."
                    + " Default: $VICI_URI, else " + ViciClientOptions.DEFAULT_URI + ".")
    String uri;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "Client-side limit for each request: 500ms, 30s, 2m... Default: 30s."
                    + " For initiate/terminate also how long charon waits.")
    Duration timeout;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Output format: ${COMPLETION-CANDIDATES}. Default: table.")
    Format output = Format.TABLE;

    @Option(names = {"-r", "--raw"}, scope = ScopeType.INHERIT,
            description = "swanctl's --raw: the same as -o json.")
    void raw(boolean raw) {
        if (raw) {
            output = Format.JSON;
        }
    }

    @Option(names = {"-P", "--pretty"}, scope = ScopeType.INHERIT,
            description = "swanctl's --pretty: the same as -o json.")
    void pretty(boolean pretty) {
        if (pretty) {
            output = Format.JSON;
        }
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces and vici4j's wire-level log (to stderr).")
    boolean debug;

    /** @param ctx what this run gets from its environment */
    public RootCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        // 'vici' alone: show the usage on stderr and fail as a usage error
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** @return the context of this run */
    public CliContext ctx() {
        return ctx;
    }

    /** @return whether --debug was given */
    public boolean debug() {
        return debug;
    }

    /** @return the output format */
    public Format output() {
        return output;
    }

    /** @return --timeout, or the default */
    public Duration timeout() {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** @return whether --timeout was given */
    public boolean timeoutGiven() {
        return timeout != null;
    }

    /** @return the VICI URI: --uri, else $VICI_URI, else charon's default socket */
    public String uri() {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String env = ctx.env().get("VICI_URI");
        return env != null && !env.isBlank() ? env : ViciClientOptions.DEFAULT_URI;
    }

    /** @return the client, created on first use (connections open lazily) */
    public synchronized ViciClient client() {
        if (client == null) {
            ViciClientOptions options;
            try {
                options = ViciClientOptions.builder().uri(uri()).requestTimeout(timeout())
                        .threadNamePrefix("vici").build();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            client = usesController() ? ctx.clientFactory().create(options)
                    : ctx.clientFactory().createOneShot(options);
        }
        return client;
    }

    /** Commands that run the controller's machinery (concurrent requests, events): the full client. */
    private static final Set<String> CONTROLLER_COMMANDS = Set.of("controller", "apply", "diff");

    /** @return whether the command being run uses the controller, which needs {@link ViciClient#connect} */
    private boolean usesController() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasSubcommand()
                && CONTROLLER_COMMANDS.contains(parsed.subcommand().commandSpec().name());
    }

    /** Closes the client if one was created. */
    public synchronized void closeClient() {
        if (client != null) {
            try {
                client.close();
            } finally {
                client = null;
            }
        }
    }
}
