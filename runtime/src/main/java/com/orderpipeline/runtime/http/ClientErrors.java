package com.orderpipeline.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Recognizes, in what a handler throws, the failures that a bad request causes in the libraries below it (a body
 * that ends early or is badly chunked, JSON past the parser's limits, invalid UTF-8) and names the problem the
 * client gets. Anything it does not recognize is the service's own failure.
 */
public final class ClientErrors {
    private ClientErrors() {
    }

    /** The client's problem behind {@code error} (looking through its causes), or empty when it is not the client's. */
    public static Optional<ProblemException> of(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ProblemException problem) {
                return Optional.of(problem);
            }
            if (e instanceof StreamConstraintsException limit) {
                // Jackson names the limit (nesting depth, number length, string length) and the value it met
                return Optional.of(ProblemException.badRequest("The request body is past a limit of the JSON parser: "
                        + limit.getOriginalMessage()));
            }
            if (e instanceof JsonProcessingException bad) {
                return Optional.of(ProblemException.badRequest("The request body is not valid JSON: "
                        + bad.getOriginalMessage() + (bad.getLocation() == null ? "" : " (line "
                        + bad.getLocation().getLineNr() + ", column " + bad.getLocation().getColumnNr() + ")")));
            }
            if (e instanceof CharacterCodingException) {
                return Optional.of(ProblemException.badRequest("The request is not valid UTF-8"));
            }
            if (e instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(ProblemException.of(http.getCode(), "The request is not valid HTTP: "
                        + e.getMessage()));
            }
            if (e instanceof EofException) {
                return Optional.of(ProblemException.badRequest("The request ended early: the connection closed before"
                        + " the whole body arrived"));
            }
        }
        return Optional.empty();
    }

    /** The problem for a request body that could not be read or parsed; a 400 saying so when nothing more is known. */
    public static ProblemException unreadableBody(java.io.IOException error) {
        return of(error).orElseGet(() -> ProblemException.badRequest("The request body could not be read: "
                + error.getMessage()));
    }
}
