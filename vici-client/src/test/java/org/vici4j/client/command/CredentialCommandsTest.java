package org.vici4j.client.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vici4j.client.command.TestSupport.done;
import static org.vici4j.client.command.TestSupport.failure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.vici4j.client.CommandFailedException;
import org.vici4j.client.message.ViciSection;

class CredentialCommandsTest {

    private final FakeCommands vici = new FakeCommands();

    @Test
    void loadSharedEncodesLikeTheRequestCharonAccepted() {
        Fixtures.Capture capture = Fixtures.capture("load-shared");
        vici.answer(capture);

        done(vici.loadShared(LoadSharedRequest.ikePsk("extra", "t0ps3cret", "c", "d")));

        assertThat(vici.last().command()).isEqualTo("load-shared");
        assertThat(vici.last().message()).isEqualTo(capture.request());
    }

    @Test
    void loadSharedSendsBinarySecretsUnchanged() {
        byte[] secret = {0, (byte) 0xff, 0x10};
        ViciSection msg = new LoadSharedRequest(null, SharedKeyType.EAP, secret, List.of()).toMessage();

        assertThat(msg.keys()).containsExactly("type", "data", "owners");
        assertThat(msg.string("type")).contains("EAP");
        assertThat(((org.vici4j.client.message.ViciValue) msg.get("data").orElseThrow()).bytes()).isEqualTo(secret);
        assertThat(msg.list("owners")).isEmpty();
        assertThat(SharedKeyType.PPK.wireName()).isEqualTo("PPK");
    }

