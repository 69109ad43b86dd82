package io.waddleperf.testserver.probes;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The BPF filter that limits a throughput run's capture to the test's own flows: the iperf3
 * control and data connections (TCP, and UDP for UDP tests, all to the server's one port) and the
 * UDP echo pings for latency under load, all with the target address the probe resolved. The
 * filter holds that address, never a name, so tcpdump does not resolve it a second time (and
 * perhaps to another address than the one the test talks to).
 */
final class CaptureFilter {

    private CaptureFilter() {}

    static String of(InetAddress target, int iperfPort, int echoPort) {
        String host = target.getHostAddress();
        if (target instanceof Inet6Address) {
            // A scope id ("fe80::1%eth0") is not BPF syntax; the address alone selects the flows.
            int scope = host.indexOf('%');
            host = scope < 0 ? host : host.substring(0, scope);
        }
        String family = target instanceof Inet6Address ? "ip6" : "ip";
        return family + " host " + host + " and (tcp port " + iperfPort + " or udp port " + iperfPort + " or udp port "
                + echoPort + ")";
    }
}
