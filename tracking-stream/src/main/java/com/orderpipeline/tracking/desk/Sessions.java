package com.orderpipeline.tracking.desk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.orderpipeline.runtime.http.access.Caller;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The support desk's sessions, on the server: a Caffeine cache from a random session ID (32 bytes of
 * {@link SecureRandom}, base64url) to the {@link Session}. A session ends when it was not used for the idle
 * time, at its maximum age whatever its use, at logout, or when the cache is full and it is the least recently
 * used; an ended session is gone, so its cookie is worth nothing.
 */
final class Sessions {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, Session> sessions;
    private final Ticker ticker;

    /** @param ticker the clock expiry is measured with; {@link Ticker#systemTicker()} but in tests */
    Sessions(DeskSettings settings, Ticker ticker) {
        this.ticker = ticker;
        long idle = settings.sessionIdle().toNanos();
        long maxAge = settings.sessionMaxAge().toNanos();
        this.sessions = Caffeine.newBuilder()
                .maximumSize(settings.maxSessions())
                .ticker(ticker)
                .expireAfter(new Expiry<String, Session>() {
                    @Override
                    public long expireAfterCreate(String id, Session session, long now) {
                        return Math.min(idle, maxAge);
                    }

                    @Override
                    public long expireAfterUpdate(String id, Session session, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String id, Session session, long now, long remaining) {
                        return Math.max(0, Math.min(idle, session.createdAt() + maxAge - now));
                    }
                })
                .build();
    }

    /** A new session for the caller, with a fresh ID and form token. */
    Session open(Optional<Caller> caller, Optional<String> token) {
        Session session = new Session(randomToken(), caller, token, randomToken(), ticker.read());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of this ID; empty for an unknown, ended or missing one. */
    Optional<Session> find(Optional<String> id) {
        return id.filter(value -> !value.isEmpty()).map(sessions::getIfPresent);
    }

    /** Ends the session: from now on its ID finds nothing. */
    void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    /** A random value of 32 bytes, base64url: session IDs, form tokens and form nonces. */
    static String randomToken() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }
}
