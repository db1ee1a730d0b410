package com.orderpipeline.runtime.http.access;

import com.orderpipeline.runtime.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} is believed, from {@code TRUSTED_PROXIES}: a comma-separated list of
 * addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}). The client is the right-most address of the
 * header that is not itself a trusted proxy, so a client cannot pick its own address by sending the header;
 * from anyone else the header is ignored.
 */
public final class TrustedProxies {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public static TrustedProxies parse(String variable, String value) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            byte[] bytes = literal(address).orElseThrow(() -> new ConfigException(variable
                    + " must list IP addresses or CIDR ranges such as 10.0.0.0/8, not '" + trimmed + "'"));
            int bits;
            try {
                bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new ConfigException(variable + " has the range '" + trimmed + "' whose prefix length is not 0 to "
                        + bytes.length * 8);
            }
            ranges.add(new Range(bytes, bits));
        }
        return new TrustedProxies(ranges);
    }

    /** The client's address: the peer's, or, from a trusted proxy, the nearest untrusted one it forwarded for. */
    public String client(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!trusts(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    boolean trusts(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(range -> range.contains(bytes.get()));
    }

    /** Parses an IP literal only: a name is never resolved, so a header cannot make this look anything up. */
    private static Optional<byte[]> literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!LITERAL.matcher(bare).matches() || !(bare.contains(":") || bare.chars().filter(c -> c == '.').count() == 3)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
