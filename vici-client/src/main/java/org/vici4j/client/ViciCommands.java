package org.vici4j.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.vici4j.client.command.Algorithms;
import org.vici4j.client.command.Authority;
import org.vici4j.client.command.CertType;
import org.vici4j.client.command.CertificateInfo;
import org.vici4j.client.command.CommandResult;
import org.vici4j.client.command.Connection;
import org.vici4j.client.command.Counters;
import org.vici4j.client.command.CountersRequest;
import org.vici4j.client.command.GetPoolsRequest;
import org.vici4j.client.command.IkeSa;
import org.vici4j.client.command.InitiateRequest;
import org.vici4j.client.command.ListCertsRequest;
import org.vici4j.client.command.ListPoliciesRequest;
import org.vici4j.client.command.ListSasRequest;
import org.vici4j.client.command.LoadAuthorityRequest;
import org.vici4j.client.command.LoadCertRequest;
import org.vici4j.client.command.LoadConnRequest;
import org.vici4j.client.command.LoadKeyRequest;
import org.vici4j.client.command.LoadKeyResult;
import org.vici4j.client.command.LoadPoolRequest;
import org.vici4j.client.command.LoadSharedRequest;
import org.vici4j.client.command.LoadTokenRequest;
import org.vici4j.client.command.LogMessage;
import org.vici4j.client.command.MatchesResult;
import org.vici4j.client.command.NameList;
import org.vici4j.client.command.Policy;
import org.vici4j.client.command.PolicyRequest;
import org.vici4j.client.command.Pool;
import org.vici4j.client.command.RedirectRequest;
import org.vici4j.client.command.RekeyRequest;
import org.vici4j.client.command.Stats;
import org.vici4j.client.command.TerminateRequest;
import org.vici4j.client.command.TerminateResult;
import org.vici4j.client.command.Version;
import org.vici4j.client.command.internal.Check;
import org.vici4j.client.command.internal.Results;
import org.vici4j.client.message.ViciSection;

/**
 * The VICI commands of charon: two raw primitives, implemented by the client, and typed
 * default methods built on them.
 *
 * <p>Typed methods return futures that fail with the exception itself (not wrapped in a
 * {@link java.util.concurrent.CompletionException}):
 * <ul>
 * <li>{@link CommandFailedException} when charon answers {@code success = no}, with charon's
 * {@code errmsg}, the {@code control-log} lines (initiate, terminate) and the raw response;</li>
 * <li>whatever the primitives fail with ({@link UnknownCommandException} if the daemon does not
 * know the command, {@link ViciTimeoutException}, {@link ConnectionLostException}, ...).</li>
 * </ul>
 * Results are records that tolerate missing and unknown keys and keep the raw message
 * ({@code raw()}). Invalid arguments fail fast with {@link IllegalArgumentException} or
 * {@link NullPointerException} before anything is sent.
 */
public interface ViciCommands {

    /**
     * Sends {@code command} with {@code message} and completes with the raw response. Does not
     * interpret {@code success}; fails with {@link UnknownCommandException},
     * {@link ViciTimeoutException}, {@link ConnectionLostException}, ...
     */
    CompletableFuture<ViciSection> request(String command, ViciSection message);

