package io.waddleperf.deploy;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every WaddlePerf pod must do (SPEC section 12, non-root containers; issue 19): run as a
 * non-root user with a read-only root filesystem and no capabilities, request and cap its
 * resources, and (for the long-running containers) answer startup, liveness and readiness probes
 * on Actuator. One exception, stated where it is made (k8s/components/testserver-capture): the
 * test-server container may add CAP_NET_RAW for tcpdump, which a non-root process only receives
 * from the binary's file capabilities, so privilege escalation stays allowed there.
 */
final class Policy {

    /** The only capability any container may add, and the containers that may add it. */
    static final String CAPTURE_CAPABILITY = "NET_RAW";

    static final Set<String> CAPTURE_CONTAINERS = Set.of("testserver");

    private Policy() {}

    /** Everything wrong with one pod template, each as "container: what"; empty when it complies. */
    static List<String> violations(PodSpec pod) {
        List<String> problems = new ArrayList<>();
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add("pod: automountServiceAccountToken must be false (no pod talks to the Kubernetes API)");
        }
        if (Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            problems.add("pod: hostPID/hostIPC must not be set");
        }
        for (Container container : nonNull(pod.getInitContainers())) {
            problems.addAll(containerViolations(pod, container, false));
        }
        for (Container container : nonNull(pod.getContainers())) {
            problems.addAll(containerViolations(pod, container, true));
        }
        return problems;
    }

    private static List<String> containerViolations(PodSpec pod, Container container, boolean longRunning) {
        List<String> problems = new ArrayList<>();
        String name = container.getName();
        PodSecurityContext podContext = pod.getSecurityContext();
        SecurityContext context = container.getSecurityContext();
        if (context == null) {
            problems.add(name + ": no securityContext");
            context = new SecurityContext();
        }
        boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                || (context.getRunAsNonRoot() == null
                        && podContext != null
                        && Boolean.TRUE.equals(podContext.getRunAsNonRoot()));
        if (!nonRoot) {
            problems.add(name + ": runAsNonRoot is not true");
        }
        Long user = context.getRunAsUser() != null
                ? context.getRunAsUser()
                : podContext == null ? null : podContext.getRunAsUser();
        if (user != null && user == 0L) {
            problems.add(name + ": runs as user 0");
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            problems.add(name + ": privileged");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add(name + ": readOnlyRootFilesystem is not true");
        }
        Capabilities capabilities = context.getCapabilities();
        List<String> added = capabilities == null ? List.of() : nonNull(capabilities.getAdd());
        if (capabilities == null || !nonNull(capabilities.getDrop()).contains("ALL")) {
            problems.add(name + ": capabilities do not drop ALL");
        }
        for (String capability : added) {
            if (!CAPTURE_CAPABILITY.equals(capability) || !CAPTURE_CONTAINERS.contains(name)) {
                problems.add(name + ": adds capability " + capability);
            }
        }
        boolean captures = added.equals(List.of(CAPTURE_CAPABILITY)) && CAPTURE_CONTAINERS.contains(name);
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()) && !captures) {
            problems.add(name + ": allowPrivilegeEscalation is not false");
        }
        problems.addAll(resourceViolations(name, container.getResources()));
        if (longRunning) {
            problems.addAll(probeViolations(name, container));
            if (!mountsEmptyDir(pod, container, "/tmp")) {
                problems.add(name + ": no emptyDir at /tmp (the JVM's temp dir on a read-only root)");
            }
        }
        return problems;
    }

    private static List<String> resourceViolations(String name, ResourceRequirements resources) {
        List<String> problems = new ArrayList<>();
        Map<String, Quantity> requests = resources == null ? Map.of() : nonNull(resources.getRequests());
        Map<String, Quantity> limits = resources == null ? Map.of() : nonNull(resources.getLimits());
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                problems.add(name + ": no " + resource + " request");
            }
        }
        if (!limits.containsKey("memory")) {
            problems.add(name + ": no memory limit");
        }
        return problems;
    }

    private static List<String> probeViolations(String name, Container container) {
        List<String> problems = new ArrayList<>();
        Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.forEach((kind, probe) -> {
            if (probe == null) {
                problems.add(name + ": no " + kind);
            } else if (probe.getHttpGet() == null
                    || probe.getHttpGet().getPath() == null
                    || !probe.getHttpGet().getPath().startsWith("/actuator/health")) {
                problems.add(name + ": " + kind + " is not an HTTP GET of /actuator/health...");
            }
        });
        return problems;
    }

    private static boolean mountsEmptyDir(PodSpec pod, Container container, String path) {
        return nonNull(container.getVolumeMounts()).stream()
                .filter(mount -> path.equals(mount.getMountPath()))
                .map(VolumeMount::getName)
                .anyMatch(volume -> nonNull(pod.getVolumes()).stream()
                        .filter(candidate -> Objects.equals(candidate.getName(), volume))
                        .map(Volume::getEmptyDir)
                        .anyMatch(Objects::nonNull));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> nonNull(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
