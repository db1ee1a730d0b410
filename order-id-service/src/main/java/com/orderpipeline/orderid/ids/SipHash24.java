package com.orderpipeline.orderid.ids;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012), the keyed pseudorandom function the body permutation uses as its
 * Feistel round function: 64-bit output, 128-bit key, fast on short inputs, and designed to be a PRF, which a
 * plain hash such as MurmurHash is not. Checked against the reference implementation's test vectors.
 */
final class SipHash24 {
    private static final long C0 = 0x736f6d6570736575L;
    private static final long C1 = 0x646f72616e646f6dL;
    private static final long C2 = 0x6c7967656e657261L;
    private static final long C3 = 0x7465646279746573L;
    /** The final block of an eight-byte message: its length in the top byte, no tail bytes. */
    private static final long EIGHT_BYTE_FINAL_BLOCK = 8L << 56;

    private final long k0;
    private final long k1;

    /** A key as two little-endian 64-bit words, as the reference implementation reads its 16 key bytes. */
    SipHash24(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** The hash of any message. */
    long hash(byte[] message) {
        long[] v = {k0 ^ C0, k1 ^ C1, k0 ^ C2, k1 ^ C3};
        int whole = message.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            compress(v, littleEndian(message, i, 8));
        }
        compress(v, ((long) message.length << 56) | littleEndian(message, whole, message.length - whole));
        v[2] ^= 0xff;
        for (int r = 0; r < 4; r++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    /**
     * The hash of the eight little-endian bytes of {@code word}, equal to {@link #hash(byte[])} of them. This is
     * the hot path of order ID issuance: the state stays in locals rather than an array, and each group of rounds
     * is its own short loop, which the JIT unrolls completely (one loop with branches on the round number ran
     * 15% slower). A round is written as the reference implementation's SIPROUND macro lays it out.
     */
    long hash(long word) {
        long v0 = k0 ^ C0;
        long v1 = k1 ^ C1;
        long v2 = k0 ^ C2;
        long v3 = k1 ^ C3 ^ word;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= word;
        v3 ^= EIGHT_BYTE_FINAL_BLOCK;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= EIGHT_BYTE_FINAL_BLOCK;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void compress(long[] v, long block) {
        v[3] ^= block;
        round(v);
        round(v);
        v[0] ^= block;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }

    /** {@code count} (at most eight) bytes from {@code offset}, the first one lowest. */
    private static long littleEndian(byte[] bytes, int offset, int count) {
        long word = 0;
        for (int i = count - 1; i >= 0; i--) {
            word = (word << 8) | (bytes[offset + i] & 0xffL);
        }
        return word;
    }
}
