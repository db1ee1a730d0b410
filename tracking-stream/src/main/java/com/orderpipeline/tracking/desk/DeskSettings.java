package com.orderpipeline.tracking.desk;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.time.Duration;
import java.util.Optional;

/**
 * The support desk's settings (docs/tracking.md, "The support desk").
 *
 * @param sessionIdle   {@code SUPPORT_SESSION_IDLE}: a session unused this long is ended
 * @param sessionMaxAge {@code SUPPORT_SESSION_MAX_AGE}: a session ends this long after its login, used or not
 * @param maxSessions   {@code SUPPORT_SESSIONS_MAX}: the most sessions kept at once; past it the least recently
 *                      used ends first
 * @param orderApiUrl   {@code ORDER_API_URL}: order-id-service, which cancellations and returns are sent to;
 *                      without it the desk only reads
 */
public record DeskSettings(Duration sessionIdle, Duration sessionMaxAge, int maxSessions, Optional<String> orderApiUrl) {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(8);
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    public DeskSettings {
        if (sessionMaxAge.compareTo(sessionIdle) < 0) {
            throw new ConfigException("SUPPORT_SESSION_MAX_AGE (" + sessionMaxAge + ") must not be shorter than"
                    + " SUPPORT_SESSION_IDLE (" + sessionIdle + ")");
        }
    }

    public static DeskSettings fromEnv(Env env) {
        return new DeskSettings(env.positiveDuration("SUPPORT_SESSION_IDLE", DEFAULT_IDLE, "30m"),
                env.positiveDuration("SUPPORT_SESSION_MAX_AGE", DEFAULT_MAX_AGE, "8h"),
                env.integer("SUPPORT_SESSIONS_MAX", DEFAULT_MAX_SESSIONS, 1, 1_000_000),
                env.optional("ORDER_API_URL").filter(url -> !url.isBlank()).map(url -> env.url("ORDER_API_URL", url)));
    }

    /** The defaults, no order API: the desk reads, and says how to let it act. */
    public static DeskSettings defaults() {
        return new DeskSettings(DEFAULT_IDLE, DEFAULT_MAX_AGE, DEFAULT_MAX_SESSIONS, Optional.empty());
    }

    public DeskSettings withOrderApiUrl(String url) {
        return new DeskSettings(sessionIdle, sessionMaxAge, maxSessions, Optional.of(url));
    }

    @Override
    public String toString() {
        return "desk[idle " + sessionIdle + ", max age " + sessionMaxAge + ", order API "
                + orderApiUrl.orElse("(none: read only)") + "]";
    }
}
