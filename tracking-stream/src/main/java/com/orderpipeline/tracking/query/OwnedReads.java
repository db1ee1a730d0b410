package com.orderpipeline.tracking.query;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads that need a token, wherever their key is owned: read here when this instance owns the key's partition
 * (or the request was forwarded here), else asked of the owner with the caller's own {@code Authorization} and
 * the owner's answer passed on, with the same short timeouts as order lookups. A key whose partition's active task
 * runs here is read from the stores it lent ({@link ActiveStores}); a partition whose active store cannot be read
 * here falls back to a standby or restoring copy, marked stale.
 */
public final class OwnedReads {
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final Supplier<Optional<Instance>> instance;
    private final ActiveStores active;
    private final OwnerClient owners;

    /**
     * @param instance empty until Kafka Streams has been started
     * @param active   the stores of the tasks active here, read directly
     */
    public OwnedReads(Supplier<Optional<Instance>> instance, ActiveStores active, OwnerClient owners) {
        this.instance = instance;
        this.active = active;
        this.owners = owners;
    }

    /** What a read gets: its value read here, the owner's own answer, or why neither is possible now. */
    public sealed interface Answer<T> {
        record Local<T>(T value, String servedBy, boolean stale) implements Answer<T> {
        }

        record FromOwner<T>(int status, String body, String servedBy) implements Answer<T> {
        }

        record Unavailable<T>(String detail, Duration retryAfter) implements Answer<T> {
        }
    }

    /** Reads the value from the stores of one partition; throws {@link InvalidStateStoreException} when it cannot. */
    @FunctionalInterface
    public interface Read<T> {
        T from(PartitionStores stores);
    }

    /**
     * @param store         the store whose partitioning says who owns {@code key}
     * @param what          what is read, for the messages ("this customer's orders")
     * @param pathAndQuery  the request's own path and query (encoded), passed on to the owner as they are
     * @param authorization the caller's {@code Authorization} header, for the owner to check
     */
    public <T> CompletableFuture<Answer<T>> find(String store, String key, String what, boolean forwarded,
                                                 String pathAndQuery, String authorization, Read<T> read) {
        Optional<Instance> running = instance.get().filter(i -> i.streams().state().isRunningOrRebalancing());
        if (running.isEmpty()) {
            return done(new Answer.Unavailable<>("The tracking store is starting up and cannot be queried yet",
                    RETRY_SOON));
        }
        Instance here = running.get();
        Optional<ActiveStores.Lent> held = active.holding(store, key);
        if (held.isPresent()) {
            try {
                return done(new Answer.Local<>(read.from(held.get()), here.selfName(), false));
            } catch (InvalidStateStoreException movedMeanwhile) {
                // the task closed under the read: Kafka Streams knows where the key is now
            }
        }
        KeyQueryMetadata owner = here.ownerOf(store, key);
        if (KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return done(new Answer.Unavailable<>("The stores are being rebalanced; no instance holds " + what
                    + " right now", RETRY_SOON));
        }
        if (here.self().equals(owner.activeHost()) || forwarded) {
            return done(readHere(here, owner.partition(), what, read));
        }
        HostInfo host = owner.activeHost();
        String ownerName = host.host() + ":" + host.port();
        CompletableFuture<HttpResponse<String>> sent = owners.get(host, pathAndQuery, here.selfName(), authorization);
        CompletableFuture<Answer<T>> answer = sent.handle((response, error) -> {
            if (error == null) {
                return new Answer.FromOwner<>(response.statusCode(), response.body(), ownerName);
            }
            Throwable cause = error.getCause() == null ? error : error.getCause();
            return new Answer.Unavailable<>("The instance that holds " + what + " (" + ownerName + ") did not answer: "
                    + cause.getClass().getSimpleName() + "; what it held moves to another instance shortly",
                    RETRY_SOON);
        });
        answer.whenComplete((result, error) -> sent.cancel(true));
        return answer;
    }

    private static <T> Answer<T> readHere(Instance here, int partition, String what, Read<T> read) {
        return PartitionStores.<Answer<T>>readHere(here.streams(), partition,
                        stores -> new Answer.Local<>(read.from(stores), here.selfName(), stores.stale()))
                .orElseGet(() -> new Answer.Unavailable<>("The part of the store that holds " + what + " is being"
                        + " restored or moved to another instance", RETRY_SOON));
    }

    private static <T> CompletableFuture<Answer<T>> done(Answer<T> answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
