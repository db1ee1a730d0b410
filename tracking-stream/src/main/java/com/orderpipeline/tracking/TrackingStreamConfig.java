package com.orderpipeline.tracking;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.desk.DeskSettings;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything tracking-stream reads from its environment, validated once at start. docs/tracking.md lists every
 * variable with its default.
 *
 * @param streams           application id, state directory, standby replicas, commit interval and
 *                          {@code APPLICATION_SERVER}; without the latter, {@code localhost:<HTTP port>}
 * @param orderIdRules      the order IDs accepted: the physical marketplaces' prefixes, plus D01 always
 * @param longPollDefault   the wait of a long poll that gives no timeout
 * @param longPollMax       the longest wait a long poll gets, whatever it asks for
 * @param forwardConnect    how long to wait for a connection to the instance that owns an order
 * @param forwardTimeout    how long to wait for that instance's answer (plus a long poll's own wait)
 * @param access            tokens, rate limits and trusted proxies (docs/access.md)
 * @param desk              the support desk's sessions and {@code ORDER_API_URL}
 * @param live              the bounds of the live streams of views
 */
public record TrackingStreamConfig(
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        KafkaSettings kafka,
        String registryUrl,
        TopicNames topics,
        StreamsSettings streams,
        OrderIdRules orderIdRules,
        TrackingTopology.Settings topology,
        Duration longPollDefault,
        Duration longPollMax,
        Duration forwardConnect,
        Duration forwardTimeout,
        AccessSettings access,
        DeskSettings desk,
        Live live) {

    public static final String DEFAULT_APPLICATION_ID = "tracking-stream";

    /**
     * @param maxStreams the most live streams an instance keeps open, forwarded ones included; more are refused
     *                   with 503
     * @param heartbeat  how often every stream gets a comment line, which keeps proxies from closing it and finds
     *                   the connections that are gone
     */
    public record Live(int maxStreams, Duration heartbeat) {
        public static final Live DEFAULTS = new Live(10_000, Duration.ofSeconds(15));
    }

    public TrackingStreamConfig {
        streams.applicationServer().ifPresent(TrackingStreamConfig::requireHostPort);
    }

    public static TrackingStreamConfig fromEnv(Env env) {
        String prefixes = env.optional("ORDER_ID_PREFIXES").or(() -> env.optional("ORDER_ID_PREFIX")).orElse("114");
        List<String> prefixList = Arrays.stream(prefixes.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        OrderIdRules orderIdRules;
        try {
            orderIdRules = OrderIdRules.of(prefixList);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ORDER_ID_PREFIXES must be a comma-separated list of three-digit prefixes such as"
                    + " 114,171: " + e.getMessage());
        }
        Duration longPollMax = positive(env, "LONG_POLL_MAX_TIMEOUT", Duration.ofSeconds(60));
        Duration longPollDefault = positive(env, "LONG_POLL_DEFAULT_TIMEOUT", Duration.ofSeconds(30));
        if (longPollDefault.compareTo(longPollMax) > 0) {
            throw new ConfigException("LONG_POLL_DEFAULT_TIMEOUT (" + longPollDefault.toSeconds()
                    + "s) must not be longer than LONG_POLL_MAX_TIMEOUT (" + longPollMax.toSeconds() + "s)");
        }
        return new TrackingStreamConfig(
                env.string("HTTP_HOST", "0.0.0.0"),
                env.port("HTTP_PORT", 8083),
                env.longValue("HTTP_MAX_BODY_BYTES", 64 * 1024, 1024, 16L * 1024 * 1024),
                KafkaSettings.fromEnv(env),
                env.url("SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                TopicNames.fromEnv(name -> env.optional(name).orElse(null)),
                StreamsSettings.fromEnv(env, DEFAULT_APPLICATION_ID),
                orderIdRules,
                new TrackingTopology.Settings(positive(env, "LATE_CHECK_INTERVAL", Duration.ofMinutes(1)),
                        positive(env, "PARKED_EVENT_RETENTION", Duration.ofDays(7)),
                        env.integer("CUSTOMER_ORDERS_MAX", TrackingTopology.Settings.DEFAULT_MAX_ORDERS_PER_CUSTOMER, 1,
                                10_000)),
                longPollDefault,
                longPollMax,
                positive(env, "FORWARD_CONNECT_TIMEOUT", Duration.ofMillis(500)),
                positive(env, "FORWARD_TIMEOUT", Duration.ofSeconds(2)),
                AccessSettings.fromEnv(env),
                DeskSettings.fromEnv(env),
                new Live(env.integer("LIVE_MAX_STREAMS", Live.DEFAULTS.maxStreams(), 1, 1_000_000),
                        positive(env, "LIVE_HEARTBEAT_INTERVAL", Live.DEFAULTS.heartbeat())));
    }

    /** A copy with these streams settings (state directory, application server...), for tests and devstack. */
    public TrackingStreamConfig withStreams(StreamsSettings settings) {
        return new TrackingStreamConfig(httpHost, httpPort, maxBodyBytes, kafka, registryUrl, topics, settings,
                orderIdRules, topology, longPollDefault, longPollMax, forwardConnect, forwardTimeout, access, desk,
                live);
    }

    /** A copy with this access control, for tests. */
    public TrackingStreamConfig withAccess(AccessSettings settings) {
        return new TrackingStreamConfig(httpHost, httpPort, maxBodyBytes, kafka, registryUrl, topics, streams,
                orderIdRules, topology, longPollDefault, longPollMax, forwardConnect, forwardTimeout, settings, desk,
                live);
    }

    /** A copy with these support desk settings, for tests. */
    public TrackingStreamConfig withDesk(DeskSettings settings) {
        return new TrackingStreamConfig(httpHost, httpPort, maxBodyBytes, kafka, registryUrl, topics, streams,
                orderIdRules, topology, longPollDefault, longPollMax, forwardConnect, forwardTimeout, access, settings,
                live);
    }

    /** A copy with these bounds of the live streams, for tests. */
    public TrackingStreamConfig withLive(Live settings) {
        return new TrackingStreamConfig(httpHost, httpPort, maxBodyBytes, kafka, registryUrl, topics, streams,
                orderIdRules, topology, longPollDefault, longPollMax, forwardConnect, forwardTimeout, access, desk,
                settings);
    }

    private static Duration positive(Env env, String name, Duration fallback) {
        Duration value = env.duration(name, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name + " must be longer than zero, not '" + env.optional(name).orElse("") + "'");
        }
        return value;
    }

    private static void requireHostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        Optional<Integer> port = Optional.empty();
        if (colon > 0) {
            try {
                port = Optional.of(Integer.parseInt(hostPort.substring(colon + 1))).filter(p -> p > 0 && p < 65_536);
            } catch (NumberFormatException e) {
                port = Optional.empty();
            }
        }
        if (port.isEmpty()) {
            throw new ConfigException("APPLICATION_SERVER must be host:port, the address other instances reach this"
                    + " one's HTTP server at (such as tracking-1:8083), not '" + hostPort + "'");
        }
    }

    @Override
    public String toString() {
        return "TrackingStreamConfig[http=" + httpHost + ":" + httpPort + ", kafka=" + kafka.bootstrapServers()
                + ", registry=" + registryUrl + ", applicationId=" + streams.applicationId() + ", stateDir="
                + streams.stateDir() + ", standbys=" + streams.standbyReplicas() + ", applicationServer="
                + streams.applicationServer().orElse("(localhost:<http port>)") + ", orderIds=" + orderIdRules + ", " + access + ", " + desk + "]";
    }
}
