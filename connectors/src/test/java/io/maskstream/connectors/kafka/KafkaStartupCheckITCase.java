package io.maskstream.connectors.kafka;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaStartupCheckITCase {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(1, "frames", "prompts");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void missingTopicsFailTheJobNamingEachOne() {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());

        assertThatThrownBy(() -> KafkaStartupCheck.checkJob(KafkaSettings.from(conf), conf))
                .isInstanceOf(KafkaStartupCheck.KafkaStartupException.class)
                .hasMessage("Kafka at " + broker.bootstrapServers() + " has no topics frames-dlq, masklets: create "
                        + "them (deploy/local/kafka.sh create-topics) or set kafka.create-topics=true");
    }

    @Test
    void withCreateTopicsTheMissingTopicsAreCreated() throws Exception {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        conf.set(KafkaOptions.CREATE_TOPICS, true);
        KafkaSettings settings = KafkaSettings.from(conf).withTopics("frames", "prompts", "out-1", "dlq-1");

        List<String> created = KafkaStartupCheck.checkJob(settings, conf);

        assertThat(created).containsExactly("dlq-1", "out-1");
        assertThat(topics()).contains("frames", "prompts", "out-1", "dlq-1");
        assertThat(KafkaStartupCheck.checkJob(settings, conf)).as("nothing left to create").isEmpty();
    }

    @Test
    void aMissingLiveTopicFailsTheJobNamingIt() {
        broker.createTopics(1, "live-masklets", "live-dlq");
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        KafkaSettings settings = KafkaSettings.from(conf).withTopics("frames", "prompts", "live-masklets", "live-dlq")
                .withMaskletsLiveTopic("live-masklets-live");

        assertThatThrownBy(() -> KafkaStartupCheck.checkJob(settings, conf))
                .isInstanceOf(KafkaStartupCheck.KafkaStartupException.class)
                .hasMessageStartingWith("Kafka at " + broker.bootstrapServers() + " has no topic live-masklets-live:");
    }

    @Test
    void existingTopicsPassWithoutCreating() {
        KafkaStartupCheck check = new KafkaStartupCheck(broker.bootstrapServers(), Map.of(), Duration.ofSeconds(30));

        assertThat(check.check(List.of("frames", "prompts"), false, "create them")).isEmpty();
    }

    private static java.util.Set<String> topics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            return admin.listTopics().names().get();
        }
    }
}
