/** Security-relevant events: who did what, to what, from where, and whether it worked. */
@ApplicationModule(
        displayName = "Audit log",
        allowedDependencies = {"shared"})
package io.waddleperf.api.audit;

import org.springframework.modulith.ApplicationModule;
