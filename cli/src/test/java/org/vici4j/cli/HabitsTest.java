package org.vici4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.testing.FakeCharon;
import org.vici4j.cli.testing.FakeCharon.Reply;
import org.vici4j.client.message.ViciSection;

/** swanctl's habits (short options, --list-sas), errors in vici's words, and the documented exit codes. */
class HabitsTest extends FakeCharonTest {

    @Test
    void listSasTakesSwanctlsShortOptions() {
        charon.on("list-sas", m -> Reply.of(ViciSection.empty()));
        Result r = vici("list-sas", "-i", "gw", "-I", "3", "-c", "net", "-C", "4", "-n");
        assertThat(r.exit()).as(r.toString()).isZero();
        ViciSection sent = charon.requests().get(0).message();
        assertThat(sent.string("ike")).hasValue("gw");
        assertThat(sent.string("ike-id")).hasValue("3");
        assertThat(sent.string("child")).hasValue("net");
        assertThat(sent.string("child-id")).hasValue("4");
        assertThat(sent.bool("noblock")).isTrue();
    }

    @Test
    void controlCommandsTakeSwanctlsShortOptions() {
        charon.on("initiate", m -> Reply.of(ok()));
        charon.on("terminate", m -> Reply.of(ok()));
        charon.on("rekey", m -> Reply.of(ok()));
        assertThat(vici("initiate", "-c", "net", "-i", "gw", "-t", "7", "-l", "2").exit()).isZero();
        ViciSection init = charon.requests().get(0).message();
        assertThat(init.string("child")).hasValue("net");
        assertThat(init.string("ike")).hasValue("gw");
        assertThat(init.string("timeout")).hasValue("7000"); // swanctl's -t is seconds; charon's timeout is ms
        assertThat(init.string("loglevel")).hasValue("2");
        assertThat(vici("terminate", "-I", "9", "-f").exit()).isZero();
        ViciSection term = charon.requests().get(1).message();
        assertThat(term.string("ike-id")).hasValue("9");
        assertThat(term.bool("force")).isTrue();
        assertThat(vici("rekey", "-C", "5", "-a").exit()).isZero();
        ViciSection rekey = charon.requests().get(2).message();
        assertThat(rekey.string("child-id")).hasValue("5");
        assertThat(rekey.bool("reauth")).isTrue();
    }

    @Test
    void listingsTakeSwanctlsShortOptions() {
        charon.on("list-policies", m -> Reply.of(ViciSection.empty()));
        charon.respond("version", ViciSection.builder().add("version", "6.0.1").build());
        charon.on("list-certs", m -> Reply.of(ViciSection.empty()));
        charon.on("get-pools", m -> Reply.of(ViciSection.empty()));
        charon.on("list-authorities", m -> Reply.of(ViciSection.empty()));
        charon.on("redirect", m -> Reply.of(ok()));
        charon.on("install", m -> Reply.of(ok()));
        assertThat(vici("list-pols", "-c", "net", "-t", "-d").exit()).isZero();
        assertThat(vici("list-certs", "-t", "X509", "-f", "CA", "-s", "CN=x").exit()).isZero();
        assertThat(vici("list-pools", "-l", "-n", "p").exit()).isZero();
        assertThat(vici("list-authorities", "-n", "ca").exit()).isZero();
        assertThat(vici("redirect", "-p", "192.0.2.9", "-g", "192.0.2.3").exit()).isZero();
        assertThat(vici("install", "-c", "net", "-i", "gw").exit()).isZero();
        List<FakeCharon.Request> sent = charon.requests().stream().filter(r -> !r.command().equals("version")).toList();
        assertThat(sent.get(0).message().string("child")).hasValue("net");
        assertThat(sent.get(0).message().bool("trap")).isTrue();
        assertThat(sent.get(0).message().bool("drop")).isTrue();
        assertThat(sent.get(0).message().get("pass")).isEmpty();
        assertThat(sent.get(1).message().string("type")).hasValue("X509");
        assertThat(sent.get(1).message().string("flag")).hasValue("CA");
        assertThat(sent.get(1).message().string("subject")).hasValue("CN=x");
        assertThat(sent.get(2).message().bool("leases")).isTrue();
        assertThat(sent.get(2).message().string("name")).hasValue("p");
        assertThat(sent.get(3).message().string("name")).hasValue("ca");
        assertThat(sent.get(4).message().string("peer-ip")).hasValue("192.0.2.9");
        assertThat(sent.get(4).message().string("gateway")).hasValue("192.0.2.3");
        assertThat(sent.get(5).message().string("ike")).hasValue("gw");
    }

    @Test
    void rawAndPrettyPrintJsonLikeSwanctlsRawDump() {
        charon.respond("stats", ViciSection.builder().add("scheduled", "0").build());
        assertThat(vici("stats", "-P").out()).isEqualTo(vici("stats", "-o", "json").out()).contains("\"scheduled\"");
        assertThat(vici("stats", "--raw").out()).contains("\"scheduled\": \"0\"");
    }

