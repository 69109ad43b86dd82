package io.waddleperf.api.identity.internal;

import java.util.Map;
import org.springframework.stereotype.Component;

/** The public half of the signing key, as a JWK set, for anyone verifying our tokens. */
@Component
public class TokenKeys {

    private final SigningKeys keys;

    TokenKeys(SigningKeys keys) {
        this.keys = keys;
    }

    public Map<String, Object> publicJwks() {
        return keys.publicJwks().toJSONObject(true);
    }
}
