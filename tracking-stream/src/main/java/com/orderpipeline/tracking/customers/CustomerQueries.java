package com.orderpipeline.tracking.customers;

import com.orderpipeline.tracking.query.Instance;
import com.orderpipeline.tracking.query.OwnerClient;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A customer's order list, wherever it is: read from {@link TrackingTopology#CUSTOMER_ORDERS_STORE} when this
 * instance owns the customer's partition (or the request was forwarded here), else asked of the owner with the
 * caller's own token and the owner's answer passed on, with the same short timeouts as order lookups.
 */
public final class CustomerQueries {
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final Supplier<Optional<Instance>> instance;
    private final OwnerClient owners;

    public CustomerQueries(Supplier<Optional<Instance>> instance, OwnerClient owners) {
        this.instance = instance;
        this.owners = owners;
    }

    /** What a list request gets: a page read here, the owner's own answer, or why neither is possible now. */
    public sealed interface Answer {
        record Local(CustomerOrderPages.Page page, String servedBy, boolean stale) implements Answer {
        }

        record FromOwner(int status, String body, String servedBy) implements Answer {
        }

        record Unavailable(String detail, Duration retryAfter) implements Answer {
        }
    }

    /**
     * @param query         the request's own path and query, passed on to the owner as they are
     * @param authorization the caller's {@code Authorization} header, for the owner to check
     */
    public CompletableFuture<Answer> find(String customerId, int limit, Optional<String> before, boolean forwarded,
                                          String query, String authorization) {
        Optional<Instance> running = instance.get().filter(i -> i.streams().state().isRunningOrRebalancing());
        if (running.isEmpty()) {
            return done(new Answer.Unavailable("The tracking store is starting up and cannot be queried yet", RETRY_SOON));
        }
        Instance here = running.get();
        KeyQueryMetadata owner = here.ownerOf(TrackingTopology.CUSTOMER_ORDERS_STORE, customerId);
        if (KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return done(new Answer.Unavailable("The customers' order lists are being rebalanced; no instance owns this"
                    + " customer right now", RETRY_SOON));
        }
        if (here.self().equals(owner.activeHost()) || forwarded) {
            return done(readHere(here, customerId, owner.partition(), limit, before));
        }
        HostInfo host = owner.activeHost();
        String ownerName = host.host() + ":" + host.port();
        CompletableFuture<HttpResponse<String>> sent = owners.get(host, query, here.selfName(), authorization);
        CompletableFuture<Answer> answer = sent.handle((response, error) -> {
            if (error == null) {
                return new Answer.FromOwner(response.statusCode(), response.body(), ownerName);
            }
            Throwable cause = error.getCause() == null ? error : error.getCause();
            return new Answer.Unavailable("The instance that holds this customer's orders (" + ownerName
                    + ") did not answer: " + cause.getClass().getSimpleName() + "; its customers move to another"
                    + " instance shortly", RETRY_SOON);
        });
        answer.whenComplete((result, error) -> sent.cancel(true));
        return answer;
    }

    /** The path and query of a list request, as forwarded. */
    public static String path(String customerId, int limit, Optional<String> before) {
        return "/customers/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20") + "/orders?limit="
                + limit + before.map(cursor -> "&before=" + cursor).orElse("");
    }

    private static Answer readHere(Instance here, String customerId, int partition, int limit, Optional<String> before) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, String>> active = StoreQueryParameters
                .fromNameAndType(TrackingTopology.CUSTOMER_ORDERS_STORE,
                        QueryableStoreTypes.<String, String>keyValueStore())
                .withPartition(partition);
        try {
            return new Answer.Local(CustomerOrderPages.read(here.streams().store(active), customerId, limit, before),
                    here.selfName(), false);
        } catch (InvalidStateStoreException notActiveHere) {
            try {
                return new Answer.Local(CustomerOrderPages.read(here.streams().store(active.enableStaleStores()),
                        customerId, limit, before), here.selfName(), true);
            } catch (InvalidStateStoreException noCopyHere) {
                return new Answer.Unavailable("The part of the store that holds this customer's orders is being"
                        + " restored or moved to another instance", RETRY_SOON);
            }
        }
    }

    private static CompletableFuture<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
