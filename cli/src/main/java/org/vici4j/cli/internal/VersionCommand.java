package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciSection;

import picocli.CommandLine.Command;

/** {@code vici version}: versions of vici4j and of the charon daemon. */
@Command(name = "version", description = "Print the versions of vici (client) and of the charon daemon (VICI 'version').")
public final class VersionCommand extends BaseCommand {

    @Override
    protected int execute() {
        String client = VersionProvider.version();
        if (format() == Format.TABLE) {
            PrintWriter out = out();
            out.println("client   vici4j " + client + " (Java " + System.getProperty("java.version") + ")");
            out.flush();
            ViciSection daemon = await(commands().version()).raw();
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, ViciItem> e : daemon.entries()) {
                rows.add(List.of(e.getKey(), String.valueOf(e.getValue())));
            }
            Text.table(out, null, rows);
            return 0;
        }
        ViciSection daemon = await(commands().version()).raw();
        ViciSection both = ViciSection.builder()
                .addSection("client", ViciSection.builder().add("name", "vici4j").add("version", client).build())
                .addSection("daemon", daemon).build();
        printMessage(both, m -> { });
        return 0;
    }
}
