package io.maskstream.kit.coco;

import io.maskstream.operators.inference.UnknownConceptException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 80 COCO classes in the order of the detector's score channels, and the concepts (names and common
 * synonyms) that name them.
 */
public final class CocoClasses {
    /** Class names, index = class id = score channel. */
    public static final List<String> NAMES = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
            "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
            "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
            "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
            "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
            "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
            "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard",
            "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
            "teddy bear", "hair drier", "toothbrush");

    /** Other words for a class: the older COCO/VOC spellings and everyday plurals. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("people", "person"), Map.entry("persons", "person"), Map.entry("pedestrian", "person"),
            Map.entry("pedestrians", "person"), Map.entry("human", "person"), Map.entry("humans", "person"),
            Map.entry("man", "person"), Map.entry("men", "person"), Map.entry("woman", "person"),
            Map.entry("women", "person"), Map.entry("child", "person"), Map.entry("children", "person"),
            Map.entry("bike", "bicycle"), Map.entry("bikes", "bicycle"), Map.entry("cars", "car"),
            Map.entry("motorbike", "motorcycle"), Map.entry("motorbikes", "motorcycle"),
            Map.entry("aeroplane", "airplane"), Map.entry("plane", "airplane"), Map.entry("buses", "bus"),
            Map.entry("trucks", "truck"), Map.entry("lorry", "truck"), Map.entry("van", "car"),
            Map.entry("boats", "boat"), Map.entry("birds", "bird"), Map.entry("cats", "cat"), Map.entry("dogs", "dog"),
            Map.entry("horses", "horse"), Map.entry("sofa", "couch"), Map.entry("pottedplant", "potted plant"),
            Map.entry("diningtable", "dining table"), Map.entry("table", "dining table"),
            Map.entry("tvmonitor", "tv"), Map.entry("tv monitor", "tv"), Map.entry("television", "tv"),
            Map.entry("monitor", "tv"), Map.entry("mobile phone", "cell phone"), Map.entry("phone", "cell phone"),
            Map.entry("cellphone", "cell phone"), Map.entry("hair dryer", "hair drier"),
            Map.entry("doughnut", "donut"), Map.entry("fridge", "refrigerator"), Map.entry("ball", "sports ball"),
            Map.entry("bag", "handbag"), Map.entry("laptop computer", "laptop"));

    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            IDS.put(NAMES.get(i), i);
        }
        SYNONYMS.forEach((word, name) -> IDS.put(word, IDS.get(name)));
    }

    private CocoClasses() {}

    /** Number of classes (80). */
    public static int count() {
        return NAMES.size();
    }

    /** The name of class {@code classId}. */
    public static String name(int classId) {
        return NAMES.get(classId);
    }

    /**
     * The class id a concept names: a class name or a synonym, case, surrounding blanks, '_' and '-' ignored
     * ("Traffic_Light" → traffic light, "people" → person).
     *
     * @throws UnknownConceptException naming the concept and listing the known class names
     */
    public static int resolve(String concept) {
        Integer id = concept == null ? null : IDS.get(normalize(concept));
        if (id == null) {
            throw new UnknownConceptException(concept, "unknown concept '" + concept + "': the COCO detector knows "
                    + String.join(", ", NAMES) + " (and synonyms such as people, bike, motorbike, tvmonitor)");
        }
        return id;
    }

    /**
     * Per-class score thresholds for {@link NanoDet#detect(io.maskstream.state.image.RgbImage, float[])}: each
     * concept's class gets its threshold (the lowest when two concepts name one class), every other class is left
     * out ({@link Float#POSITIVE_INFINITY}).
     *
     * @throws UnknownConceptException for the first concept that names no class
     */
    public static float[] thresholds(Map<String, Float> minScoreByConcept) {
        float[] t = new float[count()];
        java.util.Arrays.fill(t, Float.POSITIVE_INFINITY);
        minScoreByConcept.forEach((concept, minScore) -> {
            int id = resolve(concept);
            t[id] = Math.min(t[id], minScore);
        });
        return t;
    }

    /** Whether {@link #resolve(String)} knows {@code concept}. */
    public static boolean isKnown(String concept) {
        return concept != null && IDS.containsKey(normalize(concept));
    }

    private static String normalize(String concept) {
        return concept.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ");
    }
}
