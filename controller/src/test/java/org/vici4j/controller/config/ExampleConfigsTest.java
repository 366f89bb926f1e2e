package org.vici4j.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file in examples/config is valid, and the hub/spoke examples say what they should. */
class ExampleConfigsTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "config");

    private static List<Path> files() throws IOException {
        assertThat(EXAMPLES).as("examples/config relative to the controller module").isDirectory();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyExampleIsValidOnItsOwn() throws IOException {
        List<Path> files = files();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("hub.yaml", "spoke1.yaml", "spoke2.yaml");
        for (Path f : files) {
            DesiredState s = DesiredStateLoader.load(f);
            assertThat(s.warnings()).as(f.toString()).isEmpty();
        }
    }

    @Test
    void hubAcceptsTwoSpokesAndSpokesKeepTheirTunnelUp() {
        DesiredState hub = DesiredStateLoader.load(EXAMPLES.resolve("hub.yaml"));
        assertThat(hub.connections()).hasSize(2);
        assertThat(hub.connections()).allSatisfy(c -> {
            assertThat(c.options().list("local_addrs")).containsExactly("192.0.2.1");
            assertThat(c.children()).allSatisfy(ch -> assertThat(ch.ensure()).isEqualTo(Ensure.LOADED));
        });
        assertThat(hub.connections()).flatExtracting(c -> c.options().list("remote_addrs"))
                .containsExactly("192.0.2.2", "192.0.2.3");

        for (int i = 2; i <= 3; i++) {
            DesiredState spoke = DesiredStateLoader.load(EXAMPLES.resolve("spoke" + (i - 1) + ".yaml"));
            ConnectionConfig c = spoke.connections().get(0);
            assertThat(c.options().list("local_addrs")).containsExactly("192.0.2." + i);
            assertThat(c.options().list("remote_addrs")).containsExactly("192.0.2.1");
            // the spoke's PSK is the one the hub holds for that spoke
            SharedSecret spokeSecret = (SharedSecret) spoke.secrets().get(0);
            SharedSecret hubSecret = (SharedSecret) hub.secrets().stream()
                    .filter(x -> ((SharedSecret) x).owners().contains(spokeSecret.owners().get(0))).findFirst().orElseThrow();
            assertThat(spokeSecret.data()).isEqualTo(hubSecret.data());
            assertThat(c.children()).singleElement().satisfies(ch -> {
                assertThat(ch.ensure()).isEqualTo(Ensure.UP);
                assertThat(ch.options().list("remote_ts")).containsExactly("198.18.0.0/22");
            });
        }
    }
}
