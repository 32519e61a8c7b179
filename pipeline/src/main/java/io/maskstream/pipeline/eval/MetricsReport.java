package io.maskstream.pipeline.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The figures of one evaluation, single class, whole sequence. Ratios are fractions in [0, 1] (MOTA
 * may be negative); HOTA's figures are means over the 19 α thresholds, as TrackEval reports them.
 * J&F figures are NaN unless both sides are masks.
 */
public record MetricsReport(
        double hota, double detA, double assA, double locA, double detRe, double detPr, double assRe, double assPr,
        double mota, double motp, int idsw, int frag, int mt, int pt, int ml,
        int clrTp, int clrFn, int clrFp,
        double idf1, double idp, double idr, int idtp, int idfn, int idfp,
        double jMean, double fMean, double jAndF,
        int gtIds, int gtDets, int predIds, int predDets, int frames) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_COLUMN = 10;

    public ObjectNode toJsonNode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("HOTA", hota);
        n.put("DetA", detA);
        n.put("AssA", assA);
        n.put("LocA", locA);
        n.put("DetRe", detRe);
        n.put("DetPr", detPr);
        n.put("AssRe", assRe);
        n.put("AssPr", assPr);
        n.put("MOTA", mota);
        n.put("MOTP", motp);
        n.put("IDF1", idf1);
        n.put("IDP", idp);
        n.put("IDR", idr);
        n.put("IDSW", idsw);
        n.put("Frag", frag);
        n.put("MT", mt);
        n.put("PT", pt);
        n.put("ML", ml);
        n.put("CLR_TP", clrTp);
        n.put("CLR_FN", clrFn);
        n.put("CLR_FP", clrFp);
        n.put("IDTP", idtp);
        n.put("IDFN", idfn);
        n.put("IDFP", idfp);
        putOrNull(n, "J", jMean);
        putOrNull(n, "F", fMean);
        putOrNull(n, "J&F", jAndF);
        n.put("GT_IDs", gtIds);
        n.put("GT_Dets", gtDets);
        n.put("Pred_IDs", predIds);
        n.put("Pred_Dets", predDets);
        n.put("Frames", frames);
        return n;
    }

    private static void putOrNull(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    /** One JSON object, keys in a fixed order. */
    public String toJson() {
        return toJsonNode().toString();
    }

    /** A readable table: percentages for ratios, as TrackEval prints them, and counts. */
    public String toTable() {
        StringBuilder s = new StringBuilder();
        block(s, new String[] {"HOTA", "DetA", "AssA", "LocA", "DetRe", "DetPr", "AssRe", "AssPr"},
                pct(hota), pct(detA), pct(assA), pct(locA), pct(detRe), pct(detPr), pct(assRe), pct(assPr));
        s.append('\n');
        block(s, new String[] {"MOTA", "MOTP", "IDSW", "Frag", "MT", "PT", "ML", "TP", "FN", "FP"},
                pct(mota), pct(motp), str(idsw), str(frag), str(mt), str(pt), str(ml), str(clrTp), str(clrFn),
                str(clrFp));
        s.append('\n');
        block(s, new String[] {"IDF1", "IDP", "IDR", "IDTP", "IDFN", "IDFP"},
                pct(idf1), pct(idp), pct(idr), str(idtp), str(idfn), str(idfp));
        if (!Double.isNaN(jAndF)) {
            s.append('\n');
            block(s, new String[] {"J&F", "J", "F"}, pct(jAndF), pct(jMean), pct(fMean));
        }
        s.append('\n');
        block(s, new String[] {"Frames", "GT IDs", "GT Dets", "Pred IDs", "Pred Dets"},
                str(frames), str(gtIds), str(gtDets), str(predIds), str(predDets));
        return s.toString();
    }

    /**
     * A heading line and a value line whose columns are as wide as their widest cell plus two spaces
     * (at least {@value #MIN_COLUMN}), so a long value never runs into the next column.
     */
    private static void block(StringBuilder s, String[] headings, String... values) {
        int[] widths = new int[headings.length];
        for (int i = 0; i < headings.length; i++) {
            widths[i] = Math.max(MIN_COLUMN, Math.max(headings[i].length(), values[i].length()) + 2);
        }
        line(s, widths, headings);
        line(s, widths, values);
    }

    private static void line(StringBuilder s, int[] widths, String[] cells) {
        int start = s.length();
        for (int i = 0; i < cells.length; i++) {
            s.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
        }
        int end = s.length();
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        s.setLength(end);
        s.append('\n');
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.3f", 100 * v);
    }

    private static String str(int v) {
        return Integer.toString(v);
    }
}
