package org.vici4j.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.vici4j.client.BlockingViciClient;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.RawEventConsumer;
import org.vici4j.client.ViciClientOptions;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.message.ViciSection;

/**
 * {@code vici list-sas} without picocli: the listing of a one-shot process whose start-up is most of its run
 * (picocli builds its command model by reflection, a few hundred classes before the first request). Only the
 * plain forms are taken: {@code list-sas} with {@code --uri}, {@code -o table|json} ({@code --output}),
 * {@code -r}/{@code --raw}, {@code -P}/{@code --pretty} and list-sas's own options, each at most once; anything
 * else (help, {@code --debug}, {@code --timeout}, YAML, a repeated or malformed option, a bad URI) goes the usual
 * way, through {@link ListSasCommand}, which also says what is wrong. What is taken here prints what
 * {@link ListSasCommand} prints, byte for byte, with the same writers, messages and exit codes: the same request,
 * the same {@link SaFormat} layout and {@link Json}'s text, errors through {@link ErrorHandling}. The events are
 * read as charon sends them ({@link BlockingViciClient#streamedRaw}) and rendered from their bytes
 * ({@link WireJson}, {@link WireTable}) while charon produces the next ones; the output is printed once the
 * listing has succeeded.
 */
public final class QuickListSas {

    private static final Set<String> FLAGS = Set.of("list-sas", "raw", "pretty", "noblock");
    /** what may come before the command */
    private static final Set<String> GLOBAL = Set.of("list-sas", "uri", "output", "raw", "pretty");

    /** The request: list-sas's options, in the order {@link ListSasCommand} adds them. */
    private String uri;
    private Format format = Format.TABLE;
    private boolean noblock;
    private String ike;
    private Long ikeId;
    private String child;
    private Long childId;

    private QuickListSas() {
    }

    /**
     * Runs {@code args} if they are a plain {@code list-sas} (see the class comment).
     *
     * @param env the environment ({@code VICI_URI})
     * @param out where the listing goes (stdout)
     * @param err where an error goes (stderr)
     * @return the exit code, or null if {@code args} are not taken here (nothing was done)
     */
    public static Integer run(String[] args, Map<String, String> env, OutputStream out, OutputStream err) {
        QuickListSas q = parse(args);
        if (q == null) {
            return null;
        }
        String uri = q.uri != null && !q.uri.isBlank() ? q.uri : env.get("VICI_URI");
        if (uri == null || uri.isBlank()) {
            uri = ViciClientOptions.DEFAULT_URI;
        }
        ViciClientOptions options;
        try {
            options = ViciClientOptions.builder().uri(uri).requestTimeout(OneShotClient.DEFAULT_TIMEOUT)
                    .threadNamePrefix("vici").build();
        } catch (IllegalArgumentException e) {
            return null; // a usage error: said by the command line as for any command
        }
        return q.execute(options, uri, out, charset("sun.stdout.encoding"), err);
    }

