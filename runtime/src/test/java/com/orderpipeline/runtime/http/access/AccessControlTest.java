package com.orderpipeline.runtime.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a caller sees of access control on a real server: 401, 403, 429, and a handler that ran or did not. */
class AccessControlTest {
    static final String SHOP_TOKEN = "shop-token-0123456789abcdefghijklmnop";
    static final String SUPPORT_TOKEN = "support-token-0123456789abcdefghijklmn";
    private static final ApiTokens TOKENS = ApiTokens.parse("API_TOKENS", "shop:" + SHOP_TOKEN + ",support:" + SUPPORT_TOKEN);

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger handled = new AtomicInteger();
    private ServiceMetrics metrics;
    private ServiceHttp http;

    @AfterEach
    void stop() {
        http.close();
        metrics.close();
    }

    private void start(AccessSettings settings) {
        metrics = new ServiceMetrics("test");
        http = ServiceHttp.start("localhost", 0, 64 * 1024, metrics, new AccessControl(settings),
                () -> new Health(true, Map.of()), () -> new Health(true, Map.of()), config -> {
                    config.routes.get("/public", ctx -> ctx.result("public"), Access.PUBLIC);
                    config.routes.get("/lookup", ctx -> ctx.result("looked up"), Access.LOOKUP);
                    config.routes.post("/orders", ctx -> {
                        handled.incrementAndGet();
                        ctx.result(AccessControl.caller(ctx).map(Caller::tokenName).orElse("nobody"));
                    }, Access.SHOP, Access.SUPPORT);
                    config.routes.get("/support", ctx -> {
                        handled.incrementAndGet();
                        ctx.result("support");
                    }, Access.SUPPORT);
                    config.routes.get("/undeclared", ctx -> handled.incrementAndGet());
                });
    }

    @Test
    void aRouteForShopOrSupportRefusesNoTokenWith401AndABearerChallengeAndDoesNothing() throws Exception {
        start(AccessSettings.tokens(TOKENS));
        HttpResponse<String> response = send("POST", "/orders", Optional.empty(), Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"order-pipeline\"");
        assertThat(response.body()).contains("Authorization: Bearer <token>").contains("shop or support");
        assertThat(handled).hasValue(0);
    }

    @Test
    void anUnknownTokenIs401InvalidTokenEvenOnAPublicRoute() throws Exception {
        start(AccessSettings.tokens(TOKENS));
        for (String path : new String[] {"/orders", "/public"}) {
            HttpResponse<String> response = send(path.equals("/orders") ? "POST" : "GET", path,
                    Optional.of("Bearer " + SHOP_TOKEN + "x"), Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"order-pipeline\", error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain(SHOP_TOKEN);
        }
        assertThat(send("POST", "/orders", Optional.of("Basic dXNlcjpwYXNz"), Map.of()).statusCode()).isEqualTo(401);
        assertThat(handled).hasValue(0);
    }

    @Test
    void aTokenOfAnotherRoleIs403AndDoesNothing() throws Exception {
        start(AccessSettings.tokens(TOKENS));
        HttpResponse<String> response = send("GET", "/support", Optional.of("Bearer " + SHOP_TOKEN), Map.of());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("A shop token may not do this").contains("the role support");
        assertThat(handled).hasValue(0);
    }

    @Test
    void eitherRolesTokenIsLetThroughAndTheCallerIsNamedByFingerprintNotToken() throws Exception {
        start(AccessSettings.tokens(TOKENS));
        HttpResponse<String> shop = send("POST", "/orders", Optional.of("Bearer " + SHOP_TOKEN), Map.of());
        HttpResponse<String> support = send("POST", "/orders", Optional.of("bearer " + SUPPORT_TOKEN), Map.of());
        assertThat(shop.statusCode()).isEqualTo(200);
        assertThat(shop.body()).matches("shop:[0-9a-f]{8}");
        assertThat(support.statusCode()).isEqualTo(200);
        assertThat(support.body()).matches("support:[0-9a-f]{8}");
        assertThat(send("GET", "/support", Optional.of("Bearer " + SUPPORT_TOKEN), Map.of()).statusCode()).isEqualTo(200);
        assertThat(handled).hasValue(3);
    }

    @Test
    void aRouteThatDeclaresNoAccessIsRefusedRatherThanOpen() throws Exception {
        start(AccessSettings.tokens(TOKENS));
        assertThat(send("GET", "/undeclared", Optional.of("Bearer " + SUPPORT_TOKEN), Map.of()).statusCode()).isEqualTo(500);
        assertThat(handled).hasValue(0);
    }

    @Test
    void withAuthDisabledEveryRouteIsOpen() throws Exception {
        start(new AccessSettings(Optional.empty(), true, 0, TrustedProxies.none()));
        assertThat(send("POST", "/orders", Optional.empty(), Map.of()).body()).isEqualTo("nobody");
        assertThat(send("GET", "/support", Optional.empty(), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void lookupsAreLimitedPerClientAtTheConfiguredRateWithTwiceItAsBurstAndNotBelow() throws Exception {
        start(AccessSettings.tokens(TOKENS).withRatePerSecond(5));
        send("GET", "/public", Optional.empty(), Map.of());
        long start = System.nanoTime();
        int accepted = 0;
        HttpResponse<String> refused = null;
        while (refused == null && accepted < 200) {
            HttpResponse<String> response = send("GET", "/lookup", Optional.empty(), Map.of());
            if (response.statusCode() == 200) {
                accepted++;
            } else {
                refused = response;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the burst of 10 at least, and no more than the burst plus what 5 a second refilled meanwhile
        assertThat(accepted).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (int) Math.ceil(5 * seconds));
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("More than 5 lookups a second from 127.0.0.1");
        // a caller with a token is not limited, and public routes never are
        assertThat(send("GET", "/lookup", Optional.of("Bearer " + SHOP_TOKEN), Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/public", Optional.empty(), Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/health/live", Optional.empty(), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeerSoAClientCannotDodgeItsLimit() throws Exception {
        start(AccessSettings.tokens(TOKENS).withRatePerSecond(1));
        assertThat(send("GET", "/lookup", Optional.empty(), Map.of("X-Forwarded-For", "198.51.100.1")).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/lookup", Optional.empty(), Map.of("X-Forwarded-For", "198.51.100.2")).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/lookup", Optional.empty(), Map.of("X-Forwarded-For", "198.51.100.3")).statusCode()).isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimit() throws Exception {
        start(new AccessSettings(Optional.of(TOKENS), false, 1, TrustedProxies.parse("TRUSTED_PROXIES", "127.0.0.0/8")));
        for (String client : new String[] {"198.51.100.1", "198.51.100.2"}) {
            assertThat(send("GET", "/lookup", Optional.empty(), Map.of("X-Forwarded-For", client)).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/lookup", Optional.empty(), Map.of("X-Forwarded-For", client)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> third = send("GET", "/lookup", Optional.empty(), Map.of("X-Forwarded-For", "198.51.100.1"));
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("from 198.51.100.1");
    }

    private HttpResponse<String> send(String method, String path, Optional<String> authorization,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
