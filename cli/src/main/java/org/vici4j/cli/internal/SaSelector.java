package org.vici4j.cli.internal;

import java.util.ListResourceBundle;

import picocli.CommandLine.Option;

/**
 * The SA a command acts on, exactly one of swanctl's {@code -c}, {@code -i}, {@code -C}, {@code -I}: a CHILD_SA or
 * IKE_SA by configuration name or unique id. A command declares it as an exclusive {@code @ArgGroup} and names its
 * verb for the help in a {@link Verb} resource bundle ({@code @Command(resourceBundle = ...)}).
 */
final class SaSelector {

    @Option(names = {"-c", "--child"}, paramLabel = "NAME", description = "${bundle:verb} the CHILD_SAs of this configuration.")
    String child;

    @Option(names = {"-i", "--ike"}, paramLabel = "NAME", description = "${bundle:verb} the IKE_SAs of this configuration.")
    String ike;

    @Option(names = {"-C", "--child-id"}, paramLabel = "ID", description = "${bundle:verb} the CHILD_SA with this unique id.")
    Long childId;

    @Option(names = {"-I", "--ike-id"}, paramLabel = "ID", description = "${bundle:verb} the IKE_SA with this unique id.")
    Long ikeId;

    /** The verb of a command's help ({@code verb}), e.g. "Rekey". */
    abstract static class Verb extends ListResourceBundle {
        private final String verb;

        Verb(String verb) {
            this.verb = verb;
        }

        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"verb", verb}};
        }
    }
}
