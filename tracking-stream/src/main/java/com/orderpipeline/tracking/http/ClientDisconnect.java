package com.orderpipeline.tracking.http;

import io.javalin.http.Context;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * Notices a client that closes its connection while its long poll waits. Neither the Servlet API nor Jetty
 * tells an application that on their own (Jetty reads nothing from an HTTP/1.1 connection while a request is
 * being answered), so a closed connection would keep its waiter until the timeout. Here the connection is
 * watched for readability: a client that sent its request and waits for the answer sends nothing more, so the
 * connection becomes readable only when the client closes it.
 *
 * <p>The watch must be stopped before the answer is written, so Jetty can watch the connection for the next
 * request again.
 */
final class ClientDisconnect {
    private static final Runnable NOT_WATCHED = () -> {
    };

    private ClientDisconnect() {
    }

    /**
     * Runs {@code onGone} (once, on a Jetty thread) if the client closes the connection; answers the action that
     * stops watching. Where the connection cannot be watched (not Jetty's HTTP/1.1 endpoint), nothing is watched
     * and the wait ends at its timeout as usual.
     */
    static Runnable watch(Context ctx, Runnable onGone) {
        EndPoint endPoint;
        try {
            endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                    .getConnection().getEndPoint();
        } catch (RuntimeException e) {
            return NOT_WATCHED;
        }
        if (!(endPoint instanceof AbstractEndPoint watched)) {
            return NOT_WATCHED;
        }
        AtomicBoolean watching = new AtomicBoolean(true);
        boolean registered = watched.tryFillInterested(new Callback() {
            @Override
            public void succeeded() {
                if (watching.compareAndSet(true, false)) {
                    onGone.run();
                }
            }

            @Override
            public void failed(Throwable cause) {
                // the watch was stopped, or the connection failed: either way the answer path takes over
            }
        });
        if (!registered) {
            return NOT_WATCHED;
        }
        return () -> {
            if (watching.compareAndSet(true, false)) {
                watched.getFillInterest().onFail(new CancellationException("answered"));
            }
        };
    }
}
