package com.orderpipeline.embedded.testing.fuzz;

import java.util.Locale;
import java.util.Optional;

/**
 * What a client may see for bad input: a 4xx, never a 5xx; problem+json from an API; from the tracking page an
 * HTML page for a person (or problem+json where the request never reached the page, such as bad framing), and
 * never the input's markup unescaped. A client that left before its answer may get none.
 */
public final class Expect {
    private static final String PROBLEM_JSON = "application/problem+json";

    private Expect() {
    }

    /** The answer of an HTTP API to bad input. */
    public static Fuzz.Check problemJson() {
        return (request, answer) -> clientError(request, answer)
                .or(() -> answer.status() == 0 || answer.contentType().startsWith(PROBLEM_JSON) ? Optional.empty()
                        : Optional.of("the answer is not " + PROBLEM_JSON));
    }

    /** The tracking page's answer: an HTML page, or a redirect from the form to the order's own address. */
    public static Fuzz.Check page() {
        return (request, answer) -> {
            if (answer.status() == 303) {
                String location = answer.headers().getOrDefault("location", "");
                return location.startsWith("/track/") && location.chars().noneMatch(c -> "<>\"' ".indexOf(c) >= 0)
                        ? Optional.empty() : Optional.of("the form redirects to an unsafe address: " + location);
            }
            Optional<String> wrong = clientError(request, answer);
            if (wrong.isPresent() || answer.status() == 0 || answer.contentType().startsWith(PROBLEM_JSON)) {
                return wrong;
            }
            if (!answer.contentType().startsWith("text/html")) {
                return Optional.of("the page answered neither HTML nor problem+json");
            }
            for (String markup : JunkText.MARKUP) {
                if (answer.body().contains(markup)) {
                    return Optional.of("the page reflects markup unescaped: " + markup);
                }
            }
            return answer.body().toLowerCase(Locale.ROOT).contains("<script") ? Optional.of("the page holds a <script>")
                    : Optional.empty();
        };
    }

    private static Optional<String> clientError(BadRequest request, RawHttp.Answer answer) {
        if (answer.status() == 0) {
            return request.halfClose() ? Optional.empty() : Optional.of("no answer, though the client waited for one");
        }
        return answer.status() >= 400 && answer.status() < 500 ? Optional.empty()
                : Optional.of("answered " + answer.status() + " to bad input, not a 4xx");
    }
}
