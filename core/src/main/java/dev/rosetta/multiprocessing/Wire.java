package dev.rosetta.multiprocessing;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link Message} on a pipe: a hand-written frame, not a serialised record.
 *
 * <pre>
 * frame  := kind:byte fields
 *   START   package:utf initializer:object          DEFINE  id:long package:utf function:object
 *   JOB     id:long function:long values traced:boolean                  STOP
 *   READY   pid:long                    DONE    id:long values spans
 *   FAILED  id:long index:int type:utf message:object trace:object exception:bytes
 * bytes  := length:int byte*   (length -1: none; read by the receiver's own filter later, if at all)
 * values := count:int value*                spans := count:int span:utf*  (Span.encode)
 * value  := LIST count:int scalar* | INTS count:int int* | LONGS count:int long* | DOUBLES count:int double* | scalar
 * scalar := NULL | INT int | LONG long | DOUBLE double | BOOLEAN boolean | STRING utf | OBJECT object
 * </pre>
 *
 * <p><b>Why by hand.</b> Serialising a record costs reflection on both sides and a class
 * description after every reset; a task's id, a chunk's count and a boxed number are just a few
 * bytes. So frames are written with the stream's {@code DataOutput} methods, and only values that
 * are not plain numbers or short strings (or an {@code ArrayList} of them, as a chunk's arguments
 * and results are) go through {@code writeObject} (and so through the
 * allow-list filter on the way in). Both ends reset their stream every
 * {@link #RESET_EVERY} frames, which bounds the table of objects a stream remembers.
 *
 * <p><b>A value that cannot be serialised</b> (a list holding a thread, say) would make
 * {@code writeObject} fail half-way through a frame and leave the stream unreadable. So senders
 * check values first ({@link Pickle.Checker}); if a write fails anyway, the stream is given up
 * (the pool replaces that worker).
 *
 * <p>{@code DEFINE} names the package the function was written in, and the worker admits that
 * package to its allow-list: a learner's lambda in {@code com.example} works without any
 * {@code allow(...)}, while what comes back to the parent is still read through the parent's
 * own list.
 *
 * <p>Thread-safety: stateless; the caller owns the stream (one writer, one reader, each holding
 * its own lock or thread).
 */
final class Wire {
    /** Frames between two resets of a stream. */
    static final int RESET_EVERY = 256;

    private static final byte START = 1;
    private static final byte DEFINE = 2;
    private static final byte JOB = 3;
    private static final byte STOP = 4;
    private static final byte READY = 5;
    private static final byte DONE = 6;
    private static final byte FAILED = 7;

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte BOOLEAN = 4;
    private static final byte STRING = 5;
    private static final byte OBJECT = 6;
    private static final byte LIST = 7;
    private static final byte INTS = 8;
    private static final byte LONGS = 9;
    private static final byte DOUBLES = 10;
    /** Bytes packed at a time for a list of numbers. */
    private static final int PACK_BYTES = 8192;
    private static final java.lang.invoke.VarHandle INT_AT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_AT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    /** writeUTF takes at most 65,535 bytes, and a char may take 3. */
    private static final int MAX_UTF_CHARS = 65_535 / 3;

    private Wire() {
    }

    /**
     * Writes {@code message} as one frame (without flushing).
     *
     * @throws NotSerializableException a value could not be serialised: the stream is unusable
     */
    static void write(ObjectOutputStream out, Message message) throws IOException {
        switch (message) {
            case Message.Start start -> {
                out.writeByte(START);
                out.writeUTF(start.initializer() == null ? "" : Pickle.packageOf(start.initializer()));
                out.writeObject(start.initializer());
            }
            case Message.Define define -> {
                out.writeByte(DEFINE);
                out.writeLong(define.id());
                out.writeUTF(Pickle.packageOf(define.function()));
                out.writeObject(define.function());
            }
            case Message.Job job -> {
                out.writeByte(JOB);
                out.writeLong(job.id());
                out.writeLong(job.function());
                writeValues(out, job.arguments());
                out.writeBoolean(job.traced());
            }
            case Message.Stop _ -> out.writeByte(STOP);
            case Message.Ready ready -> {
                out.writeByte(READY);
                out.writeLong(ready.pid());
            }
            case Message.Done done -> {
                out.writeByte(DONE);
                out.writeLong(done.id());
                writeValues(out, done.results());
                out.writeInt(done.spans().size());
                for (String span : done.spans()) {
                    out.writeUTF(span);
                }
            }
            case Message.Failed failed -> {
                out.writeByte(FAILED);
                out.writeLong(failed.id());
                out.writeInt(failed.index());
                out.writeUTF(failed.type());
                out.writeObject(failed.message());
                out.writeObject(failed.trace());
                writeBytes(out, failed.exception());
            }
        }
    }

    /** Reads the next frame. */
    static Message read(ObjectInputStream in) throws IOException, ClassNotFoundException {
        byte kind = in.readByte();
        return switch (kind) {
            case START -> {
                allowHome(in, in.readUTF());
                yield new Message.Start((PicklableRunnable) readObject(in));
            }
            case DEFINE -> {
                long id = in.readLong();
                allowHome(in, in.readUTF());
                @SuppressWarnings("unchecked")
                var function = (PicklableFunction<Object, Object>) readObject(in);
                yield new Message.Define(id, function);
            }
            case JOB -> new Message.Job(in.readLong(), in.readLong(), readValues(in), in.readBoolean());
            case STOP -> new Message.Stop();
            case READY -> new Message.Ready(in.readLong());
            case DONE -> new Message.Done(in.readLong(), readValues(in), readSpans(in));
            case FAILED -> new Message.Failed(in.readLong(), in.readInt(), in.readUTF(),
                    (String) readObject(in), (String) readObject(in), readBytes(in));
            default -> throw new java.io.StreamCorruptedException("unknown frame kind " + kind);
        };
    }

    /** Admits the package a function was written in (its lambda, its records) to the reader's allow-list. */
    private static void allowHome(ObjectInputStream in, String home) {
        if (!home.isEmpty() && in.getObjectInputFilter() instanceof Pickle.AllowList allowList) {
            allowList.allow(home);
        }
    }

    /** A length-prefixed block of bytes, -1 for none (also the framing of {@link Lender}'s requests). */
    static void writeBytes(java.io.DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    /** Reads what {@link #writeBytes} wrote. */
    static byte[] readBytes(java.io.DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static List<String> readSpans(ObjectInputStream in) throws IOException {
        int count = in.readInt();
        if (count == 0) {
            return List.of();
        }
        var spans = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            spans.add(in.readUTF());
        }
        return spans;
    }

    private static void writeValues(ObjectOutputStream out, List<Object> values) throws IOException {
        out.writeInt(values.size());
        for (Object value : values) {
            writeValue(out, value);
        }
    }

    private static List<Object> readValues(ObjectInputStream in) throws IOException, ClassNotFoundException {
        int count = in.readInt();
        var values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readValue(in));
        }
        return values;
    }

    /**
     * A value: an {@code ArrayList} (exactly that class, so that nothing changes type) element by
     * element — or, when every element is an {@code Integer} (or every one a {@code Long}, or a
     * {@code Double}), as the numbers packed into blocks of bytes: a chunk of 10,000 numbers is
     * then a few block writes, not 20,000 calls on the stream.
     */
    private static void writeValue(ObjectOutputStream out, Object value) throws IOException {
        if (value != null && value.getClass() == ArrayList.class) {
            var list = (ArrayList<?>) value;
            byte packed = packedTag(list);
            if (packed != LIST) {
                writePacked(out, packed, list);
                return;
            }
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeScalar(out, element);
            }
            return;
        }
        writeScalar(out, value);
    }

    private static void writeScalar(ObjectOutputStream out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case Integer i -> {
                out.writeByte(INT);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case Boolean b -> {
                out.writeByte(BOOLEAN);
                out.writeBoolean(b);
            }
            case String s when s.length() <= MAX_UTF_CHARS -> {
                out.writeByte(STRING);
                out.writeUTF(s);
            }
            default -> {
                out.writeByte(OBJECT);
                out.writeObject(value);
            }
        }
    }

    private static Object readValue(ObjectInputStream in) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        return tag == INTS || tag == LONGS || tag == DOUBLES ? readPacked(in, tag) : readScalar(in, tag);
    }

    /** INTS, LONGS or DOUBLES when every element of {@code list} (at least two) has that one type; else LIST. */
    private static byte packedTag(ArrayList<?> list) {
        if (list.size() < 2 || list.getFirst() == null) {
            return LIST;
        }
        Class<?> type = list.getFirst().getClass();
        byte tag = type == Integer.class ? INTS : type == Long.class ? LONGS : type == Double.class ? DOUBLES : LIST;
        for (int i = 1, n = list.size(); tag != LIST && i < n; i++) {
            Object element = list.get(i);
            if (element == null || element.getClass() != type) {
                tag = LIST;
            }
        }
        return tag;
    }

    private static void writePacked(ObjectOutputStream out, byte tag, ArrayList<?> list) throws IOException {
        out.writeByte(tag);
        out.writeInt(list.size());
        int width = tag == INTS ? 4 : 8;
        byte[] block = new byte[(int) Math.min(PACK_BYTES, (long) list.size() * width)];
        int at = 0;
        for (int i = 0, n = list.size(); i < n; i++) {
            switch (tag) {
                case INTS -> INT_AT.set(block, at, (int) (Integer) list.get(i));
                case LONGS -> LONG_AT.set(block, at, (long) (Long) list.get(i));
                default -> LONG_AT.set(block, at, Double.doubleToRawLongBits((Double) list.get(i)));
            }
            at += width;
            if (at == block.length) {
                out.write(block, 0, at);
                at = 0;
            }
        }
        out.write(block, 0, at);
    }

    private static ArrayList<Object> readPacked(ObjectInputStream in, byte tag) throws IOException {
        int count = in.readInt();
        int width = tag == INTS ? 4 : 8;
        var list = new ArrayList<>(count);
        byte[] block = new byte[(int) Math.min(PACK_BYTES, (long) count * width)];
        for (int left = count; left > 0; ) {
            int here = Math.min(left, block.length / width);
            in.readFully(block, 0, here * width);
            for (int at = 0; at < here * width; at += width) {
                list.add(switch (tag) {
                    case INTS -> (Integer) (int) INT_AT.get(block, at);
                    case LONGS -> (Long) (long) LONG_AT.get(block, at);
                    default -> (Double) Double.longBitsToDouble((long) LONG_AT.get(block, at));
                });
            }
            left -= here;
        }
        return list;
    }

    private static Object readScalar(ObjectInputStream in, byte tag) throws IOException, ClassNotFoundException {
        return switch (tag) {
            case LIST -> {
                int count = in.readInt();
                var list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    byte elementTag = in.readByte();
                    if (elementTag == LIST) {
                        throw new java.io.StreamCorruptedException("a list inside a list is sent as an object");
                    }
                    list.add(readScalar(in, elementTag));
                }
                yield list;
            }
            case NULL -> null;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case STRING -> in.readUTF();
            case OBJECT -> readObject(in);
            default -> throw new java.io.StreamCorruptedException("unknown value tag " + tag);
        };
    }

    private static Object readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        try {
            return in.readObject();
        } catch (InvalidClassException e) {
            throw Pickle.refused(e);
        }
    }
}
