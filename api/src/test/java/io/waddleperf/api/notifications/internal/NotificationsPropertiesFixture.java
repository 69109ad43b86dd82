package io.waddleperf.api.notifications.internal;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings as Spring binds them, defaults included, from a few {@code waddleperf.notifications.*} values. */
final class NotificationsPropertiesFixture {

    private NotificationsPropertiesFixture() {}

    static NotificationsProperties bind(Map<String, String> values) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        values.forEach((key, value) -> source.put("waddleperf.notifications." + key, value));
        return new Binder(source).bindOrCreate("waddleperf.notifications", NotificationsProperties.class);
    }
}
