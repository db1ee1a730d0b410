package com.orderpipeline.fulfillment.routing;

import com.orderpipeline.schemas.avro.Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which warehouse fulfills an order shipped to an address: the route with the longest matching postal prefix
 * in the destination country, else the route for the whole country, else the default warehouse. Written as
 * {@code US-98:SEA-1,US:NYC-1,DE:BER-1} (country, optional {@code -postal prefix}, {@code :} warehouse id).
 * Immutable.
 */
public final class WarehouseRoutes {
    private static final Pattern ROUTE = Pattern.compile("([A-Za-z]{2})(?:-([A-Za-z0-9 ]+))?:([A-Za-z0-9._-]+)");
    private static final Pattern WAREHOUSE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    /** One rule: orders to this country (and postal prefix, empty for the whole country) go to the warehouse. */
    public record Route(String country, String postalPrefix, String warehouseId) {
        boolean matches(String destinationCountry, String destinationPostalCode) {
            return country.equals(destinationCountry) && destinationPostalCode.startsWith(postalPrefix);
        }
    }

    private final List<Route> routes;
    private final String defaultWarehouse;

    private WarehouseRoutes(List<Route> routes, String defaultWarehouse) {
        // the most specific route first, so the first match is the one that wins
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route route) -> route.postalPrefix().length()).reversed())
                .toList();
        this.defaultWarehouse = defaultWarehouse;
    }

    /**
     * Reads the routes; blank means every order goes to the default warehouse.
     *
     * @throws IllegalArgumentException naming the first entry that is not a route, or a country and postal
     *                                  prefix routed twice
     */
    public static WarehouseRoutes parse(String routes, String defaultWarehouse) {
        Objects.requireNonNull(defaultWarehouse, "defaultWarehouse");
        if (!isWarehouseId(defaultWarehouse)) {
            throw new IllegalArgumentException("'" + defaultWarehouse
                    + "' is not a warehouse id (letters, digits, '.', '_' and '-')");
        }
        List<Route> parsed = new ArrayList<>();
        for (String entry : routes == null ? new String[0] : routes.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher matcher = ROUTE.matcher(entry.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not a route: write COUNTRY:WAREHOUSE or"
                        + " COUNTRY-POSTALPREFIX:WAREHOUSE, such as US:NYC-1 or US-98:SEA-1");
            }
            Route route = new Route(matcher.group(1).toUpperCase(Locale.ROOT), normalPostalCode(matcher.group(2)),
                    matcher.group(3));
            if (parsed.stream().anyMatch(r -> r.country().equals(route.country())
                    && r.postalPrefix().equals(route.postalPrefix()))) {
                throw new IllegalArgumentException("'" + entry.trim() + "' routes " + route.country()
                        + (route.postalPrefix().isEmpty() ? "" : "-" + route.postalPrefix()) + " a second time");
            }
            parsed.add(route);
        }
        return new WarehouseRoutes(parsed, defaultWarehouse);
    }

    /** Whether the text can be a warehouse id: letters, digits, '.', '_' and '-'. */
    public static boolean isWarehouseId(String text) {
        return text != null && WAREHOUSE_ID.matcher(text).matches();
    }

    /** The warehouse for an order shipped to this address. */
    public String warehouseFor(Address shipTo) {
        String country = shipTo.getCountry().trim().toUpperCase(Locale.ROOT);
        String postalCode = normalPostalCode(shipTo.getPostalCode());
        for (Route route : routes) {
            if (route.matches(country, postalCode)) {
                return route.warehouseId();
            }
        }
        return defaultWarehouse;
    }

    public List<Route> routes() {
        return routes;
    }

    public String defaultWarehouse() {
        return defaultWarehouse;
    }

    /** Upper case without spaces, so {@code sw1a 1aa} matches a route for {@code SW1A}. */
    private static String normalPostalCode(String postalCode) {
        return postalCode == null ? "" : postalCode.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Route route : routes) {
            text.append(route.country()).append(route.postalPrefix().isEmpty() ? "" : "-" + route.postalPrefix())
                    .append(':').append(route.warehouseId()).append(',');
        }
        return text.append("*:").append(defaultWarehouse).toString();
    }
}
