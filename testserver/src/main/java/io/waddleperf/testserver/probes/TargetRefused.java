package io.waddleperf.testserver.probes;

import java.net.InetAddress;

/** The SSRF guard refused an address a probe would have connected to. */
public final class TargetRefused extends ProbeFailed {

    private final transient InetAddress address;
    private final String reason;

    TargetRefused(String host, InetAddress address, String reason) {
        super(
                "target-refused",
                host + " resolves to " + address.getHostAddress() + ", a " + reason
                        + " address this node does not probe");
        this.address = address;
        this.reason = reason;
    }

    public InetAddress address() {
        return address;
    }

    /** Which class of address it was: loopback, private, link-local, metadata, ... */
    public String reason() {
        return reason;
    }
}
