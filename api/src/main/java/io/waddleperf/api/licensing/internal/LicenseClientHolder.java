package io.waddleperf.api.licensing.internal;

import io.waddleperf.license.LicenseClient;
import org.jspecify.annotations.Nullable;

/** The online client, if the installation uses one; closed with the application context. */
record LicenseClientHolder(@Nullable LicenseClient client) implements AutoCloseable {

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
