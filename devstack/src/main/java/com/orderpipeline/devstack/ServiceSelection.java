package com.orderpipeline.devstack;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which of the pipeline's services run inside devstack, from {@code --services}. */
record ServiceSelection(Set<Service> services) {

    /** The services devstack can run in-process. */
    enum Service {
        ORDER_ID_SERVICE("order-id-service"),
        FULFILLMENT_STREAM("fulfillment-stream"),
        TRACKING_STREAM("tracking-stream"),
        RETURNS_STREAM("returns-stream"),
        NOTIFIER("notifier");

        final String cliName;

        Service(String cliName) {
            this.cliName = cliName;
        }
    }

    static ServiceSelection parse(String... names) {
        Set<Service> chosen = EnumSet.noneOf(Service.class);
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "all" -> chosen.addAll(EnumSet.allOf(Service.class));
                case "none", "" -> {
                    // nothing to add
                }
                default -> {
                    Service service = Arrays.stream(Service.values()).filter(s -> s.cliName.equals(name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("Unknown service '" + raw + "' in --services;"
                                    + " known: all, none, " + Arrays.stream(Service.values()).map(s -> s.cliName)
                                    .collect(Collectors.joining(", "))));
                    chosen.add(service);
                }
            }
        }
        return new ServiceSelection(chosen);
    }

    boolean runs(Service service) {
        return services.contains(service);
    }
}
