package io.waddleperf.testserver.sessions;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /** The iperf3 server's one listener (it takes a unique one); without an uplink nothing is reported. */
    @Bean
    SessionReporter sessionReporter(
            SessionProperties properties, ObjectProvider<SessionUplink> uplink, ObjectMapper json) {
        SessionUplink target = uplink.getIfUnique(() -> NONE);
        return new SessionReporter(properties, target, json, Clock.systemUTC());
    }

    private static final SessionUplink NONE = new SessionUplink() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public int post(String path, byte[] json, String idempotencyKey) throws java.io.IOException {
            throw new java.io.IOException("no API");
        }
    };
}
