package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.cli.ExitCode;
import org.vici4j.client.StreamedResponse;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vici call}: any VICI command with a message built from arguments. */
@Command(name = "call",
        description = {
            "Send any VICI command with a message built from key=value arguments and print the response.",
            "Streamed commands (list-sas, list-conns, list-policies, list-certs, list-authorities, initiate,"
                + " terminate) collect their events; --stream EVENT for others.",
            "",
            "Argument syntax:",
            "  key=value        a value (key= for an empty one)",
            "  a.b.c=value      nested sections: a { b { c = value } }",
            "  key=[a,b]        a list (key=[] empty); key=a key=b also makes the list [a,b]",
            "  key={}           an empty section",
            "  key=base64:...   binary value (the form JSON output uses)",
            "  key=\\[text]      a leading backslash makes the rest literal",
            "",
            "Examples:",
            "  vici call version",
            "  vici call initiate child=net timeout=10000",
            "  vici call load-conn net.remote_addrs=[192.0.2.2] net.local.auth=psk net.children.net.esp_proposals=[aes128gcm16]"},
        footerHeading = "%n", footer = {"Exit 1 if the response says success = no (the response is still printed)."})
public final class CallCommand extends BaseCommand {

    static final Map<String, String> STREAMS = Map.of(
            "list-sas", "list-sa",
            "list-conns", "list-conn",
            "list-policies", "list-policy",
            "list-certs", "list-cert",
            "list-authorities", "list-authority",
            "initiate", "control-log",
            "terminate", "control-log");

    @Parameters(index = "0", paramLabel = "COMMAND", description = "VICI command name, e.g. version, list-sas, load-conn.")
    String command;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Message entries (syntax above).")
    List<String> args = new ArrayList<>();

    @Option(names = "--stream", paramLabel = "EVENT", description = "Event the command streams (default: known for the commands above; 'none' for no stream).")
    String stream;

    @Override
    protected int execute() {
        ViciSection message = CallArgs.parse(args);
        String event = stream != null ? ("none".equals(stream) ? null : stream) : STREAMS.get(command);
        ViciSection response;
        List<ViciSection> events = null;
        if (event != null) {
            StreamedResponse r = await(commands().streamed(command, message, event, null));
            response = r.response();
            events = r.events();
        } else {
            response = await(commands().request(command, message));
        }
        print(response, events);
        if (response.get("success").isPresent() && !response.bool("success")) {
            throw new CliException(ExitCode.FAILED, "charon command '" + command + "' failed: "
                    + response.stringOr("errmsg", "no error message"));
        }
        return ExitCode.OK;
    }

    private void print(ViciSection response, List<ViciSection> events) {
        if (events == null) {
            printMessage(response, r -> Text.tree(out(), r, 0));
            return;
        }
        switch (format()) {
            case JSON -> {
                out().println(Json.streamed(events, response));
            }
            case YAML -> {
                out().print("events:");
                out().print(events.isEmpty() ? " []\n" : "\n" + Yaml.sequence(events).replaceAll("(?m)^", "  "));
                out().print("response:");
                out().print(response.isEmpty() ? " {}\n" : "\n" + Yaml.of(response).replaceAll("(?m)^", "  "));
            }
            default -> {
                for (ViciSection e : events) {
                    out().println(event(e));
                    Text.tree(out(), e, 2);
                }
                if (!response.isEmpty()) {
                    out().println("response:");
                    Text.tree(out(), response, 2);
                }
            }
        }
        out().flush();
    }

    private String event(ViciSection e) {
        return "event:";
    }
}
