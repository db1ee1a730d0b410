package com.orderpipeline.tracking.support;

/**
 * One thing that happened to an order, as the support history keeps it: what kind, which one of its kind, and
 * its entry in the JSON the support view is made of ({@link SupportRecords}).
 *
 * @param id names the record within its order and kind, so that a re-delivered one replaces the first
 */
public record SupportRecord(Kind kind, String id, String json) {

    /** The kinds of records, each under its own letter of the history's keys. */
    public enum Kind {
        FULFILLMENT("F"), RETURN("R"), REFUND("P"), REJECTION("X");

        private final String letter;

        Kind(String letter) {
            this.letter = letter;
        }

        String letter() {
            return letter;
        }
    }
}
