package io.maskstream.connectors.results;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Category ids of concepts in YouTube-VIS files. The concepts of a fixed order (for example the concepts
 * a model kit knows, in its order) get ids 1..n, so that ground truth and results written separately
 * agree; any other concept gets the next ids in sorted order of the concepts given.
 */
public final class ConceptCategories {
    private ConceptCategories() {}

    /** Concept → category id: {@code fixedOrder} first, then the other {@code concepts} by name. */
    public static Map<String, Integer> of(List<String> fixedOrder, Collection<String> concepts) {
        Map<String, Integer> ids = new TreeMap<>();
        int next = 1;
        for (String c : fixedOrder) {
            if (!ids.containsKey(c)) {
                ids.put(c, next++);
            }
        }
        for (String c : new TreeSet<>(concepts)) {
            if (!ids.containsKey(c)) {
                ids.put(c, next++);
            }
        }
        return ids;
    }
}
