package io.waddleperf.api.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that never reach Spring MVC are problem documents too. Two places answer them: Spring
 * Security's firewall (a {@code %00}, a {@code ;} path parameter, an encoded slash or dot segment:
 * {@code StrictHttpFirewall}), and Tomcat itself, which refuses some requests before any filter
 * runs (an unparsable request target, an encoded slash it is set to reject) and used to answer
 * with its HTML error page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblemPages {

    /** What the firewall refused, as a 400 problem instead of an exception for the container. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(JsonMapper json) {
        return (HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) ->
                ProblemResponses.write(request, response, rejected(), json);
    }

    /**
     * Replaces the host's error report valve, after the host added its own and Spring Boot added
     * another (both write HTML), so whatever Tomcat answers by itself is written by {@link ProblemValve}.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(JsonMapper json) {
        TomcatContextCustomizer replaceValves = context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemValve(json));
            }
        });
        return factory -> factory.addContextCustomizers(replaceValves);
    }

    static ProblemDetail rejected() {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "request-rejected",
                "Request rejected",
                "The request's URL or headers are not allowed (for example an encoded NUL, slash or"
                        + " path parameter); send a plain, normalised URL");
    }

    /** Tomcat's own error answers (no body written yet, status 400 or more) as problem documents. */
    static final class ProblemValve extends ErrorReportValve {

        private final JsonMapper json;

        ProblemValve(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "HTTP " + status : known.getReasonPhrase();
            // A map, not a ProblemDetail: this runs outside Spring MVC, and the document must not
            // depend on which Jackson modules the mapper has.
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put(
                    "type",
                    status == 400
                            ? Problems.type("request-rejected").toString()
                            : Problems.type("http-" + status).toString());
            problem.put("title", status == 400 ? "Request rejected" : title);
            problem.put("status", status);
            problem.put(
                    "detail",
                    status == 400
                            ? rejected().getDetail()
                            : "The server answered " + status + " " + title + " before the API saw the request");
            String instance = instance(request);
            if (instance != null) {
                problem.put("instance", instance);
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getOutputStream().write(json.writeValueAsBytes(problem));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response is already committed: nothing left to tell.
            }
        }

        private static String instance(Request request) {
            String uri = request.getRequestURI();
            if (uri == null) {
                return null;
            }
            try {
                return new URI(uri).toString();
            } catch (URISyntaxException e) {
                // Tomcat refused it because it is not a valid URI; do not echo it back.
                return null;
            }
        }
    }
}
