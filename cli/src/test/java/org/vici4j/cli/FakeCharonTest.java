package org.vici4j.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.vici4j.cli.CliRunner.Result;
import org.vici4j.cli.testing.FakeCharon;
import org.vici4j.client.message.ViciSection;

/**
 * Base of the tests that run {@code vici} in-process against a fresh {@link FakeCharon} per test: the fake,
 * {@link #vici} and the answers most commands get.
 */
abstract class FakeCharonTest {

    FakeCharon charon;

    @BeforeEach
    void startFakeCharon() {
        charon = FakeCharon.start();
    }

    @AfterEach
    void stopFakeCharon() {
        charon.close();
    }

    /** Runs {@code vici ARGS} against the fake charon. */
    Result vici(String... args) {
        return CliRunner.run(charon.uri(), args);
    }

    /** @return a {@code success = yes} answer */
    static ViciSection ok() {
        return ViciSection.builder().add("success", true).build();
    }

    /** @return a {@code success = no} answer with {@code errmsg} */
    static ViciSection failed(String errmsg) {
        return ViciSection.builder().add("success", false).add("errmsg", errmsg).build();
    }
}
