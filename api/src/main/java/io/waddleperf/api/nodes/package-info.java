/**
 * Test-server nodes of an organisation: one-time enrolment tokens, node credentials, heartbeats
 * and online/offline status.
 */
@ApplicationModule(
        displayName = "Nodes",
        allowedDependencies = {"tenancy", "licensing", "audit", "shared"})
package io.waddleperf.api.nodes;

import org.springframework.modulith.ApplicationModule;
