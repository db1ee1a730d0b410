package com.orderpipeline.tracking.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.Caller;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final Caller AGENT = new Caller(Access.SUPPORT, "support:3f9a1c2e");

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final Sessions sessions = new Sessions(new DeskSettings(Duration.ofMinutes(30), Duration.ofHours(8), 3,
            Optional.empty()), nanos::get);

    @Test
    void aNewSessionIsFoundByItsIdAndHoldsTheCallerAndToken() {
        Session session = sessions.open(Optional.of(AGENT), Optional.of("the-token"));

        Session found = sessions.find(Optional.of(session.id())).orElseThrow();
        assertThat(found.who()).isEqualTo("support:3f9a1c2e");
        assertThat(found.token()).contains("the-token");
        assertThat(session.toString()).doesNotContain("the-token");
    }

    @Test
    void idsAndFormTokensAre32RandomBytesInBase64Url() {
        Session one = sessions.open(Optional.of(AGENT), Optional.empty());
        Session two = sessions.open(Optional.of(AGENT), Optional.empty());

        assertThat(one.id()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(two.id()).isNotEqualTo(one.csrfToken());
        assertThat(one.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(two.csrfToken());
    }

    @Test
    void anUnknownOrMissingIdFindsNothing() {
        sessions.open(Optional.of(AGENT), Optional.empty());

        assertThat(sessions.find(Optional.of("not-a-session"))).isEmpty();
        assertThat(sessions.find(Optional.of(""))).isEmpty();
        assertThat(sessions.find(Optional.empty())).isEmpty();
    }

    @Test
    void aSessionUnusedForTheIdleTimeEnds() {
        Session session = sessions.open(Optional.of(AGENT), Optional.empty());

        advance(Duration.ofMinutes(29));
        assertThat(sessions.find(Optional.of(session.id()))).isPresent();
        advance(Duration.ofMinutes(29));
        assertThat(sessions.find(Optional.of(session.id()))).as("used 29 minutes ago").isPresent();
        advance(Duration.ofMinutes(31));
        assertThat(sessions.find(Optional.of(session.id()))).isEmpty();
    }

    @Test
    void aSessionInUseEndsAtItsMaximumAge() {
        Session session = sessions.open(Optional.of(AGENT), Optional.empty());

        for (int i = 0; i < 47; i++) {
            advance(Duration.ofMinutes(10));
            assertThat(sessions.find(Optional.of(session.id()))).as("after %d minutes", (i + 1) * 10).isPresent();
        }
        advance(Duration.ofMinutes(11));
        assertThat(sessions.find(Optional.of(session.id()))).as("8 h 1 min after login").isEmpty();
    }

    @Test
    void anEndedSessionIsGone() {
        Session session = sessions.open(Optional.of(AGENT), Optional.empty());

        sessions.end(session.id());

        assertThat(sessions.find(Optional.of(session.id()))).isEmpty();
    }

    @Test
    void theNumberOfSessionsIsBounded() {
        for (int i = 0; i < 10; i++) {
            sessions.open(Optional.of(AGENT), Optional.empty());
        }

        assertThat(sessions.size()).isEqualTo(3);
    }

    @Test
    void withoutACallerTheAuditNameSaysAccessControlIsOff() {
        assertThat(sessions.open(Optional.empty(), Optional.empty()).who()).isEqualTo("no token (AUTH_DISABLED)");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
