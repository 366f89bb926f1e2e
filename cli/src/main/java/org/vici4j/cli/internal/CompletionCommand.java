package org.vici4j.cli.internal;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code vici completion}: bash/zsh completion script. */
@Command(name = "completion", description = {
    "Print a bash/zsh completion script for vici.",
    "bash: source <(vici completion)   zsh: autoload -U +X bashcompinit && bashcompinit && source <(vici completion)"})
public final class CompletionCommand extends BaseCommand {

    @Override
    protected int execute() {
        out().print(AutoComplete.bash("vici", spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