    @Test
    void secretsNeverAppearInToString() {
        LoadSharedRequest shared = LoadSharedRequest.ikePsk("ike-1", "t0ps3cret", "a", "b");
        LoadKeyRequest key = new LoadKeyRequest(PrivateKeyType.ECDSA,
                "-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(shared.toString()).doesNotContain("t0ps3cret").contains("<redacted>").contains("ike-1")
                .contains("[a, b]");
        assertThat(key.toString()).doesNotContain("SECRETKEYMATERIAL").doesNotContain("PRIVATE").contains("ECDSA");
        assertThat(shared.toMessage().toString()).doesNotContain("t0ps3cret");
    }

    @Test
    void requestCopiesTheSecretSoTheCallerMayWipeIt() {
        byte[] secret = "abc".getBytes(StandardCharsets.UTF_8);
        LoadSharedRequest r = new LoadSharedRequest("x", SharedKeyType.IKE, secret, List.of("a"));
        java.util.Arrays.fill(secret, (byte) 0);

        assertThat(r.data()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(r).isEqualTo(LoadSharedRequest.ikePsk("x", "abc", "a"));
    }

    @Test
    void loadSharedValidation() {
        assertThatThrownBy(() -> new LoadSharedRequest("x", SharedKeyType.IKE, new byte[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> LoadSharedRequest.ikePsk("x", "s", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
    }

    @Test
    void loadSharedFailureCarriesErrmsgButNotTheSecret() {
        vici.answer(Fixtures.capture("load-shared-bad"));

        CommandFailedException e = failure(vici.loadShared(LoadSharedRequest.ikePsk("x", "t0ps3cret")),
                CommandFailedException.class);

        assertThat(e.errmsg()).isEqualTo("invalid shared key type: bogus");
        assertThat(e.getMessage()).doesNotContain("t0ps3cret");
        assertThat(e.response().toString()).doesNotContain("t0ps3cret");
    }

    /**
     * Unloads with {@code unload} and then lists with {@code get}, charon answering each with its capture; checks
     * that the unload request is the one charon accepted.
     *
     * @return the listed names
     */
    private NameList unloadThenGet(String unloadCapture, Function<FakeCommands, CompletableFuture<?>> unload,
            String getCapture, Function<FakeCommands, CompletableFuture<NameList>> get) {
        Fixtures.Capture captured = Fixtures.capture(unloadCapture);
        vici.answer(captured);
        vici.answer(Fixtures.capture(getCapture));

        done(unload.apply(vici));
        assertThat(vici.last().message()).isEqualTo(captured.request());
        return done(get.apply(vici));
    }

    @Test
    void unloadAndGetShared() {
        NameList keys = unloadThenGet("unload-shared", v -> v.unloadShared("extra"), "get-shared",
                FakeCommands::getShared);
        assertThat(keys.names()).containsExactly("ike-1");
        assertThat(keys.contains("ike-1")).isTrue();
    }

    @Test
    void getSharedEmptyAndMissingList() {
        vici.answer(Fixtures.capture("get-shared-empty"));
        assertThat(done(vici.getShared()).names()).isEmpty();
        vici.answer("get-shared", ViciSection.empty());
        assertThat(done(vici.getShared()).names()).isEmpty();
    }

    @Test
    void loadKeyReturnsKeyIdAndEncodesTypeAndData() {
        vici.answer(Fixtures.capture("load-key"));
        byte[] pem = "-----BEGIN PRIVATE KEY-----\n...".getBytes(StandardCharsets.US_ASCII);

        LoadKeyResult r = done(vici.loadKey(new LoadKeyRequest(PrivateKeyType.ECDSA, pem)));

        assertThat(r.id()).isEqualTo("42a3697e0c39f38a766128cce9e97de8b3938148");
        assertThat(vici.last().message().keys()).containsExactly("type", "data");
        assertThat(vici.last().message().string("type")).contains("ecdsa");
        assertThat(vici.last().message().string("type"))
                .isEqualTo(Fixtures.capture("load-key").request().string("type"));
    }

    @Test
    void unloadAndGetKeys() {
        NameList keys = unloadThenGet("unload-key", v -> v.unloadKey("42a3697e0c39f38a766128cce9e97de8b3938148"),
                "get-keys", FakeCommands::getKeys);
        assertThat(keys.names()).containsExactly("42a3697e0c39f38a766128cce9e97de8b3938148");
    }

    @Test
    void unloadKeyNotFoundFails() {
        vici.answer("unload-key", ViciSection.builder().add("success", "no").add("errmsg", "key not found").build());

        assertThat(failure(vici.unloadKey("00"), CommandFailedException.class).errmsg()).isEqualTo("key not found");
    }

    @Test
    void loadCertEncodesLikeTheRequestCharonAccepted() {
        Fixtures.Capture capture = Fixtures.capture("load-cert");
        vici.answer(capture);
        byte[] pem = capture.request().string("data").orElseThrow().getBytes(StandardCharsets.US_ASCII);

        done(vici.loadCert(LoadCertRequest.x509(CertFlag.CA, pem)));

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThat(new LoadCertRequest(CertType.X509_CRL, null, pem).toMessage().keys()).containsExactly("type",
                "data");
        assertThat(LoadCertRequest.x509(CertFlag.CA, pem).toString()).contains(pem.length + " bytes")
                .doesNotContain("BEGIN");
        assertThatThrownBy(() -> new LoadCertRequest(CertType.ANY, null, pem))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ANY");
    }

    @Test
    void flushCertsAndClearCreds() {
        Fixtures.Capture flush = Fixtures.capture("flush-certs");
        vici.answer(flush);
        vici.answer(Fixtures.capture("clear-creds"));

        done(vici.flushCerts(CertType.X509_CRL));
        assertThat(vici.last().message()).isEqualTo(flush.request());
        done(vici.flushCerts());
        assertThat(vici.last().message().isEmpty()).isTrue();
        done(vici.clearCreds());
        assertThat(vici.last().command()).isEqualTo("clear-creds");
    }

    @Test
    void loadAuthorityBuilderEncodesLikeTheRequestCharonAccepted() {
        Fixtures.Capture capture = Fixtures.capture("load-authority");
        vici.answer(capture);
        byte[] pem = capture.request().section("vici4j-ca").orElseThrow().string("cacert").orElseThrow()
                .getBytes(StandardCharsets.US_ASCII);

        done(vici.loadAuthority(LoadAuthorityRequest.builder("vici4j-ca").cacert(pem)
                .crlUris("http://crl.example.org/ca.crl").ocspUris("http://ocsp.example.org")
                .certUriBase("http://certs.example.org/").build()));

        assertThat(vici.last().message()).isEqualTo(capture.request());
    }

    @Test
    void unloadAuthority() {
        Fixtures.Capture capture = Fixtures.capture("unload-authority");
        vici.answer(capture);

        done(vici.unloadAuthority("vici4j-ca"));

        assertThat(vici.last().message()).isEqualTo(capture.request());
        assertThatThrownBy(() -> vici.unloadAuthority("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authority name");
    }
    @Test
    void loadTokenEncodesHandleSlotModuleAndPinInTheSpecOrder() {
        vici.answer("load-token", ViciSection.builder().add("success", "yes").add("id", "8a4f").build());
        byte[] pin = "1234".getBytes(StandardCharsets.UTF_8);

        LoadKeyResult r = done(vici.loadToken(new LoadTokenRequest("0a1b2c", 4L, "softhsm", pin)));

        assertThat(vici.last().command()).isEqualTo("load-token");
        assertThat(vici.last().message()).isEqualTo(ViciSection.builder().add("handle", "0a1b2c").add("slot", "4")
                .add("module", "softhsm").add("pin", pin).build());
        assertThat(r.id()).isEqualTo("8a4f");
        assertThat(LoadTokenRequest.handle("0a1b2c").toMessage())
                .isEqualTo(ViciSection.builder().add("handle", "0a1b2c").build());
    }

    @Test
    void loadTokenNeverShowsThePin() {
        vici.answer("load-token", ViciSection.builder().add("success", "no")
                .add("errmsg", "loading private key from token failed").build());
        LoadTokenRequest req = new LoadTokenRequest("0a1b2c", null, null, "s3cr3tpin".getBytes(StandardCharsets.UTF_8));

        CommandFailedException e = failure(vici.loadToken(req), CommandFailedException.class);

        assertThat(req.toString()).doesNotContain("s3cr3tpin").contains("<redacted>");
        assertThat(e.getMessage()).doesNotContain("s3cr3tpin").contains("load-token")
                .contains("loading private key from token failed");
        assertThat(req).isEqualTo(new LoadTokenRequest("0a1b2c", null, null,
                "s3cr3tpin".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> new LoadTokenRequest(" ", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handle");
        assertThatThrownBy(() -> new LoadTokenRequest("0a", -1L, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot");
    }

    @Test
    void getSharedAnsweredSuccessNoFailsInsteadOfListingNothing() {
        vici.answer("get-shared", ViciSection.builder().add("success", "no").add("errmsg", "unknown request")
                .build());

        CommandFailedException e = failure(vici.getShared(), CommandFailedException.class);

        assertThat(e.command()).isEqualTo("get-shared");
        assertThat(e.errmsg()).isEqualTo("unknown request");
    }
}
