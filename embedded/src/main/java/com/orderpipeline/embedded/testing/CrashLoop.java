package com.orderpipeline.embedded.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A service process killed with SIGKILL several times in a row while its input keeps arriving, started again
 * after each kill, and timed: from each restart's launch to the first output it commits. The kills fall at
 * 1/(n+2), 2/(n+2), … of the input, so every run of the service has input to work on.
 */
public final class CrashLoop {

    /** How long each restart took to commit output again, and the process running at the end. */
    public record Result(List<Duration> recoveries, ServiceProcess last) {
    }

    private CrashLoop() {
    }

    /**
     * @param restart          starts run {@code k} (1 to {@code kills}) on the same state as the one before
     * @param inputsSent       how much input was sent so far
     * @param inputsTotal      how much input is sent in all
     * @param inputsLeft       whether input is still to come (it must be, at every kill)
     * @param outputsCommitted how much output is committed now, as a read_committed consumer sees it
     */
    public static Result run(String service, int kills, ServiceProcess first, IntFunction<ServiceProcess> restart,
                             IntSupplier inputsSent, int inputsTotal, BooleanSupplier inputsLeft, IntSupplier outputsCommitted) {
        ServiceProcess current = first;
        List<Duration> recoveries = new ArrayList<>();
        for (int kill = 1; kill <= kills; kill++) {
            int threshold = inputsTotal * kill / (kills + 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> inputsSent.getAsInt() >= threshold);
            current.kill();
            if (!inputsLeft.getAsBoolean()) {
                throw new AssertionError("No input left to send when " + service + " was killed the " + kill
                        + ". time: the restarts took too long for the input");
            }
            int outputsAtKill = outputsCommitted.getAsInt();

            long launched = System.nanoTime();
            current = restart.apply(kill);
            // processing again: the restarted process commits the output of input sent since the kill
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> outputsCommitted.getAsInt() > outputsAtKill);
            recoveries.add(Duration.ofNanos(System.nanoTime() - launched));
        }
        System.out.println(service + " SIGKILLed " + kills + " times: from each restart to its first committed output "
                + recoveries.stream().map(d -> d.toMillis() + " ms").toList());
        return new Result(recoveries, current);
    }
}
