package io.waddleperf.api.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on the web UI's pages and assets. The UI keeps its refresh token in
 * sessionStorage, where any script running in the page could read it, so the policy allows only
 * the UI's own script files (no inline script, no eval) and lets the page talk only to the API,
 * the nodes it runs speed tests against and the identity providers it signs in with. The policy
 * is built per page load from the current nodes and SSO settings: a single-page app loads rarely,
 * and a cached list would keep a just-configured identity provider out.
 *
 * <p>Styles may be inline ({@code 'unsafe-inline'} in {@code style-src} only): React, uPlot and
 * MapLibre position elements with style attributes, and a style cannot run script. MapLibre runs
 * its worker from a {@code blob:} URL and draws into {@code blob:}/{@code data:} images.
 *
 * <p>API answers are JSON, never rendered as a page; they keep Spring Security's defaults.
 */
@Component
class WebUiSecurityHeaders extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebUiSecurityHeaders.class);

    /** Keeps the header well under the 8 KiB that proxies commonly allow for one header. */
    static final int MAX_ORIGINS = 150;

    private final ContentSecurityProperties properties;
    private final List<BrowserOrigins> registered;

    WebUiSecurityHeaders(ContentSecurityProperties properties, List<BrowserOrigins> registered) {
        this.properties = properties;
        this.registered = registered;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return WebUiConfiguration.SpaFallbackResolver.isServerPath(path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPage(request)) {
            response.setHeader("Content-Security-Policy", policy());
        }
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        chain.doFilter(request, response);
    }

    /**
     * The policy governs documents; scripts, styles and images are not, so assets (a path with a
     * file extension other than .html) skip building it and its two small queries.
     */
    private static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".") || last.endsWith(".html");
    }

    String policy() {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data: blob:; font-src 'self'; worker-src 'self' blob:; manifest-src 'self';"
                + " connect-src " + String.join(" ", connectSources()) + ";"
                + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    private Set<String> connectSources() {
        Set<String> origins = new TreeSet<>();
        properties.connectSources().forEach(url -> add(origins, url));
        if (properties.registeredOrigins()) {
            for (BrowserOrigins source : registered) {
                for (String url : urls(source)) {
                    if (origins.size() >= MAX_ORIGINS) {
                        log.warn(
                                "More than {} node and identity-provider origins: the web UI's"
                                        + " Content-Security-Policy names the first {} only",
                                MAX_ORIGINS,
                                MAX_ORIGINS);
                        break;
                    }
                    add(origins, url);
                }
            }
        }
        Set<String> all = new LinkedHashSet<>();
        all.add("'self'");
        all.addAll(origins);
        return all;
    }

    /**
     * A source's URLs; none when the database cannot be read, so the page still loads (with the
     * API and the configured origins only) and says what is wrong once it can talk to the API.
     */
    private static Collection<String> urls(BrowserOrigins source) {
        try {
            return source.urls();
        } catch (DataAccessException e) {
            log.warn("Web UI policy: cannot read {}: {}", source.getClass().getSimpleName(), e.getMessage());
            return List.of();
        }
    }

    private static void add(Set<String> origins, @Nullable String url) {
        String origin = origin(url);
        if (origin != null) {
            origins.add(origin);
        }
    }

    /** scheme://host[:port] of an absolute http(s) URL, else null (nothing else may enter the header). */
    static @Nullable String origin(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getUserInfo() != null) {
                return null;
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
