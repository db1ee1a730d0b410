package com.orderpipeline.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.AccessControl;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server every service runs: its own routes plus {@code /health/live}, {@code /health/ready} and
 * {@code /metrics} (Prometheus), a body size limit, and the one place where errors become RFC 9457
 * problem+json answers.
 */
public final class ServiceHttp implements AutoCloseable {
    public static final String PROBLEM_JSON = "application/problem+json";
    /**
     * Reads and drops a body too large to take, when it is small enough to read at all, before the 413 is sent: a
     * server that closes a connection with the client's bytes still unread makes TCP reset it, and the client,
     * still sending, then loses the answer. A client that sent {@code Expect: 100-continue} waits for the answer
     * instead of sending the body, so nothing is read from it; a body past {@value #MAX_DRAINED_BYTES} bytes is not
     * read either (that client may see the connection reset).
     */
    private static void drainTooLargeBody(Context ctx) {
        String expect = ctx.header("Expect");
        if ((expect != null && expect.equalsIgnoreCase("100-continue")) || ctx.contentLength() > MAX_DRAINED_BYTES) {
            return;
        }
        try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            LOG.debug("A client sending a body over the limit went away while it was read: {}", e.getMessage());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHttp.class);
    /** The largest body over the limit that is read (and dropped) so that its client gets the 413. */
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;
    /** Answers this large and larger are compressed; see {@link #compression()}. */
    static final int MIN_COMPRESSED_BYTES = 4 * 1024;

    private final Javalin javalin;

    private ServiceHttp(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts the server.
     *
     * @param port         0 picks a free port
     * @param maxBodyBytes larger request bodies get 413
     * @param readiness    asked on every {@code /health/ready}
     * @param routes       the service's own routes and settings
     */
    public static ServiceHttp start(String host, int port, long maxBodyBytes, ServiceMetrics metrics,
                                    Supplier<Health> readiness, Consumer<JavalinConfig> routes) {
        return start(host, port, maxBodyBytes, metrics, () -> new Health(true, Map.of()), readiness, routes);
    }

    /**
     * Starts the server with a liveness check of its own: {@code /health/live} answers 503 while it is down, so
     * that whatever runs the process restarts it.
     *
     * @param liveness asked on every {@code /health/live}; must answer at once
     */
    public static ServiceHttp start(String host, int port, long maxBodyBytes, ServiceMetrics metrics,
                                    Supplier<Health> liveness, Supplier<Health> readiness,
                                    Consumer<JavalinConfig> routes) {
        return start(host, port, maxBodyBytes, metrics, new AccessControl(AccessSettings.publicOnly()), liveness,
                readiness, routes);
    }

    /**
     * Starts the server with access control: every route declares its {@link Access} (health and metrics are
     * {@link Access#PUBLIC}), and {@code access} checks it before the route's handler runs.
     */
    public static ServiceHttp start(String host, int port, long maxBodyBytes, ServiceMetrics metrics,
                                    AccessControl access, Supplier<Health> liveness, Supplier<Health> readiness,
                                    Consumer<JavalinConfig> routes) {
        ObjectMapper json = Json.mapper();
        RequestTimers timers = new RequestTimers(metrics.registry());
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = compression();
            config.http.maxRequestSize = maxBodyBytes;
            config.http.prefer405over404 = true;
            // Jetty answers what it refuses before any route (framing, sizes, bad characters) through these
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(json)));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler(json)));
            config.router.ignoreTrailingSlashes = true;
            config.requestLogger.http(timers::record);
            config.routes.before(ctx -> {
                if (ctx.contentLength() > maxBodyBytes) {
                    drainTooLargeBody(ctx);
                    throw ProblemException.payloadTooLarge(maxBodyBytes).withHeader("Connection", "close");
                }
            });
            config.routes.beforeMatched(access::check);
            config.routes.get("/health/live", ctx -> health(json, ctx, liveness.get()), Access.PUBLIC);
            config.routes.get("/health/ready", ctx -> health(json, ctx, readiness.get()), Access.PUBLIC);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()), Access.PUBLIC);
            routes.accept(config);

            config.routes.exception(ProblemException.class, (e, ctx) -> problem(json, ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(json, ctx,
                    ProblemException.of(e.getStatus(), e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> problem(json, ctx, ClientErrors.of(e).orElseGet(() -> {
                LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                // RFC 9110's reason phrase; Javalin's HttpStatus says "Server Error"
                return new ProblemException(500, "about:blank", "Internal Server Error",
                        "The server failed to answer this request; the error is logged", List.of(), Optional.empty());
            })));
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    problem(json, ctx, ProblemException.notFound("No resource at " + ctx.path()));
                }
            });
            config.routes.error(405, "*", ctx -> problem(json, ctx,
                    ProblemException.of(405, ctx.method() + " is not allowed on " + ctx.path())));
        }).start(host, port);
        return new ServiceHttp(javalin);
    }

    /**
     * Gzip for answers of {@link #MIN_COMPRESSED_BYTES} and more, where the client accepts it. Below that a
     * compressed answer saves a kilobyte at most, while setting up the compressor for it costs both sides more than
     * the rest of a small request: an order's tracking answer (1 to 2.5 KB) went from 0.55 to 0.69 of
     * {@code /health/live} uncompressed (docs/performance.md).
     */
    private static CompressionStrategy compression() {
        CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
        gzip.setDefaultMinSizeForCompression(MIN_COMPRESSED_BYTES);
        return gzip;
    }

    private static void health(ObjectMapper json, Context ctx, Health health) {
        ObjectNode body = json.createObjectNode().put("status", health.up() ? "UP" : "DOWN");
        if (!health.components().isEmpty()) {
            body.set("components", json.valueToTree(health.components()));
        }
        ctx.status(health.up() ? 200 : 503).contentType("application/json").result(body.toString());
    }

    /** Writes an RFC 9457 body for the problem; the one place errors are turned into responses. */
    static void problem(ObjectMapper json, Context ctx, ProblemException e) {
        ObjectNode body = json.createObjectNode()
                .put("type", e.type())
                .put("title", e.title())
                .put("status", e.status())
                .put("detail", e.getMessage())
                .put("instance", ctx.path());
        e.extensions().forEach(body::put);
        if (!e.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            e.errors().forEach(f -> errors.addObject().put("field", f.field()).put("message", f.message()));
        }
        e.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        e.headers().forEach(ctx::header);
        ctx.status(e.status()).contentType(PROBLEM_JSON).result(body.toString());
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
