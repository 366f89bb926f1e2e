package org.vici4j.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vici4j.controller.config.ConnectionConfig;
import org.vici4j.controller.config.DesiredState;
import org.vici4j.controller.config.DesiredStateLoader;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * examples/kubernetes: every object read strictly into the Kubernetes object model of the fabric8 client (a field
 * the model does not know is an error, not an ignored extra), then the invariants the set-up relies on (see
 * docs/operations.md).
 */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("kubernetes");
    static final String SOCKET_DIR = "/run/vici";
    static final int HTTP_PORT = 9817;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonMapper MODEL = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @TempDir
    Path tmp;

    /** @return the documents of a YAML file, each as its tree */
    static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    /** Reads one object into its model class, strictly: unknown fields, anywhere in it, are errors. */
    static <T> T strictly(JsonNode doc, Class<T> type) throws Exception {
        T object = MODEL.readValue(JSON.writeValueAsString(doc), type);
        List<String> unknown = new ArrayList<>();
        unknownFields(object, doc.path("kind").asText(type.getSimpleName()), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError("fields the Kubernetes " + type.getSimpleName() + " model does not know: "
                    + unknown);
        }
        return object;
    }

    /**
     * The model keeps fields it does not know in each object's additionalProperties (a Jackson any-setter, which
     * FAIL_ON_UNKNOWN_PROPERTIES does not cover): collects them, with their paths, through the whole object.
     */
    static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                unknownFields(l.get(i), path + "[" + i + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
                    || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = g.invoke(o);
            String field = Character.toLowerCase(g.getName().charAt(3)) + g.getName().substring(4);
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                unknownFields(v, path + "." + field, out, seen);
            }
        }
    }

    static DaemonSet daemonSet() throws Exception {
        List<JsonNode> docs = documents(Files.readString(DIR.resolve("daemonset.yaml")));
        assertThat(docs).hasSize(1);
        return strictly(docs.get(0), DaemonSet.class);
    }

    static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static VolumeMount mount(Container c, String volume) {
        return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " does not mount " + volume));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    @Test
    void everyObjectReadsStrictlyIntoTheKubernetesModel() throws Exception {
        assertThat(daemonSet().getSpec().getTemplate().getSpec().getContainers()).hasSize(2);
        List<JsonNode> docs = documents(Files.readString(DIR.resolve("configmap.yaml")));
        assertThat(docs).extracting(d -> d.get("kind").asText()).containsExactly("Namespace", "ConfigMap",
                "ConfigMap");
        strictly(docs.get(0), Namespace.class);
        strictly(docs.get(1), ConfigMap.class);
        strictly(docs.get(2), ConfigMap.class);
    }

    @Test
    void theStrictReadRefusesAMisspeltFieldAtAnyDepth() throws Exception {
        String text = Files.readString(DIR.resolve("daemonset.yaml"));
        for (String[] typo : new String[][] {{"hostNetwork: true", "hostNetwrok: true"},
                {"readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true"},
                {"initialDelaySeconds: 20", "initialDelay: 20"}}) {
            assertThat(text).contains(typo[0]);
            JsonNode doc = documents(text.replace(typo[0], typo[1])).get(0);
            assertThatThrownBy(() -> strictly(doc, DaemonSet.class)).hasMessageContaining(typo[1].split(":")[0]);
        }
    }

    @Test
    void charonAndTheControllerShareTheViciSocketThroughAnEmptyDir() throws Exception {
        PodSpec pod = daemonSet().getSpec().getTemplate().getSpec();
        Container charon = container(pod, "charon");
        Container controller = container(pod, "controller");
        assertThat(mount(charon, "vici").getMountPath()).isEqualTo(SOCKET_DIR);
        assertThat(mount(controller, "vici").getMountPath()).isEqualTo(SOCKET_DIR);
        assertThat(volume(pod, "vici").getEmptyDir()).isNotNull();
        assertThat(controller.getArgs()).containsSubsequence("--uri", "unix://" + SOCKET_DIR + "/charon.vici");
        // charon puts its socket there: the strongswan.conf it is pointed at says so
        assertThat(charon.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("STRONGSWAN_CONF");
            assertThat(e.getValue()).startsWith(mount(charon, "strongswan-conf").getMountPath() + "/");
        });
        ConfigMap conf = strictly(documents(Files.readString(DIR.resolve("configmap.yaml"))).get(2), ConfigMap.class);
        assertThat(conf.getMetadata().getName()).isEqualTo(volume(pod, "strongswan-conf").getConfigMap().getName());
        assertThat(conf.getData().get("strongswan.conf")).contains("socket = unix://" + SOCKET_DIR + "/charon.vici");
    }

    @Test
    void hostNetworkAndTheCapabilitiesCharonNeedsAndNoMoreForTheController() throws Exception {
        PodSpec pod = daemonSet().getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isTrue();
        Container charon = container(pod, "charon");
        assertThat(charon.getSecurityContext().getCapabilities().getAdd()).contains("NET_ADMIN", "NET_RAW",
                "NET_BIND_SERVICE");
        assertThat(charon.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        Container controller = container(pod, "controller");
        assertThat(controller.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(controller.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(controller.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    }

    @Test
    void theDesiredStateIsTheConfigMapMountedAsADirectoryNeverThroughSubPath() throws Exception {
        PodSpec pod = daemonSet().getSpec().getTemplate().getSpec();
        Container controller = container(pod, "controller");
        VolumeMount m = mount(controller, "desired-state");
        assertThat(m.getSubPath()).as("a subPath mount is never updated by the kubelet").isNull();
        assertThat(m.getSubPathExpr()).isNull();
        assertThat(controller.getArgs()).containsSubsequence("controller", "-f", m.getMountPath());
        assertThat(volume(pod, "desired-state").getConfigMap().getName()).isEqualTo("vici4j-desired-state");
        assertThat(volume(pod, "desired-state").getConfigMap().getItems()).isNullOrEmpty();
        // no container mounts anything through subPath
        for (Container c : pod.getContainers()) {
            assertThat(c.getVolumeMounts()).allSatisfy(v -> assertThat(v.getSubPath()).isNull());
        }
    }

    @Test
    void theDesiredStateInTheConfigMapIsValid() throws Exception {
        ConfigMap cm = strictly(documents(Files.readString(DIR.resolve("configmap.yaml"))).get(1), ConfigMap.class);
        assertThat(cm.getMetadata().getName()).isEqualTo("vici4j-desired-state");
        Path conf = Files.createDirectories(tmp.resolve("conf.d"));
        for (Map.Entry<String, String> e : cm.getData().entrySet()) {
            Files.writeString(conf.resolve(e.getKey()), e.getValue());
        }
        Container controller = container(daemonSet().getSpec().getTemplate().getSpec(), "controller");
        assertThat(controller.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("HUB_PSK");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("vici4j-psk");
        });
        DesiredState s = DesiredStateLoader.builder().environment(Map.of("HUB_PSK", "not-a-real-psk")).build()
                .loadAll(List.of(conf));
        assertThat(s.connections()).extracting(ConnectionConfig::name).containsExactly("hub");
        assertThat(s.controller().owner()).isEqualTo("vici4j-k8s");
    }

    @Test
    void probesPointToTheHealthEndpointsAndMetricsAreAnnotatedForScraping() throws Exception {
        DaemonSet ds = daemonSet();
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        Container controller = container(pod, "controller");
        assertThat(controller.getArgs()).containsSubsequence("--http", "0.0.0.0:" + HTTP_PORT);
        Probe live = controller.getLivenessProbe();
        Probe ready = controller.getReadinessProbe();
        assertThat(live.getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(live.getHttpGet().getPort().getIntVal()).isEqualTo(HTTP_PORT);
        assertThat(ready.getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(ready.getHttpGet().getPort().getIntVal()).isEqualTo(HTTP_PORT);
        assertThat(controller.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(HTTP_PORT));
        Map<String, String> a = ds.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(a).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(HTTP_PORT))
                .containsEntry("prometheus.io/path", "/metrics");
        assertThat(ds.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ds.getSpec().getTemplate().getMetadata().getLabels());
    }
}
