package io.waddleperf.testserver.echo;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EchoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "waddleperf.echo.enabled", matchIfMissing = true)
    UdpEchoServer udpEchoServer(EchoProperties properties) {
        byte[] token =
                properties.token() == null ? new byte[0] : properties.token().getBytes(StandardCharsets.US_ASCII);
        return UdpEchoServer.start(properties.bindAddress(), properties.port(), token);
    }
}
