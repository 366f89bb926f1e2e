package org.vici4j.cli.internal;

import java.util.Set;

import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici log}: charon's log stream. */
@Command(name = "log", description = {
    "Print charon's log as it is written (VICI 'log' events), like swanctl --log:"
        + " THREAD[GROUP] <IKE_SA|ID> message.",
    "Runs until interrupted (Ctrl-C), --count or --duration. -o json: one {\"event\": \"log\", \"message\": {...}} per line."})
public final class LogCommand extends EventCommand {

    @Override
    protected int execute() throws InterruptedException {
        return watch(Set.of("log"), Set.of());
    }

    @Override
    protected String line(String event, ViciSection m) {
        return format(m);
    }

    static String format(ViciSection m) {
        StringBuilder sb = new StringBuilder();
        String thread = m.stringOr("thread", "");
        sb.append(thread.length() == 1 ? "0" + thread : thread).append('[').append(m.stringOr("group", "")).append("] ");
        m.string("ikesa-name").ifPresent(n -> sb.append('<').append(n).append('|')
                .append(m.stringOr("ikesa-uniqueid", "")).append("> "));
        sb.append(m.stringOr("msg", ""));
        return sb.toString();
    }
}
