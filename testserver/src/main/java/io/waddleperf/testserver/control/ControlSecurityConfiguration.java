package io.waddleperf.testserver.control;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.ObjectMapper;

/**
 * Health, build info, metrics, the speed test and the node's self-description are public;
 * everything under /node/v1/runs needs a per-run bearer token. Stateless: no session, no CSRF
 * (nothing here authenticates with cookies).
 */
@Configuration(proxyBeanMethods = false)
class ControlSecurityConfiguration {

    @Bean
    JwtDecoder runTokenDecoder(ControlProperties properties) {
        if (properties.jwksUri() == null
                && (properties.staticKey() == null || properties.staticKey().isBlank())) {
            LoggerFactory.getLogger(ControlSecurityConfiguration.class)
                    .warn("No run-token key configured (waddleperf.control.jwks-uri or static-key):"
                            + " this node serves echo and speed tests but accepts no probe runs");
        }
        return RunTokens.decoder(properties, Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain nodeSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        ProblemWriter problems = new ProblemWriter(json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // An error dispatch renders a failure of a request that was already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/speedtest/**",
                                "/node/v1/info",
                                "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
