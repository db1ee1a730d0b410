package com.orderpipeline.runtime.http;

import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error a client can act on, answered as an RFC 9457 problem+json body. Controllers and services throw
 * these; one handler in {@link ServiceHttp} turns them into responses.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String type;
    private final transient List<FieldError> errors;
    private final transient Optional<Duration> retryAfter;
    private final transient Map<String, String> extensions;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors,
                            Optional<Duration> retryAfter) {
        this(status, type, title, detail, errors, retryAfter, Map.of(), Map.of());
    }

    private ProblemException(int status, String type, String title, String detail, List<FieldError> errors,
                             Optional<Duration> retryAfter, Map<String, String> extensions, Map<String, String> headers) {
        super(detail);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "/problems/invalid-request", "The request is not valid", detail, errors, Optional.empty());
    }

    public static ProblemException badRequest(String detail) {
        return badRequest(detail, List.of());
    }

    /** A problem with no type of its own ({@code about:blank}), titled with the status's reason phrase. */
    public static ProblemException of(int status, String detail) {
        HttpStatus known = HttpStatus.forStatus(status);
        String title = known == HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
        return new ProblemException(status, "about:blank", title, detail, List.of(), Optional.empty());
    }

    public static ProblemException notFound(String detail) {
        return of(404, detail);
    }

    public static ProblemException unprocessable(String type, String title, String detail) {
        return new ProblemException(422, type, title, detail, List.of(), Optional.empty());
    }

    public static ProblemException payloadTooLarge(long limit) {
        return of(413, "The request body is larger than the limit of " + limit + " bytes");
    }

    public static ProblemException unsupportedMediaType(String given, String expected) {
        return of(415, "The request body must be " + expected
                + (given == null || given.isBlank() ? ", and no Content-Type was given" : ", not " + given));
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "about:blank", "Service Unavailable", detail, List.of(), Optional.of(retryAfter));
    }

    /** The same problem with one more member in its body, such as a machine-readable {@code reason}. */
    public ProblemException withExtension(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new ProblemException(status, type, title, getMessage(), errors, retryAfter, more, headers);
    }

    /** The same problem with one more response header, such as {@code WWW-Authenticate} on a 401. */
    public ProblemException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(status, type, title, getMessage(), errors, retryAfter, extensions, more);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Map<String, String> extensions() {
        return extensions;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
