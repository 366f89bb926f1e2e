package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.internal.QuickListSas;
import org.vici4j.cli.testing.FakeCharon;
import org.vici4j.cli.testing.Fixtures;
import org.vici4j.cli.testing.FakeCharon.Event;
import org.vici4j.cli.testing.FakeCharon.Reply;
import org.vici4j.client.message.ViciSection;

/**
 * The quick {@code list-sas} of {@code bin/vici} (no picocli) prints what the command line prints, byte for byte,
 * with the same exit code and error, sends charon the same request, and leaves every other form to the command
 * line without doing anything.
 */
class QuickListSasTest {

    FakeCharon charon;

    @BeforeEach
    void start() {
        charon = FakeCharon.start();
    }

    @AfterEach
    void stop() {
        charon.close();
    }

    /** @return what the quick path did, or null if it did not take the arguments */
    private Result quick(String uri, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer exit = QuickListSas.run(args, Map.of("VICI_URI", uri), out, err);
        return exit == null ? null : new Result(exit, out.toString(Charset.defaultCharset()),
                err.toString(Charset.defaultCharset()));
    }

    /** Runs both ways and compares output, exit code and the requests charon received. */
    private void same(String uri, String... args) {
        int before = charon.requests().size();
        Result q = quick(uri, args);
        assertThat(q).as("taken: " + String.join(" ", args)).isNotNull();
        List<FakeCharon.Request> quickRequests = new ArrayList<>(charon.requests().subList(before,
                charon.requests().size()));
        int middle = charon.requests().size();
        Result usual = CliRunner.run(uri, args);
        assertThat(q).as(String.join(" ", args)).isEqualTo(usual);
        assertThat(quickRequests).isEqualTo(charon.requests().subList(middle, charon.requests().size()));
    }

    private void serve(List<ViciSection> events, ViciSection response) {
        charon.on("list-sas", m -> new Reply(events.stream().map(e -> new Event("list-sa", e)).toList(), response));
    }

    @Test
    void thePlainFormsPrintWhatTheCommandLinePrints() {
        Random random = new Random(10);
        List<ViciSection> events = new ArrayList<>(List.of(CommandsTest.listSa()));
        for (int i = 0; i < 3; i++) {
            events.add(OutputRoundTripTest.section(random, 0)); // odd keys and values: escapes, bytes, lists
        }
        serve(events, ViciSection.empty());
        String uri = charon.uri();
        Result table = quick(uri, "list-sas");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out()).startsWith("net: #1, ESTABLISHED, IKEv2, ").contains("\n  net: #1, reqid 1, INSTALLED");
        Result json = quick(uri, "list-sas", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(Fixtures.parse(json.out()).size()).isEqualTo(4);
        same(uri, "list-sas");
        same(uri, "list-sas", "-o", "json");
        same(uri, "-o", "JSON", "list-sas");
        same(uri, "--raw", "list-sas");
        same(uri, "list-sas", "-P");
        same(uri, "list-sas", "--output=table");
        same(uri, "-r", "-o", "table", "list-sas"); // applied in order: table
        same(uri, "-o", "table", "list-sas", "-r"); // json
        same(uri, "list-sas", "--ike", "net", "-o", "json");
        same(uri, "list-sas", "-I", "1", "-c", "net", "-C", "2", "-n");
        same(uri, "list-sas", "--ike-id=7", "--child=x", "--noblock");
        same("unix:///nonexistent/x", "--uri", uri, "list-sas", "-o", "json");
        same("", "list-sas", "--uri=" + uri);
    }

    @Test
    void theJsonIsJacksonsTextForAnyKeysAndValues() {
        // the quick path writes JSON itself (JsonText); the command line through Jackson (Json)
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        every.append("\u2028\u2029\uffff\ud83d\ude00/</");
        List<ViciSection> events = new ArrayList<>(List.of(ViciSection.builder().add(every.toString(),
                every.toString()).beginSection("empty").endSection().addList("none").addList("one", "x")
                .add("bytes", new byte[] {(byte) 0xff, 0, 1}).add("prefixed", "base64:abc").build()));
        serve(events, ViciSection.empty());
        same(charon.uri(), "list-sas", "-o", "json");
        Random random = new Random(20261202);
        for (int round = 0; round < 40; round++) {
            events.clear();
            for (int i = random.nextInt(4); i > 0; i--) {
                events.add(OutputRoundTripTest.section(random, 0));
            }
            same(charon.uri(), "list-sas", "-o", "json");
        }
    }

    @Test
    void anEmptyListingAndErrorsToo() {
        serve(List.of(), ViciSection.empty());
        same(charon.uri(), "list-sas");
        same(charon.uri(), "list-sas", "-o", "json");
        assertThat(quick(charon.uri(), "list-sas", "-o", "json").out()).isEqualTo("[]\n");
        serve(List.of(CommandsTest.listSa()), ViciSection.builder().add("success", false)
                .add("errmsg", "no IKE_SA found").build());
        same(charon.uri(), "list-sas", "-o", "json");
        charon.respond("list-sas", ViciSection.builder().add("success", "no").build());
        same(charon.uri(), "list-sas");
        assertThat(quick(charon.uri(), "list-sas").exit()).isEqualTo(1);
        same("unix:///nonexistent/charon.vici", "list-sas"); // exit 3, cannot connect
        assertThat(quick("unix:///nonexistent/charon.vici", "list-sas").exit()).isEqualTo(3);
        same("tcp://127.0.0.1:1", "list-sas", "-o", "json");
    }

    @Test
    void everyOtherFormIsLeftToTheCommandLineUntouched() {
        serve(List.of(CommandsTest.listSa()), ViciSection.empty());
        String uri = charon.uri();
        String[][] others = {{}, {"list-conns"}, {"list-sas", "-o", "yaml"}, {"list-sas", "--debug"},
            {"list-sas", "--timeout", "5s"}, {"list-sas", "--help"}, {"help", "list-sas"}, {"-i", "x", "list-sas"},
            {"list-sas", "-o", "json", "--output", "json"}, {"list-sas", "-r", "--raw"}, {"list-sas", "extra"},
            {"list-sas", "-I", "x"}, {"list-sas", "--ike"}, {"list-sas", "--ike", "--child", "x"},
            {"list-sas", "-ojson"}, {"list-sas", "-nr"}, {"list-sas", "--noblock=true"}, {"list-sas", "list-sas"},
            {"list-sas", "-o", "xml"}, {"--uri", "bogus://x", "list-sas"}, {"list-sas", "--"}};
        for (String[] args : others) {
            assertThat(quick(uri, args)).as(String.join(" ", args)).isNull();
        }
        assertThat(charon.requests()).isEmpty();
    }
}
