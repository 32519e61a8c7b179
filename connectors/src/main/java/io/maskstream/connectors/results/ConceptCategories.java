package io.maskstream.connectors.results;

import io.maskstream.connectors.scene.NamedColour;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Category ids of concepts in YouTube-VIS files: the named colours get fixed ids 1..8 in
 * {@link NamedColour} order (red 1, green 2, blue 3, yellow 4, cyan 5, magenta 6, white 7, orange
 * 8), so ground truth and results written separately agree; any other concept gets the next ids in
 * sorted order of the concepts given.
 */
public final class ConceptCategories {
    private ConceptCategories() {}

    /** Concept → category id, for the colours and the given concepts, ordered by concept name. */
    public static Map<String, Integer> of(Collection<String> concepts) {
        Map<String, Integer> ids = new TreeMap<>();
        for (NamedColour c : NamedColour.values()) {
            ids.put(c.concept(), c.ordinal() + 1);
        }
        int next = NamedColour.values().length + 1;
        for (String c : new TreeSet<>(concepts)) {
            if (!ids.containsKey(c)) {
                ids.put(c, next++);
            }
        }
        return ids;
    }
}
