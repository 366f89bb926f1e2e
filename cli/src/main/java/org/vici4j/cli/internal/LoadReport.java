package org.vici4j.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vici4j.client.message.ViciSection;

/**
 * What a loading command ({@code load-all}, {@code load-conns}, ...) did, per kind ({@code conns}, {@code pools},
 * {@code authorities}, {@code certs}, {@code keys}, {@code shared}): the names loaded, the names unloaded, and the
 * names that failed with the reason. It holds names, file paths and key ids, never a secret. Printed by
 * {@code -o json|yaml}.
 */
final class LoadReport {

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    private static final class Kind {
        final List<String> loaded = new ArrayList<>();
        final List<String> unloaded = new ArrayList<>();
        final Map<String, String> failed = new LinkedHashMap<>();
    }

    /** Makes {@code kind} part of the report, even if nothing of it is loaded, unloaded or failed. */
    void kind(String kind) {
        kinds.computeIfAbsent(kind, k -> new Kind());
    }

    void loaded(String kind, String name) {
        kinds.computeIfAbsent(kind, k -> new Kind()).loaded.add(name);
    }

    void unloaded(String kind, String name) {
        kinds.computeIfAbsent(kind, k -> new Kind()).unloaded.add(name);
    }

    void failed(String kind, String name, String reason) {
        kinds.computeIfAbsent(kind, k -> new Kind()).failed.put(name, reason);
    }

    /** @return {@code {KIND = {loaded = [...], unloaded = [...], failed = {NAME = REASON}}}} */
    ViciSection toMessage() {
        ViciSection.Builder b = ViciSection.builder();
        for (Map.Entry<String, Kind> e : kinds.entrySet()) {
            Kind k = e.getValue();
            b.beginSection(e.getKey()).addList("loaded", k.loaded).addList("unloaded", k.unloaded)
                    .beginSection("failed");
            k.failed.forEach(b::add);
            b.endSection().endSection();
        }
        return b.build();
    }
}
