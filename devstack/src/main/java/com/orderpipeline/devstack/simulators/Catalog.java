package com.orderpipeline.devstack.simulators;

import java.util.List;
import java.util.SplittableRandom;

/** What the simulated shopper buys and where it ships to: a small shop's products and addresses in several countries. */
final class Catalog {
    record Product(String sku, String title, long unitPrice, boolean digital) {
    }

    record Destination(String name, String line1, String city, String region, String postalCode, String country,
                       String currency) {
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("B00X4WHP5E", "Kindle Paperwhite", 14_999, false),
            new Product("B07FZ8S74R", "Echo Dot (3rd Gen)", 3_999, false),
            new Product("B08N5WRWNW", "Fire TV Stick 4K", 4_999, false),
            new Product("0593135202", "Project Hail Mary (hardcover)", 2_099, false),
            new Product("B0BSHF7WHW", "USB-C Charging Cable, 2 m", 899, false),
            new Product("B09B8V1LZ3", "Noise-cancelling Headphones", 24_900, false),
            new Product("B07PGL2ZSL", "Stainless Water Bottle", 1_899, false),
            new Product("B0C1H26C46", "Mechanical Keyboard", 8_999, false),
            new Product("B00FLYWNYQ", "Cast Iron Skillet, 26 cm", 3_495, false),
            new Product("B084DWG2VQ", "Yoga Mat", 2_599, false),
            new Product("D-EBOOK-101", "The Pragmatic Programmer (e-book)", 2_999, true),
            new Product("D-MP3-2207", "Kind of Blue (album download)", 999, true),
            new Product("D-APP-5512", "Photo Editor Pro (licence)", 4_999, true));

    static final List<Destination> DESTINATIONS = List.of(
            new Destination("Ada Lovelace", "410 Terry Ave N", "Seattle", "WA", "98109", "US", "USD"),
            new Destination("Grace Hopper", "1 Pentagon Row", "Arlington", "VA", "22202", "US", "USD"),
            new Destination("Alan Turing", "78 High Street", "Wilmslow", "Cheshire", "SK9 1AA", "GB", "GBP"),
            new Destination("Emmy Noether", "Bunsenstraße 3", "Göttingen", "Niedersachsen", "37073", "DE", "EUR"),
            new Destination("Marie Curie", "11 Rue Pierre et Marie Curie", "Paris", null, "75005", "FR", "EUR"),
            new Destination("Hedy Lamarr", "Wiedner Hauptstraße 5", "Wien", null, "1040", "AT", "EUR"),
            new Destination("Katherine Johnson", "100 Queen St W", "Toronto", "ON", "M5H 2N2", "CA", "CAD"),
            new Destination("Yoshiko Sato", "1-1 Chiyoda", "Tokyo", null, "100-8111", "JP", "JPY"));

    private Catalog() {
    }

    static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }
}
