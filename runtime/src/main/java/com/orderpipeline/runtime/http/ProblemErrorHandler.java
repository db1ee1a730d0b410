package com.orderpipeline.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (bad framing, a URI or headers too large, bad characters: everything refused before
 * a route sees the request) as RFC 9457 problem+json, like every other error of the service, instead of Jetty's
 * HTML page. The body says what Jetty found wrong, never a stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final HttpField PROBLEM_JSON = new HttpField(HttpHeader.CONTENT_TYPE, ServiceHttp.PROBLEM_JSON);

    private final ObjectMapper json;

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = clientStatus(code);
        response.setStatus(status);
        response.getHeaders().put(PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(body(status, message, request.getHttpURI().getPath())), callback);
    }

    /** Answers before Jetty has a request at all, such as a request line it cannot parse. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(PROBLEM_JSON);
        return ByteBuffer.wrap(body(status, reason, null));
    }

    /**
     * 505 for an unknown HTTP version is the one 5xx a client causes on its own; it is the client's error, and a 5xx
     * must mean the service or a dependency failed, so it is answered 400.
     */
    private static int clientStatus(int code) {
        return code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : code;
    }

    private byte[] body(int status, String message, String path) {
        String title = HttpStatus.getMessage(status);
        var body = json.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", message == null || message.isBlank() ? title : message);
        if (path != null) {
            body.put("instance", path);
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