    /** @return the request {@code args} name, or null if they are not a plain list-sas */
    static QuickListSas parse(String[] args) {
        QuickListSas q = new QuickListSas();
        boolean command = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            if (eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            String key = switch (a) { // picocli's option names, each alias to one key
                case "--uri" -> "uri";
                case "-o", "--output" -> "output";
                case "-r", "--raw" -> "raw";
                case "-P", "--pretty" -> "pretty";
                case "-n", "--noblock" -> "noblock";
                case "-i", "--ike" -> "ike";
                case "-I", "--ike-id" -> "ike-id";
                case "-c", "--child" -> "child";
                case "-C", "--child-id" -> "child-id";
                case "list-sas" -> "list-sas";
                default -> null;
            };
            if (key == null || !seen.add(key)) {
                return null; // not for here, or given twice (the command line refuses that)
            }
            if (FLAGS.contains(key)) {
                if (value != null) {
                    return null;
                }
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                    return null;
                }
                value = args[++i];
            }
            if (!GLOBAL.contains(key) && !command) {
                return null; // list-sas's options before the command: the command line says so
            }
            switch (key) {
                case "list-sas" -> command = true;
                case "uri" -> q.uri = value;
                case "output" -> {
                    String f = value.toLowerCase(Locale.ROOT);
                    if (f.equals("json")) {
                        q.format = Format.JSON;
                    } else if (f.equals("table")) {
                        q.format = Format.TABLE;
                    } else {
                        return null; // YAML, or not a format
                    }
                }
                case "raw", "pretty" -> q.format = Format.JSON; // applied in order, as the command line does
                case "noblock" -> q.noblock = true;
                case "ike" -> q.ike = value;
                case "child" -> q.child = value;
                default -> { // ike-id, child-id
                    Long id;
                    try {
                        id = Long.valueOf(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    if (key.equals("ike-id")) {
                        q.ikeId = id;
                    } else {
                        q.childId = id;
                    }
                }
            }
        }
        return command ? q : null;
    }

    /** The request {@link ListSasCommand} sends for the same options. */
    ListSasRequest request() {
        return new ListSasRequest(noblock, ike, ikeId, child, childId);
    }

    /** @return the output format asked for */
    Format format() {
        return format;
    }

    private int execute(ViciClientOptions options, String uri, OutputStream out, Charset charset, OutputStream err) {
        try (BlockingViciClient client = BlockingViciClient.connect(options)) {
            if (format == Format.JSON && WireJson.writesAscii(charset)) {
                WireJson json = new WireJson(ViciLimits.DEFAULT, charset, 2 << 20);
                list(client, options, json);
                byte[] text = json.finish(System.lineSeparator());
                out.write(text, 0, json.size());
                out.flush();
            } else if (format == Format.TABLE) {
                TextBuffer buffer = new TextBuffer(768 * 1024);
                PrintWriter table = new PrintWriter(buffer);
                list(client, options, new WireTable(table, ViciLimits.DEFAULT));
                table.flush();
                PrintWriter w = writer(out, charset);
                w.write(buffer.toString());
                w.flush();
            } else {
                JsonRenderer json = new JsonRenderer();
                list(client, options, json);
                PrintWriter w = writer(out, charset);
                w.write(json.finish());
                w.flush();
            }
        } catch (RuntimeException e) {
            PrintWriter w = writer(err, charset("sun.stderr.encoding"));
            w.println("vici: " + ErrorHandling.message(e, uri));
            w.flush();
            return ErrorHandling.exitCode(e);
        } catch (IOException e) {
            return 0; // stdout is gone (a closed pipe): as the command line, whose PrintWriter swallows it
        }
        return 0;
    }

    /** {@code list-sas} as {@link ListSasCommand} sends it, its events to {@code onEvent}, its answer checked. */
    private void list(BlockingViciClient client, ViciClientOptions options, RawEventConsumer onEvent) {
        ViciSection response = client.streamedRaw("list-sas", request().toMessage(), "list-sa", onEvent,
                options.requestTimeout());
        CommandFailedException.check("list-sas", response, List.of()); // as the typed command checks it
    }

    /**
     * The JSON as text, for an output whose charset does not write ASCII as ASCII: each {@code list-sa} event decoded
     * as it arrives and added to {@link JsonText}.
     */
    private static final class JsonRenderer implements RawEventConsumer {
        private final StringBuilder text = new StringBuilder(256 * 1024);
        private final JsonText json = new JsonText(text);

        @Override
        public void accept(byte[] packet, int offset, int length) {
            json.add(ViciDecoder.decode(packet, offset, length, ViciLimits.DEFAULT).message());
        }

        /** @return the whole output */
        String finish() {
            json.end();
            return text.append(System.lineSeparator()).toString();
        }
    }

    /** A writer into a {@link StringBuilder}: {@link java.io.StringWriter}'s, without its synchronised buffer. */
    private static final class TextBuffer extends Writer {
        private final StringBuilder text;

        TextBuffer(int capacity) {
            text = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            text.append(s, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The charset the command line would write with: the stream's encoding property, else the default. */
    private static Charset charset(String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        try {
            return name == null ? Charset.defaultCharset()
                    : Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** The writer the command line would use. */
    private static PrintWriter writer(OutputStream stream, Charset charset) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
}
