package com.orderpipeline.tracking.desk;

import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.http.access.AccessControl;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import com.orderpipeline.schemas.ids.OrderIdRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The desk on a real HTTP server with the service's access control, reading from and acting through a
 * {@link FakeApi}, with a clock of the test's for session expiry.
 */
final class DeskServer implements AutoCloseable {
    static final String SHOP_TOKEN = "shop-token-0123456789abcdefghijklmnop";
    static final String SUPPORT_TOKEN = "support-token-0123456789abcdefghijklmn";
    static final ApiTokens TOKENS = ApiTokens.parse("API_TOKENS", "shop:" + SHOP_TOKEN + ",support:" + SUPPORT_TOKEN);
    static final OrderIdRules RULES = OrderIdRules.of(List.of("114"));

    final FakeApi api = new FakeApi();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ServiceMetrics metrics = new ServiceMetrics("desk-test");
    private final ServiceHttp http;

    /** With the tokens above, the given session times and, when {@code acts}, the fake API as order-id-service. */
    DeskServer(AccessSettings access, Duration idle, Duration maxAge, boolean acts) {
        DeskSettings settings = new DeskSettings(idle, maxAge, 100, acts ? Optional.of(api.url()) : Optional.empty());
        SupportDesk desk = new SupportDesk(settings, access, RULES, ctx -> api.url(), nanos::get,
                new ApiCalls(Json.mapper(), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        http = ServiceHttp.start("127.0.0.1", 0, 64 * 1024, metrics, new AccessControl(access),
                () -> new Health(true, Map.of()), () -> new Health(true, Map.of()), desk::routes);
    }

    DeskServer() {
        this(AccessSettings.tokens(TOKENS), Duration.ofMinutes(30), Duration.ofHours(8), true);
    }

    String base() {
        return "http://127.0.0.1:" + http.port();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public void close() {
        http.close();
        metrics.close();
        api.close();
    }
}
