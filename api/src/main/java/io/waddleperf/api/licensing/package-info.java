/**
 * License state for the installation: development mode, an online PenguinTech license, or an
 * offline signed file; feature gates (402) and limits.
 */
@ApplicationModule(
        displayName = "Licensing",
        allowedDependencies = {"shared"})
package io.waddleperf.api.licensing;

import org.springframework.modulith.ApplicationModule;