    @Test
    void swanctlsSpellingOfACommandAnswersWithVicis() {
        Result r = vici("--list-sas", "-i", "gw");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vici: '--list-sas' is swanctl's spelling; vici's commands have no dashes:"
                + " vici list-sas -i gw (see 'vici --help')\n");
        assertThat(vici("--monitor-sa").err()).contains("vici monitor");
        assertThat(vici("--list-conns").err()).contains("vici list-conns");
        assertThat(vici("--initiate", "--child", "net").err()).contains("vici initiate --child net");
    }

    @Test
    void parameterErrorsAreInVicisWords() {
        assertThat(vici("list-sa").err()).isEqualTo("vici: unknown command 'list-sa'; did you mean list-sas or"
                + " list-algs or list-pools? (see 'vici --help')\n");
        assertThat(vici("list-sas", "--ike-id", "x").err()).isEqualTo("vici: invalid value 'x' for --ike-id:"
                + " expected a whole number (ID) (see 'vici list-sas --help')\n");
        assertThat(vici("list-sas", "--ike").err()).isEqualTo("vici: option --ike needs a value (NAME)"
                + " (see 'vici list-sas --help')\n");
        assertThat(vici("list-sas", "extra").err()).isEqualTo("vici: unexpected argument 'extra' for 'vici list-sas'"
                + " (see 'vici list-sas --help')\n");
        assertThat(vici("list-sas", "-o", "xml").err()).isEqualTo("vici: invalid value 'xml' for --output:"
                + " expected one of table, json, yaml (see 'vici list-sas --help')\n");
        assertThat(vici("validate").err()).isEqualTo("vici: 'vici validate' needs --file FILE|DIR"
                + " (see 'vici validate --help')\n");
        assertThat(vici("list-sas", "-i", "a", "--ike", "b").err()).isEqualTo("vici: option --ike is given more"
                + " than once; give it once (see 'vici list-sas --help')\n");
        for (String[] args : List.of(new String[] {"list-sa"}, new String[] {"list-sas", "--ike-id", "x"},
                new String[] {"terminate"}, new String[] {"list-sas", "--bogus"}, new String[] {"stats", "1"})) {
            Result r = vici(args);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).doesNotContain("Unmatched", "is not a long", "Missing required", "Unknown option",
                    "Error:", "index");
        }
    }

    @Test
    void listCertsRefusesAnUnknownTypeOrFlagBeforeAskingCharon() {
        Result type = vici("list-certs", "-t", "bogus", "-o", "json");
        assertThat(type.exit()).isEqualTo(2);
        assertThat(type.err()).isEqualTo("vici: unknown certificate type 'bogus': use X509, X509_AC, X509_CRL,"
                + " OCSP_RESPONSE, PUBKEY or ANY\n");
        Result flag = vici("list-certs", "-f", "root", "-o", "json");
        assertThat(flag.exit()).isEqualTo(2);
        assertThat(flag.err()).contains("unknown certificate flag 'root': use NONE, CA, AA, OCSP or ANY");
        assertThat(charon.requests()).isEmpty();
    }

    @Test
    void rekeysHelpSaysRekey() {
        String help = vici("rekey", "--help").out();
        assertThat(help).contains("Rekey the CHILD_SAs of this configuration").doesNotContain("Terminate");
        assertThat(vici("terminate", "--help").out()).contains("Terminate the CHILD_SAs of this configuration");
    }

    @Test
    void commandsThatDoNotContactCharonDoNotOfferUriOrTimeout() {
        for (String cmd : List.of("validate", "status", "completion")) {
            assertThat(vici(cmd, "--help").out()).as(cmd).doesNotContain("--uri=").doesNotContain("--timeout=");
        }
        Result r = vici("status", "--uri", "unix:///x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option '--uri' for 'vici status'");
        assertThat(vici("list-sas", "--help").out()).contains("--uri").contains("--timeout");
    }

    @Test
    void anUnreachableTcpAddressExitsThreeSayingSoWithoutClassNames() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String uri = "tcp://127.0.0.1:" + port;
        Result refused = CliRunner.run(null, "--uri", uri, "list-sas");
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).startsWith("vici: cannot connect to " + uri).hasLineCount(1);
        // 192.0.2.0/24 (TEST-NET-1) outside the lab: no answer, or no route
        Result silent = CliRunner.run(null, "--uri", "tcp://192.0.2.254:4502", "--timeout", "1s", "list-sas");
        assertThat(silent.exit()).as(silent.toString()).isEqualTo(3);
        assertThat(silent.err()).startsWith("vici: cannot connect to tcp://192.0.2.254:4502").hasLineCount(1);
        for (Result r : List.of(refused, silent)) {
            assertThat(r.err()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+")
                    .doesNotContain("Exception").doesNotContain(": /");
        }
    }

    @Test
    void everyExitCodeIsDocumentedInHelpAndInDocs() throws IOException {
        String help = vici("--help").out();
        Path doc = Path.of("..", "docs", "cli.md");
        String md = Files.readString(doc);
        Matcher table = Pattern.compile("\\| (\\d+) \\| ").matcher(md.substring(md.indexOf("## Exit codes and errors")));
        StringBuilder documented = new StringBuilder();
        while (table.find()) {
            documented.append(table.group(1)).append(' ');
        }
        assertThat(documented.toString().strip()).isEqualTo("0 1 2 3 4 130");
        for (int code : new int[] {ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, ExitCode.CONNECTION,
            ExitCode.TIMEOUT, ExitCode.INTERRUPTED}) {
            assertThat(help).containsPattern("(?m)^  " + code + " +\\S");
        }
    }

    @Test
    void readmesSetUpCommandsRunInARootShellWithoutSudo() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String setUp = readme.substring(readme.indexOf("## Set-up"), readme.indexOf("## The lab"));
        Matcher blocks = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(setUp);
        List<String> commands = new java.util.ArrayList<>();
        while (blocks.find()) {
            commands.addAll(blocks.group(1).lines().toList());
        }
        assertThat(commands).containsExactly("scripts/demo.sh", "scripts/test.sh");
        assertThat(setUp).contains("run as root");
    }
}
