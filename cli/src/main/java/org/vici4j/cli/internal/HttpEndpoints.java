package org.vici4j.cli.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

import org.vici4j.cli.ExitCode;
import org.vici4j.controller.Controller;
import org.vici4j.controller.http.ControllerHttpServer;
import org.vici4j.controller.http.HttpAddress;

/** {@code vici controller --http}: the controller's metrics and health endpoints. */
final class HttpEndpoints {

    private HttpEndpoints() {
    }

    /** @throws CliException (usage) if the address is not {@code [ADDRESS:]PORT} */
    static InetSocketAddress address(String text) {
        try {
            return HttpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--http: " + e.getMessage());
        }
    }

    /**
     * Starts serving and says where.
     *
     * @throws CliException (usage) if the address cannot be bound
     */
    static ControllerHttpServer start(Controller controller, InetSocketAddress address, Consumer<String> note) {
        ControllerHttpServer server;
        try {
            server = ControllerHttpServer.start(controller, address);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--http: cannot listen on " + address.getAddress().getHostAddress()
                    + ":" + address.getPort() + " (" + e.getMessage() + "); choose another address or port");
        }
        note.accept("serving /metrics, /healthz, /readyz and /status on " + server.url());
        return server;
    }
}
