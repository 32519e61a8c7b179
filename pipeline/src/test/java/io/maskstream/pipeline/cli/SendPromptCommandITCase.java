package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.record.PromptCommand;
import io.maskstream.state.record.PromptCommandJson;
import io.maskstream.state.record.PromptPoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SendPromptCommandITCase {
    @Test
    void thePromptArrivesOnThePromptsTopicKeyedByStreamId() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(1, "prompts");
            StringWriter out = new StringWriter();
            int code = new CommandLine(new SendPromptCommand()).setOut(new PrintWriter(out)).execute(
                    "--bootstrap", broker.bootstrapServers(), "--stream-id", "cam-1",
                    "--points", "50,60,+", "70,80,-", "--seq", "7");

            assertThat(code).isZero();
            assertThat(out.toString()).startsWith("sent to prompts (partition 0, offset 0): {\"streamId\":\"cam-1\"");
            ConsumerRecord<String, byte[]> record = readOne(broker.bootstrapServers(), "prompts");
            assertThat(record.key()).isEqualTo("cam-1");
            assertThat(PromptCommandJson.decode(record.value())).isEqualTo(PromptCommand.addPoints("cam-1",
                    List.of(new PromptPoint(50, 60, true), new PromptPoint(70, 80, false)), null, 7L));
        }
    }

    @Test
    void aMissingTopicFailsNamingIt() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            StringWriter err = new StringWriter();
            CommandLine cli = MaskstreamCli.commandLine().setErr(new PrintWriter(err));
            int code = cli.execute("prompt", "--bootstrap", broker.bootstrapServers(), "--stream-id", "cam-1",
                    "--concept", "red", "--topic", "my-prompts");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("maskstream prompt: Kafka at " + broker.bootstrapServers()
                    + " has no topic my-prompts: create it (deploy/local/kafka.sh create-topics) or give --topic"
                    + System.lineSeparator());
        }
    }

    private static ConsumerRecord<String, byte[]> readOne(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "check");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
