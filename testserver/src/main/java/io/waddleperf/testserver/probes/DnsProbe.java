package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.HostPort;
import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One DNS query to one resolver, timed from send to answer. No retries and no fallback to another
 * server: the point is to measure this resolver.
 */
final class DnsProbe implements Probe {

    private final Name name;
    private final HostPort resolver;
    private final ProbeParams.Dns params;
    private final SsrfGuard guard;
    private volatile String phase = "pending";

    /** {@code resolver} null: the node's own configured resolver. */
    DnsProbe(Name name, HostPort resolver, ProbeParams.Dns params, SsrfGuard guard) {
        this.name = name;
        this.resolver = resolver;
        this.params = params;
        this.guard = guard;
    }

    @Override
    public ProbeType type() {
        return ProbeType.DNS;
    }

    @Override
    public ProbeProgress progress() {
        return new ProbeProgress.Phase(phase);
    }

    @Override
    public ProbeResult.Dns run() throws InterruptedException {
        InetSocketAddress server = server();
        SimpleResolver simple = new SimpleResolver(server);
        simple.setTimeout(Duration.ofMillis(params.timeoutMillis()));
        simple.setTCP(params.tcp());
        int type = Type.value(params.qtype());
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        phase = "query";
        long start = System.nanoTime();
        Message response;
        try {
            response = simple.send(query);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw new ProbeFailed(
                    "timeout",
                    "resolver " + server.getAddress().getHostAddress() + ":" + server.getPort() + " did not answer: "
                            + e.getMessage(),
                    e);
        }
        long elapsed = System.nanoTime() - start;
        List<Record> answers = response.getSection(Section.ANSWER);
        return new ProbeResult.Dns(
                name.toString(),
                Type.string(type),
                server.getAddress().getHostAddress() + ":" + server.getPort(),
                Rcode.string(response.getRcode()),
                answers.stream().map(Record::toString).toList(),
                answers.size(),
                response.getHeader().getFlag(Flags.AA),
                response.getHeader().getFlag(Flags.TC),
                params.tcp() ? "tcp" : "udp",
                Latency.millis(elapsed));
    }

    private InetSocketAddress server() {
        if (resolver == null) {
            // The node's own resolver is operator configuration, not run input: no SSRF check.
            List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
            if (servers.isEmpty()) {
                throw new ProbeFailed("no-resolver", "this node has no DNS resolver configured; name one");
            }
            return servers.getFirst();
        }
        phase = "resolve-resolver";
        InetAddress address = guard.resolve(resolver.host()).getFirst();
        return new InetSocketAddress(address, resolver.port());
    }
}
