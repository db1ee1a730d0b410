package com.orderpipeline.runtime.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
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

    /**
     * Fails, naming each missing topic, unless every topic exists; answers their partition counts. A topic
     * created a moment ago may not be known to every broker yet, so unknown ones are asked for again for a
     * few seconds before they count as missing.
     */
    public Map<String, Integer> requireTopics(Collection<String> names) {
        Map<String, Integer> counts = new TreeMap<>();
        long deadline = System.nanoTime() + METADATA_GRACE.toNanos();
        List<String> missing = describeInto(counts, names);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            pause();
            missing = describeInto(counts, missing);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Topic" + (missing.size() == 1 ? " " : "s ") + missing
                    + " must exist on " + settings.bootstrapServers() + " before this service starts;"
                    + " the service that writes " + (missing.size() == 1 ? "it" : "them") + " creates "
                    + (missing.size() == 1 ? "it" : "them") + " at its start");
        }
        return counts;
    }

    /** Puts the partition counts of the topics the brokers know into {@code counts}; answers the others. */
    private List<String> describeInto(Map<String, Integer> counts, Collection<String> names) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic
                : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                counts.put(topic.getKey(), topic.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("describe topic '" + topic.getKey() + "'", e.getCause());
                }
                unknown.add(topic.getKey());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("describe topic '" + topic.getKey() + "'", e);
            } catch (TimeoutException e) {
                throw failure("describe topic '" + topic.getKey() + "'", e);
            }
        }
        return unknown;
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
