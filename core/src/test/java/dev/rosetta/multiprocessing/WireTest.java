package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A chunk's arguments cross the pipe unchanged, whichever way {@link Wire} writes them: lists of
 * one kind of number packed into blocks of bytes (longer than one block too), and every other
 * list element by element — values and their classes both.
 */
class WireTest {

    @Test
    void listsOfNumbersComeBackAsTheSameNumbersOfTheSameClasses() throws Exception {
        List<Object> values = List.of(
                new ArrayList<Object>(IntStream.range(-5_000, 15_000).boxed().toList()),   // INTS, several blocks
                new ArrayList<Object>(LongStream.of(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE).boxed().toList()),
                new ArrayList<Object>(List.of(Double.NaN, -0.0, 1e-300, Double.NEGATIVE_INFINITY, 0.5)),
                new ArrayList<Object>(List.of(1, 2L, 3.0)),                                  // mixed: element by element
                new ArrayList<Object>(Arrays.asList(1, null, 3)),                            // a null inside
                new ArrayList<Object>(List.of(7)),
                new ArrayList<Object>(),
                42);
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            Wire.write(out, new Message.Job(1, 2, values, false));
        }
        Message read;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = Wire.read(in);
        }
        List<Object> back = ((Message.Job) read).arguments();
        assertEquals(values.size(), back.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), back.get(i), "value " + i + " changed on the way through the pipe");
            if (values.get(i) instanceof List<?> sent) {
                var got = (List<?>) back.get(i);
                assertEquals(ArrayList.class, got.getClass(), "value " + i + ": a list must stay an ArrayList");
                for (int j = 0; j < sent.size(); j++) {
                    assertEquals(sent.get(j) == null ? null : sent.get(j).getClass(),
                            got.get(j) == null ? null : got.get(j).getClass(), "value " + i + ", element " + j + ": its class changed");
                }
            }
        }
        // NaN and -0.0 are equal to themselves by Double.equals, which compares bits: the bits came back
    }
}
