package io.maskstream.kit.reference.scene;

import io.maskstream.kit.reference.NamedColour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskstream.state.geometry.Box;
import io.maskstream.state.geometry.Mask;
import io.maskstream.state.image.RgbImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenariosTest {
    private static final SceneSettings SETTINGS = SceneSettings.defaults();

    static List<String> names() {
        return Scenarios.names();
    }

    @Test
    void theLibraryHasEveryScenarioOfTheIssue() {
        assertThat(Scenarios.names()).containsExactly(
                "crossing", "occlusion", "enter-leave", "distractor", "fast", "crowd", "flicker", "scale", "mixed");
    }

    @Test
    void anUnknownScenarioIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> Scenarios.create("nope", SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crossing");
    }

    @ParameterizedTest
    @MethodSource("names")
    void theSameSeedGivesIdenticalFramesAndMasks(String name) {
        SyntheticScene a = Scenarios.create(name, SETTINGS.withFrameCount(40));
        SyntheticScene b = Scenarios.create(name, SETTINGS.withFrameCount(40));
        for (int t : new int[] {0, 17, 39}) {
            assertThat(a.frame(t).rgb()).isEqualTo(b.frame(t).rgb());
            assertThat(a.groundTruth(t)).isEqualTo(b.groundTruth(t));
        }
    }

    @Test
    void aDifferentSeedGivesADifferentBackground() {
        SyntheticScene a = Scenarios.create("crossing", SETTINGS);
        SyntheticScene b = Scenarios.create("crossing", SETTINGS.withSeed(7));
        assertThat(a.frame(0).rgb()).isNotEqualTo(b.frame(0).rgb());
    }

    @ParameterizedTest
    @MethodSource("names")
    void framesCanBeGeneratedInAnyOrder(String name) {
        SyntheticScene scene = Scenarios.create(name, SETTINGS.withFrameCount(30));
        byte[] late = scene.frame(29).rgb().clone();
        scene.frame(3);
        SyntheticScene fresh = Scenarios.create(name, SETTINGS.withFrameCount(30));
        fresh.frame(28);
        assertThat(fresh.frame(29).rgb()).isEqualTo(late);
    }

    @ParameterizedTest
    @MethodSource("names")
    void groundTruthMasksAreAtFrameResolutionAndNeverOverlap(String name) {
        SyntheticScene scene = Scenarios.create(name, SETTINGS.withSize(256, 192));
        for (int t = 0; t < scene.frameCount(); t += 7) {
            Mask union = Mask.empty(192, 256);
            int total = 0;
            for (GroundTruthObject o : scene.groundTruth(t)) {
                assertThat(o.mask().height()).isEqualTo(192);
                assertThat(o.mask().width()).isEqualTo(256);
                union = union.or(o.mask());
                total += o.mask().area();
            }
            assertThat(union.area()).as("frame %d", t).isEqualTo(total);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void objectPixelsHaveTheirConceptColourAndEverythingElseIsDullOrGrey(String name) {
        SyntheticScene scene = Scenarios.create(name, SETTINGS);
        for (int t = 0; t < scene.frameCount(); t += 11) {
            RgbImage img = scene.frame(t);
            Mask union = Mask.empty(img.height(), img.width());
            for (GroundTruthObject o : scene.groundTruth(t)) {
                NamedColour c = NamedColour.ofConcept(o.concept());
                Mask m = o.mask();
                for (int y = 0; y < img.height(); y += 2) {
                    for (int x = 0; x < img.width(); x += 2) {
                        if (m.get(y, x)) {
                            assertThat(Math.abs(img.red(x, y) - c.red())).isLessThan(80);
                            assertThat(Math.abs(img.green(x, y) - c.green())).isLessThan(80);
                            assertThat(Math.abs(img.blue(x, y) - c.blue())).isLessThan(80);
                        }
                    }
                }
                union = union.or(m);
            }
            for (int y = 0; y < img.height(); y += 3) {
                for (int x = 0; x < img.width(); x += 3) {
                    if (!union.get(y, x)) {
                        int max = Math.max(img.red(x, y), Math.max(img.green(x, y), img.blue(x, y)));
                        int min = Math.min(img.red(x, y), Math.min(img.green(x, y), img.blue(x, y)));
                        assertThat(max).as("background at (%d,%d) frame %d", x, y, t).isLessThanOrEqualTo(140);
                        assertThat(max - min).as("background saturation at (%d,%d)", x, y).isLessThanOrEqualTo(60);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyObjectIsVisibleSomewhereInTheScene(String name) {
        SyntheticScene scene = Scenarios.create(name, SETTINGS);
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < scene.frameCount(); t++) {
            scene.groundTruth(t).stream().filter(o -> !o.mask().isEmpty()).forEach(o -> seen.add(o.id()));
        }
        assertThat(seen).hasSize(scene.objects().size());
        assertThat(scene.concepts()).isSorted().isNotEmpty();
    }

    @Test
    void crowdHasAtLeastThirtyObjects() {
        SyntheticScene scene = Scenarios.create("crowd", SETTINGS);
        assertThat(scene.groundTruth(0).stream().filter(o -> !o.mask().isEmpty()).count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void occlusionHidesAnObjectForTenToTwentyFramesInTheMiddleOfItsTrack() {
        SyntheticScene scene = Scenarios.create("occlusion", SETTINGS);
        boolean found = false;
        for (SceneObject o : scene.objects()) {
            List<Integer> runs = hiddenRunsBetweenVisibleFrames(scene, o.id());
            if (!runs.isEmpty()) {
                assertThat(runs).allSatisfy(r -> assertThat(r).isBetween(10, 20));
                found = true;
            }
        }
        assertThat(found).isTrue();
        assertThat(scene.bars()).hasSize(1);
    }

    @Test
    void enterLeaveObjectsTouchTheBorderAndAreAbsentBeforeAndAfter() {
        SyntheticScene scene = Scenarios.create("enter-leave", SETTINGS);
        for (SceneObject o : scene.objects()) {
            boolean touched = false;
            int first = -1;
            int last = -1;
            for (int t = 0; t < scene.frameCount(); t++) {
                Mask m = scene.groundTruth(t).get(o.id() - 1).mask();
                if (m.isEmpty()) {
                    continue;
                }
                first = first < 0 ? t : first;
                last = t;
                Box b = m.boundingBox();
                touched |= b.x1() <= 0 || b.y1() <= 0 || b.x2() >= scene.width() || b.y2() >= scene.height();
            }
            assertThat(touched).as("object %d touches a border", o.id()).isTrue();
            assertThat(first).as("object %d enters", o.id()).isPositive();
            assertThat(last).as("object %d leaves", o.id()).isLessThan(scene.frameCount() - 1);
        }
    }

    @Test
    void distractorHasTwoObjectsOfTheSameConceptThatNeverMerge() {
        SyntheticScene scene = Scenarios.create("distractor", SETTINGS);
        assertThat(scene.objects().stream().filter(o -> o.colour() == NamedColour.RED)).hasSize(2);
        for (int t = 0; t < scene.frameCount(); t++) {
            List<GroundTruthObject> gt = scene.groundTruth(t);
            assertThat(gt.get(0).mask().area()).isPositive();
            assertThat(gt.get(1).mask().area()).isPositive();
        }
    }

    @Test
    void fastObjectsMoveMoreThanTenPixelsPerFrame() {
        SyntheticScene scene = Scenarios.create("fast", SETTINGS);
        double total = 0;
        int steps = 0;
        for (int t = 1; t < scene.frameCount(); t++) {
            for (int i = 0; i < scene.objects().size(); i++) {
                Box a = scene.groundTruth(t - 1).get(i).mask().boundingBox();
                Box b = scene.groundTruth(t).get(i).mask().boundingBox();
                total += Math.hypot((a.x1() + a.x2() - b.x1() - b.x2()) / 2, (a.y1() + a.y2() - b.y1() - b.y2()) / 2);
                steps++;
            }
        }
        assertThat(total / steps).isGreaterThan(10);
    }

    @Test
    void scaleObjectsChangeAreaByMoreThanAFactorOfFour() {
        SyntheticScene scene = Scenarios.create("scale", SETTINGS);
        for (int i = 0; i < scene.objects().size(); i++) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int t = 0; t < scene.frameCount(); t++) {
                int area = scene.groundTruth(t).get(i).mask().area();
                min = Math.min(min, area);
                max = Math.max(max, area);
            }
            assertThat((double) max / min).isGreaterThan(4);
        }
    }

    @Test
    void flickerChangesTheBackgroundBetweenFramesButNotTheObjectsConcepts() {
        SyntheticScene scene = Scenarios.create("flicker", SETTINGS);
        double m0 = meanBrightness(scene.frame(0));
        boolean changed = false;
        for (int t = 1; t < 20; t++) {
            changed |= Math.abs(meanBrightness(scene.frame(t)) - m0) > 2;
        }
        assertThat(changed).isTrue();
        assertThat(scene.concepts()).containsExactly("magenta", "white");
    }

    @Test
    void mixedIsALongSceneWithABarAndVisitors() {
        SyntheticScene scene = Scenarios.create("mixed", SETTINGS);
        assertThat(scene.frameCount()).isGreaterThanOrEqualTo(600);
        assertThat(scene.bars()).isNotEmpty();
        assertThat(scene.objects().size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theFrameCountAndSizeFollowTheSettings() {
        SyntheticScene scene = Scenarios.create("crossing", new SceneSettings(640, 480, 12, 1));
        assertThat(scene.frameCount()).isEqualTo(12);
        assertThat(scene.frame(11).width()).isEqualTo(640);
        assertThat(scene.frame(11).height()).isEqualTo(480);
        assertThat(scene.fps()).isEqualTo(30.0);
    }

    private static double meanBrightness(RgbImage img) {
        long sum = 0;
        for (byte b : img.rgb()) {
            sum += b & 0xff;
        }
        return (double) sum / img.rgb().length;
    }

    /** Lengths of runs of empty-mask frames that have visible frames on both sides. */
    private static List<Integer> hiddenRunsBetweenVisibleFrames(SyntheticScene scene, int id) {
        List<Integer> runs = new ArrayList<>();
        boolean seenVisible = false;
        int run = 0;
        for (int t = 0; t < scene.frameCount(); t++) {
            boolean empty = scene.groundTruth(t).get(id - 1).mask().isEmpty();
            if (empty) {
                run++;
            } else {
                if (seenVisible && run > 0) {
                    runs.add(run);
                }
                seenVisible = true;
                run = 0;
            }
        }
        return runs;
    }
}