    /**
     * Registers {@code event}, sends the command, delivers each event in order to
     * {@code onEvent} (may be null) and collects them; completes after the response and the
     * unregister.
     */
    CompletableFuture<StreamedResponse> streamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent);

    /**
     * Like {@link #streamed}, but the events are not kept: each goes to {@code onEvent} only, and
     * the result's {@link StreamedResponse#events()} is empty, so memory stays flat however long
     * the stream (a {@code list-sas} of many thousand IKE_SAs). The client implements this without
     * collecting; this default, for other implementations of the two primitives, drops the
     * collected events at the end.
     */
    default CompletableFuture<StreamedResponse> forEachStreamed(String command, ViciSection message, String event,
            Consumer<ViciSection> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent");
        return streamed(command, message, event, onEvent)
                .thenApply(sr -> new StreamedResponse(sr.response(), List.of()));
    }

    // ---------------------------------------------------------------- daemon

    /** {@code version}: daemon name, strongSwan version, OS name/release/machine. */
    default CompletableFuture<Version> version() {
        return Results.plain(this, "version", ViciSection.empty(), Version::from);
    }

    /** {@code stats}: uptime, worker threads, job queues, IKE_SA counts, loaded plugins. */
    default CompletableFuture<Stats> stats() {
        return Results.plain(this, "stats", ViciSection.empty(), Stats::from);
    }

    /** {@code reload-settings}: reloads strongswan.conf and reloadable plugins. */
    default CompletableFuture<CommandResult> reloadSettings() {
        return Results.checked(this, "reload-settings", ViciSection.empty(), CommandResult::of);
    }

    // ---------------------------------------------------------------- control

    /** {@code initiate}, collecting the {@code control-log} lines into the result or the failure. */
    default CompletableFuture<CommandResult> initiate(InitiateRequest request) {
        return initiate(request, null);
    }

    /**
     * {@code initiate}: establishes a CHILD_SA (and its IKE_SA) or an IKE_SA; streams
     * {@code control-log} messages to {@code onLog} (may be null) as they arrive and collects
     * them as "[GROUP] msg" lines into the result or the {@link CommandFailedException}
     * (e.g. errmsg {@code establishing CHILD_SA 'net' failed}).
     */
    default CompletableFuture<CommandResult> initiate(InitiateRequest request, Consumer<? super LogMessage> onLog) {
        Objects.requireNonNull(request, "request");
        return Results.logged(this, "initiate", request.toMessage(), onLog,
                l -> new CommandResult(l.log(), l.response()));
    }

    /**
     * {@code initiate} as a plain request: no {@code control-log} is registered, so it costs one round trip instead
     * of three (register, command, unregister). Meant for {@code timeout = -1}
     * ({@link InitiateRequest.Builder#returnImmediately()}): charon answers at once and the outcome arrives as
     * {@code ike-updown}/{@code child-updown} events. Fails with {@link CommandFailedException} (without log lines)
     * when charon refuses at once, e.g. {@code CHILD_SA config 'net' not found}.
     */
    default CompletableFuture<CommandResult> initiateWithoutLog(InitiateRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "initiate", request.toMessage(), CommandResult::of);
    }

    /** {@code terminate}, collecting the {@code control-log} lines into the result or the failure. */
    default CompletableFuture<TerminateResult> terminate(TerminateRequest request) {
        return terminate(request, null);
    }

    /**
     * {@code terminate}: deletes IKE_SAs or CHILD_SAs; streams {@code control-log} messages to
     * {@code onLog} (may be null). Fails with {@link CommandFailedException} e.g. with errmsg
     * {@code no matching SAs to terminate found}.
     */
    default CompletableFuture<TerminateResult> terminate(TerminateRequest request,
            Consumer<? super LogMessage> onLog) {
        Objects.requireNonNull(request, "request");
        return Results.logged(this, "terminate", request.toMessage(), onLog,
                l -> TerminateResult.from(l.response(), l.log()));
    }

    /**
     * {@code terminate} as a plain request, without registering {@code control-log} (one round trip instead of
     * three); meant for {@code timeout = -1} ({@link TerminateRequest.Builder#returnImmediately()}). Fails with
     * {@link CommandFailedException} (without log lines) e.g. with errmsg {@code no matching SAs to terminate found}.
     */
    default CompletableFuture<TerminateResult> terminateWithoutLog(TerminateRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "terminate", request.toMessage(), r -> TerminateResult.from(r, List.of()));
    }

    /** {@code rekey}: starts rekeying (or reauthenticating) the matching SAs; does not wait for it. */
    default CompletableFuture<MatchesResult> rekey(RekeyRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "rekey", request.toMessage(), MatchesResult::from);
    }

    /** {@code redirect}: redirects matching IKEv2 SAs to another gateway. */
    default CompletableFuture<MatchesResult> redirect(RedirectRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "redirect", request.toMessage(), MatchesResult::from);
    }

    /** {@code install}: installs the trap, drop or bypass policy of a CHILD_SA configuration. */
    default CompletableFuture<CommandResult> install(PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "install", request.toMessage(), CommandResult::of);
    }

    /** {@code uninstall}: removes the trap, drop or bypass policy of a CHILD_SA configuration. */
    default CompletableFuture<CommandResult> uninstall(PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "uninstall", request.toMessage(), CommandResult::of);
    }

    // ---------------------------------------------------------------- listings

    /** {@code list-sas} of all IKE_SAs. */
    default CompletableFuture<List<IkeSa>> listSas() {
        return listSas(ListSasRequest.ALL);
    }

    /** {@code list-sas}: the IKE_SAs (with their CHILD_SAs) matching {@code request}. */
    default CompletableFuture<List<IkeSa>> listSas(ListSasRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.listing(this, "list-sas", request.toMessage(), "list-sa", IkeSa::fromEvent);
    }

    /**
     * {@code list-sas}, handing each IKE_SA to {@code onSa} as its {@code list-sa} event
     * arrives; completes with the number of IKE_SAs delivered.
     */
    default CompletableFuture<Long> listSas(ListSasRequest request, Consumer<? super IkeSa> onSa) {
        Objects.requireNonNull(request, "request");
        return Results.streaming(this, "list-sas", request.toMessage(), "list-sa", IkeSa::fromEvent, onSa);
    }

    /**
     * {@code list-sas}, handing each {@code list-sa} event to {@code onEvent} as charon sent it, for printers of
     * charon's own message (no {@link IkeSa} is built); completes with the number of events.
     */
    default CompletableFuture<Long> listSasEvents(ListSasRequest request, Consumer<? super ViciSection> onEvent) {
        Objects.requireNonNull(request, "request");
        return Results.streaming(this, "list-sas", request.toMessage(), "list-sa", List::of, onEvent);
    }

    /** {@code list-conns} of all loaded connections (from any backend). */
    default CompletableFuture<List<Connection>> listConns() {
        return listConns((String) null);
    }

    /** {@code list-conns}: the connection named {@code ike}, or all if {@code ike} is null. */
    default CompletableFuture<List<Connection>> listConns(String ike) {
        return Results.listing(this, "list-conns", ikeFilter(ike), "list-conn", Connection::fromEvent);
    }

    /** {@code list-conns} ({@code ike} may be null), handing each connection to {@code onConn}; completes with the count. */
    default CompletableFuture<Long> listConns(String ike, Consumer<? super Connection> onConn) {
        return Results.streaming(this, "list-conns", ikeFilter(ike), "list-conn", Connection::fromEvent, onConn);
    }

    /** {@code get-conns}: names of the connections loaded over vici. */
    default CompletableFuture<NameList> getConns() {
        return Results.plain(this, "get-conns", ViciSection.empty(), r -> NameList.from(r, "conns"));
    }

    /** {@code list-policies} of all trap, drop and bypass policies. */
    default CompletableFuture<List<Policy>> listPolicies() {
        return listPolicies(ListPoliciesRequest.ALL);
    }

    /** {@code list-policies}: installed trap, drop and bypass policies matching {@code request}. */
    default CompletableFuture<List<Policy>> listPolicies(ListPoliciesRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.listing(this, "list-policies", request.toMessage(), "list-policy", Policy::fromEvent);
    }

    /** {@code list-policies}, handing each policy to {@code onPolicy}; completes with the count. */
    default CompletableFuture<Long> listPolicies(ListPoliciesRequest request, Consumer<? super Policy> onPolicy) {
        Objects.requireNonNull(request, "request");
        return Results.streaming(this, "list-policies", request.toMessage(), "list-policy", Policy::fromEvent,
                onPolicy);
    }

    /** {@code list-certs} of all certificates. */
    default CompletableFuture<List<CertificateInfo>> listCerts() {
        return listCerts(ListCertsRequest.ALL);
    }

    /** {@code list-certs}: loaded certificates matching {@code request}. */
    default CompletableFuture<List<CertificateInfo>> listCerts(ListCertsRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.listing(this, "list-certs", request.toMessage(), "list-cert",
                CertificateInfo::fromEvent);
    }

    /** {@code list-certs}, handing each certificate to {@code onCert}; completes with the count. */
    default CompletableFuture<Long> listCerts(ListCertsRequest request, Consumer<? super CertificateInfo> onCert) {
        Objects.requireNonNull(request, "request");
        return Results.streaming(this, "list-certs", request.toMessage(), "list-cert",
                CertificateInfo::fromEvent, onCert);
    }

    /** {@code list-authorities} of all certification authorities. */
    default CompletableFuture<List<Authority>> listAuthorities() {
        return listAuthorities((String) null);
    }

    /** {@code list-authorities}: the authority named {@code name}, or all if null. */
    default CompletableFuture<List<Authority>> listAuthorities(String name) {
        return Results.listing(this, "list-authorities", nameFilter(name), "list-authority", Authority::fromEvent);
    }

    /** {@code list-authorities} ({@code name} may be null), handing each authority to {@code onAuthority}. */
    default CompletableFuture<Long> listAuthorities(String name, Consumer<? super Authority> onAuthority) {
        return Results.streaming(this, "list-authorities", nameFilter(name), "list-authority", Authority::fromEvent,
                onAuthority);
    }

    /**
     * {@code get-authorities}: names of the authorities loaded over vici; fails with {@link CommandFailedException}
     * if charon answers {@code success = no}.
     */
    default CompletableFuture<NameList> getAuthorities() {
        return Results.checked(this, "get-authorities", ViciSection.empty(), r -> NameList.from(r, "authorities"));
    }

    // ---------------------------------------------------------------- configuration

    /** {@code load-conn}: loads (or replaces) one connection. */
    default CompletableFuture<CommandResult> loadConn(LoadConnRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-conn", request.toMessage(), CommandResult::of);
    }

    /** {@code load-conn} of connection {@code name} with swanctl.conf-style {@code config}. */
    default CompletableFuture<CommandResult> loadConn(String name, ViciSection config) {
        return loadConn(new LoadConnRequest(name, config));
    }

    /** {@code unload-conn}: unloads the connection {@code name} (fails if it is unknown). */
    default CompletableFuture<CommandResult> unloadConn(String name) {
        return Results.checked(this, "unload-conn", named("connection name", name), CommandResult::of);
    }

    // ---------------------------------------------------------------- credentials

    /** {@code load-shared}: loads a shared secret (the secret never appears in logs or errors). */
    default CompletableFuture<CommandResult> loadShared(LoadSharedRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-shared", request.toMessage(), CommandResult::of);
    }

    /** {@code unload-shared}: unloads the shared secret with unique id {@code id}. */
    default CompletableFuture<CommandResult> unloadShared(String id) {
        return Results.checked(this, "unload-shared", ViciSection.builder().add("id", Check.value("id", id)).build(),
                CommandResult::of);
    }

    /**
     * {@code get-shared}: unique ids of the shared secrets loaded over vici; fails with
     * {@link CommandFailedException} if charon answers {@code success = no}.
     */
    default CompletableFuture<NameList> getShared() {
        return Results.checked(this, "get-shared", ViciSection.empty(), r -> NameList.from(r, "keys"));
    }

    /** {@code load-key}: loads a private key; the result carries its key id. */
    default CompletableFuture<LoadKeyResult> loadKey(LoadKeyRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-key", request.toMessage(), LoadKeyResult::from);
    }

    /** {@code unload-key}: unloads the private key with hex key id {@code id}. */
    default CompletableFuture<CommandResult> unloadKey(String id) {
        return Results.checked(this, "unload-key", ViciSection.builder().add("id", Check.value("id", id)).build(),
                CommandResult::of);
    }

    /**
     * {@code load-token}: loads a private key from a PKCS#11 token (the {@code pkcs11} plugin); the result carries
     * its key id, for {@link #unloadKey}. The PIN never appears in logs or errors.
     */
    default CompletableFuture<LoadKeyResult> loadToken(LoadTokenRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-token", request.toMessage(), LoadKeyResult::from);
    }

    /** {@code get-keys}: hex key ids of the private keys loaded over vici. */
    default CompletableFuture<NameList> getKeys() {
        return Results.plain(this, "get-keys", ViciSection.empty(), r -> NameList.from(r, "keys"));
    }

    /** {@code load-cert}: loads a certificate. */
    default CompletableFuture<CommandResult> loadCert(LoadCertRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-cert", request.toMessage(), CommandResult::of);
    }

    /** {@code flush-certs}: flushes the whole certificate cache. */
    default CompletableFuture<CommandResult> flushCerts() {
        return flushCerts(null);
    }

    /** {@code flush-certs}: flushes cached certificates of {@code type} (null = all). */
    default CompletableFuture<CommandResult> flushCerts(CertType type) {
        ViciSection msg = type == null ? ViciSection.empty()
                : ViciSection.builder().add("type", type.wireName()).build();
        return Results.checked(this, "flush-certs", msg, CommandResult::of);
    }

    /** {@code clear-creds}: unloads all credentials loaded over vici and flushes the cache. */
    default CompletableFuture<CommandResult> clearCreds() {
        return Results.checked(this, "clear-creds", ViciSection.empty(), CommandResult::of);
    }

    // ---------------------------------------------------------------- pools and authorities

    /** {@code load-pool}: loads (or updates) a virtual IP / attribute pool. */
    default CompletableFuture<CommandResult> loadPool(LoadPoolRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-pool", request.toMessage(), CommandResult::of);
    }

    /** {@code unload-pool}: unloads pool {@code name} (fails while it has online leases). */
    default CompletableFuture<CommandResult> unloadPool(String name) {
        return Results.checked(this, "unload-pool", named("pool name", name), CommandResult::of);
    }

    /** {@code get-pools} of all pools, without leases. */
    default CompletableFuture<List<Pool>> getPools() {
        return getPools(GetPoolsRequest.ALL);
    }

    /**
     * {@code get-pools}: the loaded pools, with leases if requested; fails with {@link CommandFailedException} if
     * charon answers {@code success = no}.
     */
    default CompletableFuture<List<Pool>> getPools(GetPoolsRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "get-pools", request.toMessage(), Pool::fromResponse);
    }

    /** {@code load-authority}: loads (or replaces) a certification authority. */
    default CompletableFuture<CommandResult> loadAuthority(LoadAuthorityRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "load-authority", request.toMessage(), CommandResult::of);
    }

    /** {@code unload-authority}: unloads the authority {@code name}. */
    default CompletableFuture<CommandResult> unloadAuthority(String name) {
        return Results.checked(this, "unload-authority", named("authority name", name), CommandResult::of);
    }

    // ---------------------------------------------------------------- algorithms and counters

    /** {@code get-algorithms}: loaded algorithms per type and the plugin implementing each. */
    default CompletableFuture<Algorithms> getAlgorithms() {
        return Results.plain(this, "get-algorithms", ViciSection.empty(), Algorithms::from);
    }

    /** {@code get-counters} of the global counters. */
    default CompletableFuture<Counters> getCounters() {
        return getCounters(CountersRequest.GLOBAL);
    }

    /**
     * {@code get-counters}: IKE event counters (counters plugin). Fails with
     * {@link CommandFailedException} ("no counters available (plugin missing?)") when the plugin
     * is not loaded.
     */
    default CompletableFuture<Counters> getCounters(CountersRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "get-counters", request.toMessage(), Counters::from);
    }

    /** {@code reset-counters}: resets global, one connection's or all counters. */
    default CompletableFuture<CommandResult> resetCounters(CountersRequest request) {
        Objects.requireNonNull(request, "request");
        return Results.checked(this, "reset-counters", request.toMessage(), CommandResult::of);
    }

    private static ViciSection named(String what, String name) {
        return ViciSection.builder().add("name", Check.value(what, name)).build();
    }

    private static ViciSection ikeFilter(String ike) {
        return ike == null ? ViciSection.empty()
                : ViciSection.builder().add("ike", Check.value("ike", ike)).build();
    }

    private static ViciSection nameFilter(String name) {
        return name == null ? ViciSection.empty()
                : ViciSection.builder().add("name", Check.value("name", name)).build();
    }
}
