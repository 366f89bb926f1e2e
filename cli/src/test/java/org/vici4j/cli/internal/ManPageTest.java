package org.vici4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.cli.ViciCli;

import picocli.CommandLine;

/** The manual page and completion script of the release archive: complete, and read by groff without a warning. */
class ManPageTest {

    @TempDir
    Path dir;

    @Test
    void theManPageHasEveryCommandAndOptionAndGroffReadsItWithoutWarnings() throws Exception {
        ManPage.main(new String[] {dir.toString(), "1.2.3"});
        Path man = dir.resolve("man/man1/vici.1");
        String text = Files.readString(man);
        assertThat(text).startsWith(".TH VICI 1 \"\" \"vici4j 1.2.3\"");
        CommandLine cl = ViciCli.builder().build();
        for (String name : cl.getSubcommands().keySet()) {
            if (cl.getSubcommands().get(name).getCommandName().equals(name)) {
                assertThat(text).contains(".SS " + ManPage.escape(name) + "\n");
            }
        }
        assertThat(text).contains("\\fB\\-f\\fR, \\fB\\-\\-file\\fR \\fIFILE|DIR\\fR")
                .contains("\\fB\\-\\-uri\\fR \\fIURI\\fR").contains(".SH EXIT STATUS");

        Process groff;
        try {
            groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", man.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("groff cannot be run (" + e.getMessage() + "): install it (Debian: apt-get install groff-base;"
                    + " scripts/install-deps.sh does it)");
            return;
        }
        assertThat(groff.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String warnings = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(warnings).as("groff's warnings").isEmpty();
        assertThat(groff.exitValue()).isZero();

        String completion = Files.readString(dir.resolve("completion/vici.bash"));
        assertThat(completion).contains("complete -F _complete_vici").contains("controller").contains("validate");
    }

    @Test
    void roffRequestsAndEscapesInTextAreNeutralised() {
        assertThat(ManPage.escape(".SH x\n'y\na\\b -c")).isEqualTo("\\&.SH x\n\\&'y\na\\eb \\-c");
    }
}
