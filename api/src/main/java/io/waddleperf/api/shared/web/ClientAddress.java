package io.waddleperf.api.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client's IP address, honouring {@code X-Forwarded-For} only from trusted proxies: walking
 * the header from the right, the first address that is not a trusted proxy is the client. The
 * address is in its canonical form ({@link IpAddresses#canonical}), whichever way the container or
 * the proxy wrote it.
 */
public final class ClientAddress {

    static final String ATTRIBUTE = ClientAddress.class.getName();

    private ClientAddress() {}

    /** The current request's client address, or null outside a request. */
    public static @Nullable String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            Object resolved = servlet.getRequest().getAttribute(ATTRIBUTE);
            return resolved instanceof String ip
                    ? ip
                    : IpAddresses.canonical(servlet.getRequest().getRemoteAddr());
        }
        return null;
    }

    static String resolve(HttpServletRequest request, List<Cidr> trustedProxies) {
        return IpAddresses.canonical(hop(request, trustedProxies));
    }

    private static String hop(HttpServletRequest request, List<Cidr> trustedProxies) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trusted(remote, trustedProxies)) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isIp(hop)) {
                return remote;
            }
            if (!trusted(hop, trustedProxies)) {
                return hop;
            }
        }
        return hops[0].strip();
    }

    private static boolean trusted(String ip, List<Cidr> trustedProxies) {
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(ip));
    }

    private static boolean isIp(String text) {
        try {
            Cidr.literal(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
