package org.vici4j.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.command.LogMessage;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Option;

/**
 * Base of commands that stream charon's {@code control-log} while they run (initiate, terminate):
 * table output prints each log line as {@code [GROUP] message} as it arrives, like swanctl.
 */
abstract class ControlCommand extends BaseCommand {

    /** Extra client-side time beyond charon's own timeout, so charon's answer arrives first. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    /** Ordered by how well they name the cause of a failed initiate. */
    private static final List<Pattern> REASONS = List.of(
            Pattern.compile("unable to install", Pattern.CASE_INSENSITIVE),
            Pattern.compile("received \\S+ notify", Pattern.CASE_INSENSITIVE),
            Pattern.compile("unable to", Pattern.CASE_INSENSITIVE),
            Pattern.compile("giving up|retransmit|timed? ?out", Pattern.CASE_INSENSITIVE),
            Pattern.compile("failed|error|no .* found|unacceptable", Pattern.CASE_INSENSITIVE));

    @Option(names = {"-l", "--loglevel"}, paramLabel = "LEVEL",
            description = "Verbosity of the streamed log, -1 (silent) to 4. Default: 1, like swanctl.")
    int loglevel = 1;

    @Option(names = "-t", paramLabel = "SECONDS", converter = DurationConverter.class,
            description = "swanctl's -t: how long charon waits, in seconds (or 30s, 2m...); the same as --timeout.")
    Duration swanctlTimeout;

    /** @return -t if given, else --timeout (or its default) */
    protected Duration timeout() {
        return swanctlTimeout != null ? swanctlTimeout : root.timeout();
    }

    /** @return charon's {@code timeout} in ms: --timeout (or -t) */
    protected long charonTimeoutMillis() {
        return timeout().toMillis();
    }

    /** A control command sent through the typed API: streams {@code control-log} to {@code onLog}, answers the response. */
    @FunctionalInterface
    interface Call {
        CompletableFuture<ViciSection> send(ViciCommands commands, Consumer<LogMessage> onLog);
    }

    /**
     * Runs {@code command} (its request carries charon's {@code timeout}, {@link #charonTimeoutMillis()}, and
     * {@link #loglevel}) with the log streamed; the client waits {@link #MARGIN} longer than charon.
     *
     * @return the exit code
     */
    protected int runControl(String command, Call call) {
        Duration timeout = timeout();
        ViciCommands via = commands(client().withTimeout(timeout.plus(MARGIN)));
        List<String> log = new ArrayList<>();
        ViciSection response;
        boolean failed = false;
        try {
            response = await(call.send(via, m -> {
                synchronized (log) {
                    log.add(m.message());
                }
                synchronized (this) {
                    printEvent("control-log", m.raw(), "[" + m.group() + "] " + m.message());
                }
            }));
        } catch (CommandFailedException e) {
            response = e.response();
            failed = true;
        }
        if (format() != Format.TABLE) {
            ViciSection wrapped = ViciSection.builder().addSection("response", response).build();
            out().println(format() == Format.JSON ? Json.of(wrapped, false) : "---\n" + Yaml.of(wrapped));
            out().flush();
        }
        if (failed) {
            String errmsg = response.stringOr("errmsg", "charon sent no error message");
            List<String> lines;
            synchronized (log) {
                lines = List.copyOf(log);
            }
            String reason = reason(lines, errmsg);
            String text = command + " failed: " + errmsg + (reason == null ? "" : " (charon: " + reason + ")");
            if (errmsg.toLowerCase(Locale.ROOT).contains("not established after")
                    || errmsg.toLowerCase(Locale.ROOT).contains("timeout")) {
                throw new CliException(ExitCode.TIMEOUT, text + "; raise --timeout (now "
                        + DurationConverter.format(timeout) + ") if the peer needs longer");
            }
            throw new CliException(ExitCode.FAILED, text);
        }
        if (format() == Format.TABLE) {
            out().println(summary(response));
        }
        return ExitCode.OK;
    }

    /** @return the success line of table output, e.g. {@code initiate completed successfully} */
    protected abstract String summary(ViciSection response);

    /** @return the log line that best explains a failure, or null */
    static String reason(List<String> log, String errmsg) {
        for (Pattern p : REASONS) {
            for (String line : log) {
                if (!line.equals(errmsg) && p.matcher(line).find()) {
                    return line;
                }
            }
        }
        return null;
    }
}
