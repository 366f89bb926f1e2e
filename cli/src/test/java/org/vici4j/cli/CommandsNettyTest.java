package org.vici4j.cli;

/**
 * {@link CommandsTest} with every command on the Netty-based client ({@link ClientFactory#netty()}):
 * the one-shot commands' blocking transport (the default) and Netty must give the same output, exit codes
 * and error messages.
 */
class CommandsNettyTest extends CommandsTest {

    @Override
    CliRunner.Result vici(String... args) {
        return CliRunner.run(charon.uri(), ClientFactory.netty(), SignalSource.none(), args);
    }
}
