package io.waddleperf.api.shared.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API is stateless and token-authenticated: no sessions, no CSRF tokens (no cookies carry
 * credentials). Everything under {@code /api/} needs authentication unless a module opens a path;
 * the web UI, health, info, metrics and the OpenAPI document are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ProblemDetailSecurityHandlers problemDetailSecurityHandlers(JsonMapper json) {
        return new ProblemDetailSecurityHandlers(json);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemDetailSecurityHandlers problems) {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll());
        return http.build();
    }
}
