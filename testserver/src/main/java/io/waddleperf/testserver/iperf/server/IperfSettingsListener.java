package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.settings.IperfSettingsChanged;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands pushed node settings to the running iperf3 server. Synchronous, so a value the server
 * refuses reaches whoever published the change as an exception; nothing to do when the node runs
 * no iperf3 server.
 */
@Component
class IperfSettingsListener {

    private final ObjectProvider<IperfServer> server;

    IperfSettingsListener(ObjectProvider<IperfServer> server) {
        this.server = server;
    }

    @EventListener
    void on(IperfSettingsChanged settings) {
        server.ifAvailable(
                running -> running.reconfigure(settings.allowlist(), settings.idleTimeout(), settings.capacity()));
    }
}
