package io.waddleperf.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made for one test, joined to the root namespace by a veth pair (as
 * testserver's NetnsAccuracyIT makes its own): a process run with {@link #prefix()} sees only the
 * namespace's end, {@link #namespaceAddress()}, and reaches the root namespace at {@link
 * #rootAddress()}. {@link #cut()} takes the root end of the link down, so nothing passes either
 * way (a pulled cable); {@link #restore()} brings it back. Names and addresses are random per
 * instance. Needs root and iproute2.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final Path IP = Path.of("/usr/sbin/ip");

    private final String namespace;
    private final String rootEnd;
    private final String rootAddress;
    private final String namespaceAddress;
    private final List<AutoCloseable> forwarders = new CopyOnWriteArrayList<>();

    private NetworkNamespace(String namespace, String rootEnd, String rootAddress, String namespaceAddress) {
        this.namespace = namespace;
        this.rootEnd = rootEnd;
        this.rootAddress = rootAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /** Why namespaces cannot be made here, or null if they can. */
    public static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root to create network namespaces";
        }
        if (!Files.isExecutable(IP)) {
            return "needs " + IP + " (apt-get install iproute2)";
        }
        return null;
    }

    public static NetworkNamespace create() {
        String suffix = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextInt())
                .substring(0, 6);
        int octet2 = 200 + ThreadLocalRandom.current().nextInt(50);
        int octet3 = ThreadLocalRandom.current().nextInt(256);
        NetworkNamespace ns = new NetworkNamespace(
                "wpc-" + suffix,
                "wpca" + suffix,
                "10." + octet2 + "." + octet3 + ".1",
                "10." + octet2 + "." + octet3 + ".2");
        String nsEnd = "wpcb" + suffix;
        run("ip", "netns", "add", ns.namespace);
        try {
            run("ip", "link", "add", ns.rootEnd, "type", "veth", "peer", "name", nsEnd);
            run("ip", "link", "set", nsEnd, "netns", ns.namespace);
            run("ip", "addr", "add", ns.rootAddress + "/24", "dev", ns.rootEnd);
            run("ip", "link", "set", ns.rootEnd, "up");
            run("ip", "netns", "exec", ns.namespace, "ip", "addr", "add", ns.namespaceAddress + "/24", "dev", nsEnd);
            run("ip", "netns", "exec", ns.namespace, "ip", "link", "set", nsEnd, "up");
            run("ip", "netns", "exec", ns.namespace, "ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The command prefix that runs a program inside the namespace. */
    public List<String> prefix() {
        return List.of(IP.toString(), "netns", "exec", namespace);
    }

    public String rootAddress() {
        return rootAddress;
    }

    public String namespaceAddress() {
        return namespaceAddress;
    }

    /** Takes the link down: packets stop both ways; open connections hang until they time out. */
    public void cut() {
        run("ip", "link", "set", rootEnd, "down");
    }

    public void restore() {
        run("ip", "link", "set", rootEnd, "up");
    }

    /**
     * Listens on {@link #rootAddress()} and relays each connection to 127.0.0.1:{@code port}, so a
     * process in the namespace reaches a server that listens on loopback only; answers the port.
     */
    public int forward(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(rootAddress), 0), 64);
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
                        Thread.ofVirtual().start(() -> pipe(client, upstream));
                        Thread.ofVirtual().start(() -> pipe(upstream, client));
                    } catch (IOException e) {
                        // closed, or the upstream refused: the client sees its connection end
                    }
                }
            });
            forwarders.add(() -> {
                server.close();
                acceptor.interrupt();
            });
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side went away; closing both below ends the other direction too
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable forwarder : forwarders) {
            try {
                forwarder.close();
            } catch (Exception ignored) {
                // best effort at teardown
            }
        }
        // Deleting the root end deletes its peer; deleting the namespace ends what is left.
        exec("ip", "link", "del", rootEnd);
        exec("ip", "netns", "del", namespace);
    }

    private static void run(String... command) {
        String output = exec(command);
        if (output != null) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Runs the command; answers null on success, else its exit code and output. */
    private static String exec(String... command) {
        List<String> full = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output.strip();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
