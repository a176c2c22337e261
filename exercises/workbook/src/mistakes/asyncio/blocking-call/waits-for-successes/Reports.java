package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import java.util.Arrays;
import java.util.List;

/**
 * Classic mistake: each call's done callback stores its report and counts; the last one
 * completes the wait. BROKEN: a call that fails never counts, so the count never reaches the total
 * and fetchAll waits forever for a report that will never come.
 */
public class Reports {
    public static List<String> fetchAll(List<String> ids, SlowBackend backend) {
        String[] reports = new String[ids.size()];
        int[] arrived = {0};
        dev.rosetta.asyncio.Future<Void> all = Asyncio.getRunningLoop().createFuture();
        if (ids.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            Asyncio.getRunningLoop().runInExecutor(null, () -> backend.fetch(ids.get(index))).addDoneCallback(f -> {
                if (f.exception() == null) {
                    reports[index] = f.result();
                    if (++arrived[0] == ids.size()) {
                        all.setResult(null);
                    }
                }
            });
        }
        all.await();
        return Arrays.asList(reports);
    }
}
