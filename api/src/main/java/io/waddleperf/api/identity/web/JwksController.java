package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.TokenKeys;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class JwksController {

    private final TokenKeys keys;

    JwksController(TokenKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "Public keys that verify this API's tokens (access tokens and per-run node tokens)")
    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.publicJwks();
    }
}
