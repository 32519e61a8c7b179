package io.maskstream.kit.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.operators.inference.UnknownConceptException;
import org.junit.jupiter.api.Test;

class CocoClassesTest {
    @Test
    void eightyClassesInTheModelsChannelOrder() {
        assertThat(CocoClasses.count()).isEqualTo(80);
        assertThat(CocoClasses.name(0)).isEqualTo("person");
        assertThat(CocoClasses.name(2)).isEqualTo("car");
        assertThat(CocoClasses.name(62)).isEqualTo("tv");
        assertThat(CocoClasses.name(79)).isEqualTo("toothbrush");
        assertThat(CocoClasses.NAMES).doesNotHaveDuplicates();
    }

    @Test
    void classNamesResolveToTheirIndexIgnoringCaseBlanksAndSeparators() {
        for (int i = 0; i < CocoClasses.count(); i++) {
            assertThat(CocoClasses.resolve(CocoClasses.name(i))).isEqualTo(i);
        }
        assertThat(CocoClasses.resolve("  Traffic_Light ")).isEqualTo(9);
        assertThat(CocoClasses.resolve("cell-phone")).isEqualTo(67);
    }

    @Test
    void commonSynonymsResolveToTheirClass() {
        assertThat(CocoClasses.resolve("people")).isEqualTo(0);
        assertThat(CocoClasses.resolve("persons")).isEqualTo(0);
        assertThat(CocoClasses.resolve("pedestrian")).isEqualTo(0);
        assertThat(CocoClasses.resolve("bike")).isEqualTo(CocoClasses.resolve("bicycle"));
        assertThat(CocoClasses.resolve("motorbike")).isEqualTo(CocoClasses.resolve("motorcycle"));
        assertThat(CocoClasses.resolve("tvmonitor")).isEqualTo(CocoClasses.resolve("tv"));
        assertThat(CocoClasses.resolve("sofa")).isEqualTo(CocoClasses.resolve("couch"));
    }

    @Test
    void anUnknownConceptFailsNamingItAndListingTheKnownNames() {
        assertThatThrownBy(() -> CocoClasses.resolve("unicorn"))
                .isInstanceOf(UnknownConceptException.class)
                .hasMessageContaining("'unicorn'")
                .hasMessageContaining("person, bicycle, car")
                .hasMessageContaining("toothbrush");
        assertThat(CocoClasses.isKnown("unicorn")).isFalse();
        assertThat(CocoClasses.isKnown("People")).isTrue();
    }

    @Test
    void thresholdsByConceptSetTheirClassesAndLeaveTheOthersOut() {
        float[] t = CocoClasses.thresholds(java.util.Map.of("people", 0.6f, "person", 0.5f, "bike", 0.4f));

        assertThat(t).hasSize(80);
        assertThat(t[0]).as("person: the lower of people and person").isEqualTo(0.5f);
        assertThat(t[1]).isEqualTo(0.4f);
        assertThat(t[2]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThatThrownBy(() -> CocoClasses.thresholds(java.util.Map.of("unicorn", 0.5f)))
                .isInstanceOf(UnknownConceptException.class);
    }
}
