package org.vici4j.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** {@code --version}: vici4j's version, read from a resource filtered by Maven. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"vici (vici4j) " + version(), "Java " + System.getProperty("java.version")};
    }

    /** @return vici4j's version, e.g. 0.1.0 */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/vici4j/cli/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
