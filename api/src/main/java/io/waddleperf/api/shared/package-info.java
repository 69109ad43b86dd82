/**
 * Cross-cutting infrastructure every module may use: error responses, request ids, security
 * plumbing, the embedded database and version info. Open so modules can use its sub-packages; it
 * must never depend on a feature module.
 */
@ApplicationModule(displayName = "Shared infrastructure", type = ApplicationModule.Type.OPEN)
package io.waddleperf.api.shared;

import org.springframework.modulith.ApplicationModule;
