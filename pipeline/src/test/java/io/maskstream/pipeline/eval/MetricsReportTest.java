package io.maskstream.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsReportTest {

    /** An empty ground truth with many predictions: MOTA is -88400 %, wider than any default column. */
    private static MetricsReport withHugeNegativeMota() {
        return new MetricsReport(
                0, 0, 0, 0, 0, 0, 0, 0,
                -884.0, 0.0, 0, 0, 0, 0, 0,
                0, 0, 884,
                0, 0, 0, 0, 0, 884,
                Double.NaN, Double.NaN, Double.NaN,
                0, 0, 12, 884, 1_234_567_890);
    }

    @Test
    void everyValueStartsUnderItsHeadingWhateverItsWidth() {
        List<String> lines = withHugeNegativeMota().toTable().lines().toList();
        for (int i = 0; i + 1 < lines.size(); i += 3) {
            String heading = lines.get(i), values = lines.get(i + 1);
            List<Integer> headingStarts = wordStarts(heading), valueStarts = wordStarts(values);
            assertThat(valueStarts).as("%s%n%s", heading, values).isEqualTo(headingStarts);
        }
    }

    @Test
    void theHugeMotaIsSeparatedFromMotp() {
        String table = withHugeNegativeMota().toTable();
        assertThat(table).contains("-88400.000 ").doesNotContain("-88400.0000.000");
    }

    /** Where each column's text begins. */
    private static List<Integer> wordStarts(String line) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            // Columns are at least two spaces apart; a heading such as "GT IDs" has one inside.
            if (line.charAt(i) != ' ' && (i == 0 || (i > 1 && line.charAt(i - 1) == ' ' && line.charAt(i - 2) == ' '))) {
                starts.add(i);
            }
        }
        return starts;
    }
}
