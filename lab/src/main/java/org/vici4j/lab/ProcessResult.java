package org.vici4j.lab;

/** What a command run by the lab printed, and how it exited. */
public record ProcessResult(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Standard output followed by standard error. */
    public String output() {
        return stdout + stderr;
    }
}
