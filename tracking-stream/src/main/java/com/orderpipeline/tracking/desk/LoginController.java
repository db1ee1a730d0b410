package com.orderpipeline.tracking.desk;

import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.http.access.Audit;
import com.orderpipeline.runtime.http.access.Caller;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /support/} (the login form, or the search box once logged in), {@code POST /support/login} (a
 * support token, checked against the service's {@code API_TOKENS}, opens a session) and
 * {@code POST /support/logout} (ends it on the server and clears the cookie). A token is never echoed, logged or
 * put in the cookie: the cookie holds only the session's random ID. Logins, refused logins and logouts are
 * audit lines.
 */
final class LoginController {
    static final String TOKEN_FIELD = "token";
    private static final String SUBJECT = "support desk";

    private final Sessions sessions;
    private final AccessSettings access;

    LoginController(Sessions sessions, AccessSettings access) {
        this.sessions = sessions;
        this.access = access;
    }

    void home(Context ctx) {
        Optional<Session> session = sessions.find(DeskHttp.sessionId(ctx));
        if (session.isPresent()) {
            String body = session.get().takeNotice().map(DeskPage::notice).orElse("") + "<h1>Look up an order or a customer</h1>"
                    + DeskPage.search("");
            DeskHttp.html(ctx, 200, DeskPage.render("Look up", session, body));
            return;
        }
        if (DeskHttp.sessionId(ctx).isPresent()) {
            DeskHttp.clearSession(ctx);
        }
        String notice = ctx.queryParam("loggedOut") == null ? "" : DeskPage.notice("You are logged out.");
        DeskHttp.html(ctx, 200, loginPage(notice));
    }

    void login(Context ctx) {
        Optional<String> foreign = FormGuard.sameOrigin(ctx);
        if (foreign.isPresent()) {
            refuse(ctx, 403, foreign.get() + ". Log in from the desk's own page.");
            return;
        }
        String token = Optional.ofNullable(ctx.formParam(TOKEN_FIELD)).orElse("").strip();
        Optional<Caller> caller = token.isEmpty() ? Optional.empty() : access.tokens().flatMap(tokens -> tokens.find(token));
        if (caller.isPresent() && caller.get().role() != Access.SUPPORT) {
            Audit.record(caller.get().tokenName(), SUBJECT, "refused a login with a " + caller.get().role().roleName() + " token");
            refuse(ctx, 403, "That is a " + caller.get().role().roleName() + " token: only a support token opens the desk.");
            return;
        }
        if (caller.isEmpty() && !access.authDisabled()) {
            if (!token.isEmpty()) {
                Audit.record("unknown token", SUBJECT, "refused a login");
            }
            refuse(ctx, 401, token.isEmpty() ? "Please enter your support token."
                    : "That token is not one this service accepts. Check it, or ask for a new one if it was rotated out.");
            return;
        }
        DeskHttp.sessionId(ctx).ifPresent(sessions::end);
        Session session = sessions.open(caller, caller.map(found -> token));
        Audit.record(session.who(), SUBJECT, "logged in");
        DeskHttp.setSession(ctx, session.id());
        DeskHttp.seeOther(ctx, DeskPage.HOME);
    }

    void logout(Context ctx) {
        Optional<Session> session = sessions.find(DeskHttp.sessionId(ctx));
        if (session.isPresent()) {
            Optional<String> refused = FormGuard.check(ctx, session.get());
            if (refused.isPresent()) {
                DeskHttp.html(ctx, 403, DeskPage.render("Not logged out", session, DeskPage.problem(refused.get()
                        + ": you are still logged in. Use the Log out button of the desk's page.")));
                return;
            }
            sessions.end(session.get().id());
            Audit.record(session.get().who(), SUBJECT, "logged out");
        }
        DeskHttp.clearSession(ctx);
        DeskHttp.seeOther(ctx, DeskPage.HOME + "?loggedOut");
    }

    private void refuse(Context ctx, int status, String message) {
        DeskHttp.html(ctx, status, loginPage(DeskPage.problem(message)));
    }

    private String loginPage(String message) {
        StringBuilder body = new StringBuilder("<h1>Log in to the support desk</h1>").append(message);
        if (access.authDisabled()) {
            body.append("<p id=\"auth-disabled\" class=\"warning\" role=\"alert\">Access control is off on this service"
                    + " (AUTH_DISABLED=true): anyone who reaches this page can use the desk and see customers' personal"
                    + " data. No token is needed.</p>");
        }
        body.append("<section class=\"card\"><form id=\"login-form\" method=\"post\" action=\"/support/login\">")
                .append("<label for=\"token\">Support token</label><input id=\"token\" name=\"").append(TOKEN_FIELD)
                .append("\" type=\"password\" autocomplete=\"off\" spellcheck=\"false\"")
                .append(access.authDisabled() ? "" : " required").append(">")
                .append("<button id=\"login-button\" type=\"submit\">").append(access.authDisabled() ? "Enter" : "Log in")
                .append("</button></form><p class=\"hint\">The support token of API_TOKENS you were given. You stay logged in")
                .append(" until you log out or leave the desk unused for a while.</p></section>");
        return DeskPage.render("Log in", Optional.empty(), body.toString());
    }
}
