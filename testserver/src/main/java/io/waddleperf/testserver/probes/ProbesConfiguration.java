package io.waddleperf.testserver.probes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class ProbesConfiguration {

    @Bean
    SsrfGuard ssrfGuard(ProbeProperties properties) {
        return new SsrfGuard(properties);
    }

    @Bean
    PacketCapture packetCapture(CaptureProperties properties) {
        return PacketCapture.detect(properties);
    }

    @Bean
    Probes probes(ObjectMapper json, SsrfGuard guard, ObjectProvider<BuildProperties> build, PacketCapture capture) {
        String version =
                build.getIfAvailable() == null ? "dev" : build.getObject().getVersion();
        return new Probes(json, guard, "WaddlePerf-node/" + version, capture);
    }
}
