package com.orderpipeline.devstack.simulators;

/** The simulated carriers, and the tracking numbers they give a parcel: both derived from an ID, so a resend agrees. */
final class Parcels {
    private static final String[] CARRIERS = {"UPS", "DHL", "FedEx", "USPS", "Royal Mail"};

    private Parcels() {
    }

    static String carrier(String id) {
        return CARRIERS[Math.floorMod(id.hashCode(), CARRIERS.length)];
    }

    /** @param prefix how the carrier's numbers start, e.g. {@code 1Z} */
    static String trackingNumber(String prefix, String id) {
        return prefix + Integer.toUnsignedString(id.hashCode(), 36).toUpperCase() + id.substring(id.length() - 4);
    }
}
