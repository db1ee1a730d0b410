package com.orderpipeline.notifier;

import com.orderpipeline.notifier.sender.SenderSettings;
import com.orderpipeline.notifier.smtp.SmtpSettings;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.topics.TopicNames;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Everything the notifier reads from its environment, validated once at start. docs/notifications.md lists every
 * variable with its default.
 */
public record NotifierConfig(
        String httpHost,
        int httpPort,
        KafkaSettings kafka,
        String registryUrl,
        TopicNames topics,
        StreamsSettings streams,
        SmtpSettings smtp,
        InternetAddress from,
        String trackingPageUrl,
        Optional<Path> templates,
        SenderSettings sender) {

    public static final String DEFAULT_APPLICATION_ID = "notifier";

    public static NotifierConfig fromEnv(Env env) {
        StreamsSettings streams = StreamsSettings.fromEnv(env, DEFAULT_APPLICATION_ID);
        return new NotifierConfig(
                env.string("HTTP_HOST", "0.0.0.0"),
                env.port("HTTP_PORT", 8085),
                KafkaSettings.fromEnv(env),
                env.url("SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                TopicNames.fromEnv(name -> env.optional(name).orElse(null)),
                streams,
                smtp(env),
                from(env),
                env.url("TRACKING_PAGE_URL", env.string("TRACKING_BASE_URL", "http://localhost:8083")),
                templates(env),
                new SenderSettings(
                        env.string("NOTIFIER_OUTBOX_TOPIC", "notifier.outbox"),
                        env.string("NOTIFIER_RETRY_TOPIC", "notifier.outbox.retry"),
                        env.string("NOTIFIER_DELIVERIES_TOPIC", "notifier.deliveries"),
                        streams.applicationId() + "-sender",
                        env.positiveDuration("SMTP_RETRY_FIRST", Duration.ofMinutes(1), "1m"),
                        env.positiveDuration("SMTP_RETRY_MAX", Duration.ofMinutes(30), "30m"),
                        env.positiveDuration("SMTP_GIVE_UP_AFTER", Duration.ofDays(3), "3d")));
    }

    private static SmtpSettings smtp(Env env) {
        try {
            return SmtpSettings.parse("SMTP_URL", env.string("SMTP_URL", "smtp://localhost:25"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static InternetAddress from(Env env) {
        String value = env.string("MAIL_FROM", "Order pipeline <orders@localhost>");
        try {
            return new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new ConfigException("MAIL_FROM must be an address such as 'Shop <orders@shop.example>', not '"
                    + value + "': " + e.getMessage());
        }
    }

    private static Optional<Path> templates(Env env) {
        Optional<Path> dir = env.optional("NOTIFIER_TEMPLATES").map(Path::of);
        if (dir.isPresent() && !Files.isDirectory(dir.get())) {
            throw new ConfigException("NOTIFIER_TEMPLATES is '" + dir.get() + "', which is not a directory");
        }
        return dir;
    }

    @Override
    public String toString() {
        // Kafka client properties and the SMTP password are credentials: neither is logged
        return "NotifierConfig[http=" + httpHost + ":" + httpPort + ", kafka=" + kafka.bootstrapServers()
                + ", registry=" + registryUrl + ", applicationId=" + streams.applicationId() + ", stateDir="
                + streams.stateDir() + ", smtp=" + smtp + ", from=" + from + ", trackingPage=" + trackingPageUrl
                + ", templates=" + templates.map(Path::toString).orElse("built-in") + ", outbox="
                + sender.outboxTopic() + ", topics=" + topics + "]";
    }
}
