package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.desk.DeskServer.SHOP_TOKEN;
import static com.orderpipeline.tracking.desk.DeskServer.SUPPORT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.http.access.AccessSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupportDeskLoginTest {
    private final DeskServer desk = new DeskServer();
    private final Browser browser = new Browser(desk.base());

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void withoutASessionTheDeskShowsTheLoginForm() {
        HttpResponse<String> page = browser.get("/support/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"login-form\"", "Support token").doesNotContain("id=\"search-form\"");
    }

    @Test
    void everyPageForbidsCachingFramingScriptsAndReferrersToOtherSites() {
        HttpResponse<String> page = browser.get("/support/");

        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "form-action 'self'", "frame-ancestors 'none'").doesNotContain("script-src"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).as("never to another site").contains("same-origin");
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    void aSupportTokenOpensASessionInAnHttpOnlyStrictCookie() {
        HttpResponse<String> login = browser.logIn(SUPPORT_TOKEN);

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/support/");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("support_session=").contains("; Path=/support", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain(SUPPORT_TOKEN, "Secure");
        HttpResponse<String> home = browser.get("/support/");
        assertThat(home.body()).contains("id=\"search-form\"", "id=\"logout\"", "support:")
                .doesNotContain(SUPPORT_TOKEN, "id=\"login-form\"");
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() {
        HttpResponse<String> login = browser.post("/support/login", Map.of("token", SUPPORT_TOKEN),
                "X-Forwarded-Proto", "https");

        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void aShopTokenIsRefusedWithTheFormBackAndNoSession() {
        HttpResponse<String> login = browser.logIn(SHOP_TOKEN);

        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.body()).contains("id=\"login-form\"", "only a support token opens the desk")
                .doesNotContain(SHOP_TOKEN);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(browser.get("/support/desk/order/" + SupportViews.ORDER).statusCode()).isEqualTo(303);
    }

    @Test
    void anUnknownTokenIsRefusedWithoutEchoingIt() {
        String guess = "support-token-guessed-0123456789abcdef";
        HttpResponse<String> login = browser.logIn(guess);

        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).contains("id=\"login-form\"", "not one this service accepts").doesNotContain(guess);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(browser.logIn("").statusCode()).isEqualTo(401);
    }

    @Test
    void aLoginFromAnotherSiteIsRefused() {
        HttpResponse<String> login = browser.post("/support/login", Map.of("token", SUPPORT_TOKEN),
                "Origin", "https://evil.example");

        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(browser.post("/support/login", Map.of("token", SUPPORT_TOKEN), "Origin", desk.base()).statusCode())
                .as("from the desk's own origin").isEqualTo(303);
    }

    @Test
    void behindAProxyThatRewritesTheHostTheOriginIsCheckedAgainstTheForwardedHost() {
        assertThat(browser.post("/support/login", Map.of("token", SUPPORT_TOKEN), "Origin", "https://desk.example",
                "X-Forwarded-Host", "desk.example").statusCode()).isEqualTo(303);
        assertThat(browser.post("/support/login", Map.of("token", SUPPORT_TOKEN), "Origin", "https://evil.example",
                "X-Forwarded-Host", "desk.example").statusCode()).isEqualTo(403);
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        browser.logIn(SUPPORT_TOKEN);
        String session = browser.cookie.orElseThrow();
        browser.get("/support/");

        HttpResponse<String> logout = browser.post("/support/logout", Map.of("csrf", browser.field("csrf")));

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("support_session=;", "Max-Age=0");
        browser.cookie = java.util.Optional.of(session);
        assertThat(browser.get("/support/desk/order/" + SupportViews.ORDER).statusCode())
                .as("the old cookie sent again").isEqualTo(303);
        assertThat(browser.get("/support/").body()).contains("id=\"login-form\"");
        assertThat(desk.api.requests).isEmpty();
    }

    @Test
    void aLogoutWithoutTheFormTokenDoesNotEndTheSession() {
        browser.logIn(SUPPORT_TOKEN);

        assertThat(browser.post("/support/logout", Map.of()).statusCode()).isEqualTo(403);

        assertThat(browser.get("/support/").body()).contains("id=\"search-form\"");
    }

    @Test
    void anUnknownCookieIsTheLoginPageAndIsCleared() {
        browser.cookie = java.util.Optional.of("made-up-session-id");

        HttpResponse<String> page = browser.get("/support/");

        assertThat(page.body()).contains("id=\"login-form\"");
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    }

    @Test
    void aSessionLeftIdleEndsAndTheDeskAsksForTheLoginAgain() {
        browser.logIn(SUPPORT_TOKEN);
        desk.advance(Duration.ofMinutes(31));

        HttpResponse<String> page = browser.get("/support/desk/order/" + SupportViews.ORDER);

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/support/");
        assertThat(desk.api.requests).isEmpty();
    }

    @Test
    void withAccessControlOffThePageSaysSoAndLetsTheAgentInWithoutAToken() {
        try (DeskServer open = new DeskServer(AccessSettings.disabled(), Duration.ofMinutes(30), Duration.ofHours(8), false)) {
            Browser agent = new Browser(open.base());

            assertThat(agent.get("/support/").body()).contains("AUTH_DISABLED=true");
            assertThat(agent.logIn("").statusCode()).isEqualTo(303);
            assertThat(agent.get("/support/").body()).contains("no token (AUTH_DISABLED)", "id=\"search-form\"");
        }
    }
}
