package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command-line errors in vici's words: what is wrong, where, and how to fix it, instead of picocli's
 * phrasing ("Unmatched argument at index 0", "is not a long").
 */
final class UsageMessages {

    /** swanctl's commands whose vici command has another name. */
    private static final java.util.Map<String, String> SWANCTL_RENAMED = java.util.Map.of(
            "monitor-sa", "monitor", "list-policies", "list-pols");

    private UsageMessages() {
    }

    /** @return the message for {@code ex}, without the "vici: " prefix and the help pointer */
    static String of(CommandLine.ParameterException ex, String[] args) {
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            return unmatched(u, command, args);
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            return missing(m, command);
        }
        if (ex instanceof CommandLine.MutuallyExclusiveArgsException) {
            return "give only one of " + optionsIn(ex.getMessage(), ex.getCommandLine()) + " to '" + command + "'";
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o) {
            return "option " + name(o.getOverwritten()) + " is given more than once; give it once";
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getValue() != null && ex.getMessage() != null
                && ex.getMessage().startsWith("Invalid value")) {
            return "invalid value '" + ex.getValue() + "' for " + name(arg) + ": " + expected(arg, ex);
        }
        String msg = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
        return msg.startsWith("Error: ") ? msg.substring("Error: ".length()) : msg;
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException u, String command, String[] args) {
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        String swanctl = first.startsWith("--") ? swanctlCommand(first.substring(2)) : null;
        if (swanctl != null) {
            List<String> fixed = new ArrayList<>();
            for (String a : args) {
                fixed.add(a.equals(first) ? swanctl : a);
            }
            return "'" + first + "' is swanctl's spelling; vici's commands have no dashes: vici "
                    + String.join(" ", fixed);
        }
        String hint = suggestions(u);
        if (first.startsWith("-")) {
            return "unknown option '" + first + "' for '" + command + "'" + hint;
        }
        if (u.getCommandLine().getParent() == null) {
            return "unknown command '" + first + "'" + hint;
        }
        return "unexpected argument '" + first + "' for '" + command + "'" + hint;
    }

    /** @return the vici command for swanctl's {@code --NAME}, or null */
    private static String swanctlCommand(String name) {
        String renamed = SWANCTL_RENAMED.get(name);
        if (renamed != null) {
            return renamed;
        }
        return RootCommand.COMMANDS.containsKey(name) && !name.equals("help") ? name : null;
    }

    private static String suggestions(CommandLine.UnmatchedArgumentException u) {
        List<String> s = u.getSuggestions();
        if (s.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?";
    }

    private static String missing(CommandLine.MissingParameterException m, String command) {
        List<ArgSpec> missing = m.getMissing();
        String msg = m.getMessage() == null ? "" : m.getMessage();
        if (missing != null && missing.size() == 1 && msg.contains("for option")) {
            ArgSpec a = missing.get(0);
            return "option " + name(a) + " needs a value (" + a.paramLabel() + ")";
        }
        if (msg.contains("specify one of these")) {
            return "'" + command + "' needs one of " + optionsIn(msg, m.getCommandLine());
        }
        List<String> names = new ArrayList<>();
        if (missing != null) {
            for (ArgSpec a : missing) {
                names.add(a.isOption() ? name(a) + (a.typeInfo().isBoolean() ? "" : " " + a.paramLabel())
                        : a.paramLabel());
            }
        }
        return names.isEmpty() ? msg.replace("Error: ", "")
                : "'" + command + "' needs " + String.join(" and ", names);
    }

    /** @return "--child, --ike or --ike-id" from picocli's "(--child=NAME | --ike=NAME | ...)" */
    private static String optionsIn(String msg, CommandLine cl) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-{1,2}[A-Za-z][\\w-]*)").matcher(msg);
        while (m.find()) {
            OptionSpec o = cl.getCommandSpec().findOption(m.group(1));
            String n = o == null ? m.group(1) : o.longestName();
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        java.util.Collections.sort(names); // picocli's order of a group's setter options varies from run to run
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }

    private static String expected(ArgSpec arg, CommandLine.ParameterException ex) {
        Class<?> type = arg.type();
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "expected a whole number" + (arg.paramLabel().isEmpty() ? "" : " (" + arg.paramLabel() + ")");
        }
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                values.add(c.toString().toLowerCase(Locale.ROOT));
            }
            return "expected one of " + String.join(", ", values);
        }
        String msg = ex.getMessage();
        int colon = msg.indexOf("': ");
        return colon < 0 ? msg : msg.substring(colon + 3);
    }
}
