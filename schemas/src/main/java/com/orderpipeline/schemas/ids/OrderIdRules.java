package com.orderpipeline.schemas.ids;

import com.orderpipeline.schemas.avro.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which prefixes a deployment accepts: its configured physical marketplaces (three digits each, e.g.
 * {@code 114}) and, always, {@link #DIGITAL_PREFIX} for digital orders. Immutable.
 */
public final class OrderIdRules {
    /** The prefix of every digital order. */
    public static final String DIGITAL_PREFIX = "D01";

    private final Set<String> physicalPrefixes;
    private final List<String> knownPrefixes;

    private OrderIdRules(Set<String> physicalPrefixes) {
        this.physicalPrefixes = Collections.unmodifiableSet(new TreeSet<>(physicalPrefixes));
        List<String> known = new ArrayList<>(this.physicalPrefixes);
        known.add(DIGITAL_PREFIX);
        this.knownPrefixes = List.copyOf(known);
    }

    /** Rules for these physical prefixes; with none, only digital orders are known. */
    public static OrderIdRules of(String... physicalPrefixes) {
        return of(Arrays.asList(physicalPrefixes));
    }

    /** Rules for these physical prefixes; with none, only digital orders are known. */
    public static OrderIdRules of(Collection<String> physicalPrefixes) {
        Set<String> prefixes = new TreeSet<>();
        for (String prefix : physicalPrefixes) {
            if (!isPhysicalPrefix(prefix)) {
                throw new IllegalArgumentException("A physical order ID prefix is three digits, such as 114, not '"
                        + prefix + "'");
            }
            prefixes.add(prefix);
        }
        return new OrderIdRules(prefixes);
    }

    /** Whether {@code prefix} has the shape of a physical prefix: three ASCII digits. */
    public static boolean isPhysicalPrefix(String prefix) {
        if (prefix == null || prefix.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = prefix.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The configured physical prefixes, in ascending order. */
    public Set<String> physicalPrefixes() {
        return physicalPrefixes;
    }

    /** Every prefix these rules accept, physical ones in ascending order, then {@link #DIGITAL_PREFIX}. */
    public List<String> knownPrefixes() {
        return knownPrefixes;
    }

    /** The channel of orders with this (upper-case) prefix, or empty when the prefix is not known here. */
    public Optional<Channel> channelOf(String prefix) {
        if (DIGITAL_PREFIX.equals(prefix)) {
            return Optional.of(Channel.DIGITAL);
        }
        return physicalPrefixes.contains(prefix) ? Optional.of(Channel.PHYSICAL) : Optional.empty();
    }

    @Override
    public String toString() {
        return "OrderIdRules" + knownPrefixes;
    }
}
