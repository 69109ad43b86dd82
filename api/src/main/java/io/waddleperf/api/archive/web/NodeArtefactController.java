package io.waddleperf.api.archive.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.archive.ArtefactView;
import io.waddleperf.api.archive.internal.NodeHandOver;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.shared.errors.Refused;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Called by test-server nodes: hands over an artefact of one of the node's own runs (a packet
 * capture) so the node keeps nothing and holds no S3 credentials. The body is the raw content,
 * read against {@code waddleperf.archive.max-artefact-size} (413 beyond it); the API spools it and
 * ships it like any other artefact.
 */
@RestController
@RequestMapping("/api/v1/node/runs/{runId}/artefacts")
@Tag(name = "Node agent")
class NodeArtefactController {

    private final NodeRegistry nodes;
    private final NodeHandOver handOver;

    NodeArtefactController(NodeRegistry nodes, NodeHandOver handOver) {
        this.nodes = nodes;
        this.handOver = handOver;
    }

    @Operation(
            summary = "Hand over an artefact of one of this node's runs (node credential); 201 with its checksum",
            description = "Body: the raw content (application/octet-stream). 404 for a run that is not this node's,"
                    + " 409 when the run already has an artefact of that name, 413 above the size limit.")
    @PostMapping("/{name}")
    ResponseEntity<ArtefactView> handOver(
            @PathVariable UUID runId,
            @PathVariable String name,
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
            HttpServletRequest request)
            throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new Refused(
                    Refused.Kind.NOT_AUTHENTICATED,
                    "invalid-node-credential",
                    "Unknown node",
                    "Send the node credential as Authorization: Bearer <credential>");
        }
        Node node = nodes.authenticate(authorization.substring(7).strip());
        long limit = handOver.maxBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] content;
        try (InputStream body = request.getInputStream()) {
            content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (content.length > limit) {
            throw tooLarge(limit);
        }
        ArtefactView stored = handOver.accept(
                node.orgId(),
                node.id(),
                runId,
                name,
                contentType == null ? "application/octet-stream" : contentType,
                content);
        return ResponseEntity.status(HttpStatus.CREATED).body(stored);
    }

    private static RuntimeException tooLarge(long limit) {
        return new Refused(
                Refused.Kind.TOO_LARGE,
                "artefact-too-large",
                "Artefact too large",
                "An artefact may hold at most " + limit + " bytes (waddleperf.archive.max-artefact-size)");
    }
}
