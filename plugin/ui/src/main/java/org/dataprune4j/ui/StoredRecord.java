package org.dataprune4j.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.deeplearning4j.core.storage.Persistable;

/**
 * One record of a pruning run in a DL4J {@code StatsStorage}: the run's static information or one epoch, as JSON.
 * Public with a no-argument constructor because DL4J's file storage re-creates stored records by class name.
 */
public final class StoredRecord implements Persistable {
    private static final long serialVersionUID = 1L;
    /** The format this class writes; a record with another is refused, not misread. */
    private static final int FORMAT = 1;

    private String sessionId;
    private String typeId;
    private String workerId;
    private long timestamp;
    private String json;

    /** For DL4J's storage, which decodes into a new instance. */
    public StoredRecord() {
    }

    StoredRecord(String sessionId, String typeId, String workerId, long timestamp, String json) {
        this.sessionId = sessionId;
        this.typeId = typeId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.json = json;
    }

    /** The record's content, a JSON object. */
    public String json() {
        return json;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return typeId;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeInt(FORMAT);
        writeString(out, sessionId);
        writeString(out, typeId);
        writeString(out, workerId);
        out.writeLong(timestamp);
        writeString(out, json);
        out.flush();
    }

    @Override
    public void decode(byte[] decode) {
        try {
            decode(new ByteArrayInputStream(decode));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored DataPrune4J record is truncated or corrupt: " + e, e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        DataInputStream in = new DataInputStream(inputStream);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("A DataPrune4J record of format " + format + ", this version reads format " + FORMAT
                    + ": read the storage with the dataprune4j-ui version that wrote it");
        }
        sessionId = readString(in);
        typeId = readString(in);
        workerId = readString(in);
        timestamp = in.readLong();
        json = readString(in);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20) {
            throw new IOException("a string of " + n + " bytes");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "StoredRecord[session " + sessionId + ", " + typeId + ", worker " + workerId + ", at " + timestamp
                + ", " + json.length() + " chars]";
    }
}
