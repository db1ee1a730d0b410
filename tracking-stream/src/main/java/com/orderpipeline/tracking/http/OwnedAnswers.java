package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.OwnedReads;
import io.javalin.http.Context;
import java.util.function.Function;

/**
 * Writes an {@link OwnedReads.Answer} of personal data: read here, the JSON with the headers naming who answered
 * and whether it is stale; from the owner, the owner's status and body as they are; unavailable, 503 with
 * Retry-After. Never cached by anyone between.
 */
final class OwnedAnswers {
    private OwnedAnswers() {
    }

    /** @param body the JSON of a value read here */
    static <T> void write(Context ctx, OwnedReads.Answer<T> answer, Function<OwnedReads.Answer.Local<T>, String> body) {
        ctx.header("Cache-Control", "private, no-store");
        if (answer instanceof OwnedReads.Answer.Local<T> local) {
            String json = body.apply(local);
            ctx.status(200).header(AnswerJson.SERVED_BY_HEADER, local.servedBy())
                    .header(AnswerJson.STALE_HEADER, Boolean.toString(local.stale()))
                    .contentType("application/json").result(json);
        } else if (answer instanceof OwnedReads.Answer.FromOwner<T> owner) {
            ctx.status(owner.status()).header(AnswerJson.SERVED_BY_HEADER, owner.servedBy())
                    .contentType(owner.status() == 200 ? "application/json" : "application/problem+json")
                    .result(owner.body());
        } else if (answer instanceof OwnedReads.Answer.Unavailable<T> unavailable) {
            throw ProblemException.unavailable(unavailable.detail(), unavailable.retryAfter());
        }
    }
}
