package io.waddleperf.testserver.control;

import io.waddleperf.testserver.sessions.SessionUplink;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Session reports travel as the node, with the credential its enrolment got. */
@Component
class ApiSessionUplink implements SessionUplink {

    private final EnrollmentProperties properties;
    private final ObjectProvider<EnrollmentClient> client;

    ApiSessionUplink(EnrollmentProperties properties, ObjectProvider<EnrollmentClient> client) {
        this.properties = properties;
        this.client = client;
    }

    @Override
    public boolean enabled() {
        return properties.enabled();
    }

    @Override
    public int post(String path, byte[] json, String idempotencyKey) throws IOException, InterruptedException {
        EnrollmentClient api = client.getIfAvailable();
        if (api == null) {
            throw new IOException("no API client");
        }
        return api.postAsNode(path, json, idempotencyKey);
    }
}
