package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.vici4j.client.CommandFailedException;
import org.vici4j.client.Futures;
import org.vici4j.client.ViciClient;
import org.vici4j.client.ViciCommands;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine;

/**
 * Base of every command: access to the global options, the lazily created client (closed when the
 * command ends), the command line's writers and the output format.
 */
public abstract class BaseCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    RootCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } finally {
            out().flush();
            root.closeClient();
        }
    }

    /** @return the exit code */
    protected abstract int execute() throws Exception;

    /** @return where results go */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return where diagnostics go */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return the output format */
    protected Format format() {
        return root.output();
    }

    /** @return the client */
    protected ViciClient client() {
        return root.client();
    }

    /**
     * @return charon's commands through the client: the typed methods of {@link ViciCommands} (which throw
     *     {@link CommandFailedException} when charon answers {@code success = no}); with --debug each message
     *     exchanged is printed
     */
    protected ViciCommands commands() {
        return commands(client());
    }

    /** @return {@link #commands()} through {@code via} (e.g. a client with another timeout) */
    protected ViciCommands commands(ViciCommands via) {
        return root.debug() ? new DebugCommands(via, this::debug) : via;
    }

    /** @return the value of {@code future}, its failure thrown as itself */
    protected static <T> T await(CompletableFuture<T> future) {
        return Futures.await(future);
    }

    /** @return the strongSwan version of charon, e.g. {@code 5.9.8} (VICI 'version') */
    protected String charonVersion() {
        return await(commands().version()).version();
    }

    /** With --debug, prints a line to stderr (message trees print with secret values redacted). */
    protected void debug(String line) {
        if (root.debug()) {
            synchronized (this) {
                err().println("vici: debug: " + line);
                err().flush();
            }
        }
    }

    /** @return swanctl's success line, e.g. {@code rekey completed successfully (2 matched)} */
    static String completed(String command, ViciSection response) {
        return command + " completed successfully" + response.string("matches").map(n -> " (" + n + " matched)").orElse("");
    }

    /** Prints one message: {@code table} renders it in table mode, JSON/YAML print the tree. */
    protected void printMessage(ViciSection message, Consumer<ViciSection> table) {
        PrintWriter out = out();
        switch (format()) {
            case JSON -> out.println(Json.of(message, true));
            case YAML -> out.print(Yaml.of(message));
            default -> table.accept(message);
        }
        out.flush();
    }

    /** Prints streamed messages: one JSON array / YAML sequence, or each rendered by {@code table}. */
    protected void printStream(List<ViciSection> messages, Consumer<List<ViciSection>> table) {
        PrintWriter out = out();
        switch (format()) {
            case JSON -> {
                Json.writeArray(out, messages, true); // straight to the writer, no string of the whole output
                out.println();
            }
            case YAML -> Yaml.writeSequence(out, messages);
            default -> table.accept(messages);
        }
        out.flush();
    }

    /**
     * Prints a listing: {@code table} renders each item into one buffer, written once (the command line's writer
     * flushes on every line); JSON/YAML print charon's {@code message} of each item as one array / sequence.
     */
    protected <T> void printListing(List<T> items, Function<T, ViciSection> message, BiConsumer<PrintWriter, T> table) {
        if (format() != Format.TABLE) {
            printStream(items.stream().map(message).toList(), x -> { });
            return;
        }
        StringWriter buffer = new StringWriter(items.size() * 512);
        PrintWriter lines = new PrintWriter(buffer);
        for (T item : items) {
            table.accept(lines, item);
        }
        lines.flush();
        out().write(buffer.toString());
        out().flush();
    }

    /** Prints a streamed event as it arrives: a JSON line / YAML document, or {@code tableLine}. */
    protected void printEvent(String name, ViciSection message, String tableLine) {
        PrintWriter out = out();
        switch (format()) {
            case JSON -> out.println(Json.event(name, message));
            case YAML -> out.print(Yaml.event(name, message));
            default -> {
                if (tableLine != null) {
                    out.println(tableLine);
                }
            }
        }
        out.flush();
    }
}
