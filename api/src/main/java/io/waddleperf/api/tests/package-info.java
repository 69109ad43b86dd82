/**
 * Test definitions: a probe type, a target, validated parameters and a node selection, grouped
 * into tiers.
 */
@ApplicationModule(
        displayName = "Tests",
        allowedDependencies = {"licensing", "audit", "shared"})
package io.waddleperf.api.tests;

import org.springframework.modulith.ApplicationModule;
