package io.waddleperf.api.shared.security;

/**
 * A member's role in one organisation (SPEC section 3). Roles are ordered: each includes what the
 * ones below it may do.
 */
public enum Role {
    VIEWER,
    MAINTAINER,
    ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
