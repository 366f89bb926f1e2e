package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.ViciCli;

import picocli.CommandLine;

class RootCommandTest {

    @Test
    void findsTheCommandNameAfterGlobalOptions() {
        assertThat(RootCommand.commandName(new String[] {"--uri", "unix:///x", "-o", "json", "--debug", "list-sas"}))
                .isEqualTo("list-sas");
        assertThat(RootCommand.commandName(new String[] {"--timeout=5s", "-ojson", "stats"})).isEqualTo("stats");
        assertThat(RootCommand.commandName(new String[] {"--help"})).isNull();
    }

    @Test
    void registersOnlyTheNamedCommandOrAll() {
        CommandLine one = ViciCli.builder().env(Map.of()).buildFor("-o", "json", "version");
        assertThat(one.getSubcommands()).containsOnlyKeys("version");
        CommandLine all = ViciCli.builder().env(Map.of()).buildFor("help", "version");
        assertThat(all.getSubcommands().keySet()).containsAll(RootCommand.COMMANDS.keySet());
        assertThat(ViciCli.builder().env(Map.of()).buildFor("--version").getSubcommands()).isEmpty();
        assertThat(ViciCli.builder().env(Map.of()).buildFor("lsit-sas").getSubcommands()).hasSize(RootCommand.COMMANDS.size());
    }
}
