package com.orderpipeline.runtime.http.access;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of personal data: one line on the logger {@value #LOGGER} for every read of personal data and
 * every action taken for a customer, naming who (the token's name, never the token), which order or customer,
 * and what, but never the data itself. The line carries the three as key-value pairs too ({@code who},
 * {@code subject}, {@code action}), so the JSON log format gives them as fields; an operator can route the
 * logger to its own file or shipper (docs/access.md).
 */
public final class Audit {
    /** The logger the audit lines go to. */
    public static final String LOGGER = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private Audit() {
    }

    /** Who a request's audit line names: its caller's token name, or "no token" when access control is disabled. */
    public static String who(Context ctx) {
        return AccessControl.caller(ctx).map(Caller::tokenName).orElse("no token (AUTH_DISABLED)");
    }

    /**
     * @param who     the caller's token name ({@link Caller#tokenName()}), or what stands for it when access
     *                control is disabled
     * @param subject the order ID or customer ID concerned
     * @param action  what was done or read, in a few words ("read the support view", "requested cancellation")
     */
    public static void record(String who, String subject, String action) {
        LOG.atInfo()
                .addKeyValue("who", who)
                .addKeyValue("subject", subject)
                .addKeyValue("action", action)
                .log("{} {}: {}", who, action, subject);
    }
}
