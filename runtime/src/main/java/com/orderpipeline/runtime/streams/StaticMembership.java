package com.orderpipeline.runtime.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A stable {@code group.instance.id} for the stream threads of one instance, kept in its state directory: a
 * process killed and started again on the same state directory rejoins its consumer group as the same static
 * member and takes its tasks back at once, instead of waiting for the group to time the dead member out.
 *
 * <p>The id is set for the main consumer only ({@value #AUTOMATIC_INSTANCE_ID_CONFIG}; Kafka Streams appends
 * each thread's index), which tells it apart from an id the operator gave ({@code KAFKA_GROUP_INSTANCE_ID}):
 * an instance with the automatic id leaves its group when it is stopped cleanly, so that its tasks move at once;
 * one with the operator's id stays, as static members usually do across a rolling restart. Two instances must
 * never share a state directory (Kafka Streams' own lock refuses it), so they never share the id either.
 */
public final class StaticMembership {
    /** Where the automatic id goes in the Streams properties. */
    public static final String AUTOMATIC_INSTANCE_ID_CONFIG =
            StreamsConfig.mainConsumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    private static final String FILE_SUFFIX = ".instance-id";

    private StaticMembership() {
    }

    /** The instance id kept for the application in the state directory, made and written there the first time. */
    public static String instanceId(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + FILE_SUFFIX);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            String id = applicationId + "-" + UUID.randomUUID();
            Files.createDirectories(stateDir);
            Path written = Files.writeString(Files.createTempFile(stateDir, applicationId, ".tmp"), id, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the static member id of " + applicationId + " in " + file
                    + "; STATE_DIR must be writable (or set STATIC_MEMBERSHIP=false)", e);
        }
    }
}
