package com.orderpipeline.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0}, bytes 1-4 the schema id (big-endian),
 * the rest the Avro binary encoding of the record.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Reads the schema id from a framed record, refusing anything that is not in the wire format. */
    public static int schemaId(String topic, byte[] framed) {
        if (framed.length < HEADER_SIZE) {
            throw new SerializationException("Record on topic '" + topic + "' has " + framed.length
                    + " bytes, too short for the Confluent wire format (magic byte, 4-byte schema id, Avro data)");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Record on topic '%s' starts with byte 0x%02x, not the magic byte 0x00 of the Confluent wire format",
                    topic, framed[0]));
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    /** Writes the 5-byte header for a schema id, before the record's Avro data. */
    public static void writeHeader(OutputStream out, int schemaId) throws IOException {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }
}
