package com.orderpipeline.runtime.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up checks of the topics a service depends on: creates the ones it writes when they are missing and
 * fails fast, naming what is wrong, when a topic it reads is missing or co-partitioned topics differ.
 */
public final class TopicAdmin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration METADATA_GRACE = Duration.ofSeconds(3);

    private final KafkaSettings settings;
    private final Admin admin;

    public TopicAdmin(KafkaSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(settings.with(Map.of("client.id", "topic-admin")));
    }

    /** Creates each topic that does not exist yet; existing topics are left as they are. */
    public void ensureTopics(Collection<TopicSpec> topics) {
        Set<String> existing = existingTopics();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : topics) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(),
                        java.util.Optional.of(spec.partitions().orElse(settings.topicPartitions())),
                        settings.replicationFactor()).configs(spec.configs()));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(missing);
        for (NewTopic topic : missing) {
            try {
                result.values().get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} with {} partitions", topic.name(), topic.numPartitions());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("create topic '" + topic.name() + "'", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("create topic '" + topic.name() + "'", e);
            } catch (TimeoutException e) {
                throw failure("create topic '" + topic.name() + "'", e);
            }
        }
    }

    /** Fails, naming each missing topic, unless every topic exists; answers their partition counts. */
    public Map<String, Integer> requireTopics(Collection<String> names) {
        List<String> missing = missing(names);
        // a topic created a moment ago may not be listed by every broker yet
        long deadline = System.nanoTime() + METADATA_GRACE.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            pause();
            missing = missing(names);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Topic" + (missing.size() == 1 ? " " : "s ") + missing
                    + " must exist on " + settings.bootstrapServers() + " before this service starts;"
                    + " the service that writes " + (missing.size() == 1 ? "it" : "them") + " creates "
                    + (missing.size() == 1 ? "it" : "them") + " at its start");
        }
        return partitionCounts(names);
    }

    private List<String> missing(Collection<String> names) {
        Set<String> existing = existingTopics();
        return names.stream().filter(n -> !existing.contains(n)).toList();
    }

    /** Fails unless the topics exist and all have the same partition count, as joins by key need. */
    public int requireCoPartitioned(Collection<String> names) {
        Map<String, Integer> counts = requireTopics(names);
        Set<Integer> distinct = Set.copyOf(counts.values());
        if (distinct.size() != 1) {
            throw new IllegalStateException("Topics " + names + " must be co-partitioned (the same partition count)"
                    + " but have " + counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")) + "; recreate or repartition them so the counts match");
        }
        return distinct.iterator().next();
    }

    /** A topic just created may take a moment to reach every broker's metadata, so unknown topics are asked again. */
    private Map<String, Integer> partitionCounts(Collection<String> names) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return descriptions.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("describe topics " + names, e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw failure("describe topics " + names, e.getCause());
                }
                pause();
            } catch (TimeoutException e) {
                throw failure("describe topics " + names, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for topic metadata", e);
        }
    }

    private Set<String> existingTopics() {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("list topics", e);
        } catch (ExecutionException e) {
            throw failure("list topics", e.getCause());
        } catch (TimeoutException e) {
            throw failure("list topics", e);
        }
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException("Could not " + what + " on Kafka at " + settings.bootstrapServers()
                + " within " + TIMEOUT.toSeconds() + " s: " + cause, cause);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
