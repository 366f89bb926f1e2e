package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.vici4j.client.CommandFailedException;
import org.vici4j.client.StreamedResponse;
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

    /** Sends {@code command} and returns the response; {@code success = no} throws. */
    protected ViciSection request(String command, ViciSection message) {
        return request(client(), command, message);
    }

    /** Sends {@code command} through {@code via} (e.g. a client with another timeout). */
    protected ViciSection request(ViciCommands via, String command, ViciSection message) {
        debug("request '" + command + "' " + message);
        ViciSection response = client().await(via.request(command, message));
        debug("response to '" + command + "' " + response);
        return checkSuccess(command, response, List.of());
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

    /** Sends a streamed {@code command}, calling {@code onEvent} for each {@code event} as it arrives. */
    protected StreamedResponse streamed(ViciCommands via, String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        debug("request '" + command + "' " + message + ", streaming '" + event + "'");
        StreamedResponse r = client().await(via.streamed(command, message, event, onEvent));
        debug("response to '" + command + "' " + r.response() + " after " + r.events().size() + " '" + event + "' events");
        return r;
    }

    /** @return {@code response}, or throws {@link CommandFailedException} if it says {@code success = no} */
    public static ViciSection checkSuccess(String command, ViciSection response, List<String> log) {
        if (response.get("success").isPresent() && !response.bool("success")) {
            throw new CommandFailedException(command, response.string("errmsg").orElse(null), log, response);
        }
        return response;
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
