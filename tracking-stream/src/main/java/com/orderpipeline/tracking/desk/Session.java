package com.orderpipeline.tracking.desk;

import com.orderpipeline.runtime.http.access.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One agent's login, kept on the server only: who it is, the support token it logged in with (in memory, never
 * written anywhere or logged), the token its forms must carry, and the actions it sent, by the nonce of the
 * form that sent them.
 *
 * @param caller     the token's caller; empty when access control is disabled and the agent entered without one
 * @param token      the support token, sent to the APIs the desk reads and acts through
 * @param csrfToken  what every form of this session carries in a hidden field
 * @param createdAt  the sessions' ticker reading at login, for the absolute lifetime
 */
record Session(String id, Optional<Caller> caller, Optional<String> token, String csrfToken, long createdAt,
               Actions actions, AtomicReference<String> notice) {
    /** What audit lines of {@code Audit} name when access control is disabled. */
    static final String NO_TOKEN = "no token (AUTH_DISABLED)";

    Session(String id, Optional<Caller> caller, Optional<String> token, String csrfToken, long createdAt) {
        this(id, caller, token, csrfToken, createdAt, new Actions(), new AtomicReference<>());
    }

    /** The name audit lines give the agent: the token's name, never the token. */
    String who() {
        return caller.map(Caller::tokenName).orElse(NO_TOKEN);
    }

    /** Takes the notice left for the next page (an action's outcome), if any. */
    Optional<String> takeNotice() {
        return Optional.ofNullable(notice.getAndSet(null));
    }

    @Override
    public String toString() {
        return "Session[" + who() + "]";
    }

    /**
     * The actions sent from this session's forms, by form nonce: a form submitted twice gets the first
     * submission's answer instead of a second request. Bounded: the oldest are forgotten first.
     */
    static final class Actions {
        private static final int MAX = 32;
        private final Map<String, CompletableFuture<ApiAnswer>> sent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<ApiAnswer>> eldest) {
                return size() > MAX;
            }
        };

        /**
         * The answer of the action with this nonce: the one already sent, or {@code send}'s. An answer of 5xx
         * is forgotten once it comes, so that submitting the form again retries (with the same key, which the
         * order API de-duplicates).
         */
        CompletableFuture<ApiAnswer> once(String nonce, Supplier<CompletableFuture<ApiAnswer>> send) {
            CompletableFuture<ApiAnswer> answer;
            boolean first;
            synchronized (this) {
                CompletableFuture<ApiAnswer> known = sent.get(nonce);
                first = known == null;
                answer = first ? new CompletableFuture<>() : known;
                if (first) {
                    sent.put(nonce, answer);
                }
            }
            if (first) {
                send.get().whenComplete((result, failure) -> {
                    if (failure != null || result.status() >= 500) {
                        forget(nonce, answer);
                    }
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(result);
                    }
                });
            }
            return answer;
        }

        private synchronized void forget(String nonce, CompletableFuture<ApiAnswer> answer) {
            sent.remove(nonce, answer);
        }
    }
}
