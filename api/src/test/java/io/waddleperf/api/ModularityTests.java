package io.waddleperf.api;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(WaddlePerfApi.class);

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        MODULES.verify();
    }
}
