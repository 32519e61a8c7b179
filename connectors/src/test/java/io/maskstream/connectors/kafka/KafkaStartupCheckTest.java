package io.maskstream.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaStartupCheckTest {
    @Test
    void anAddressNobodyListensOnFailsNamingTheAddress() throws Exception {
        String address = "127.0.0.1:" + freePort();
        KafkaStartupCheck check = new KafkaStartupCheck(address, Map.of(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> check.check(List.of("frames"), false, "create it"))
                .isInstanceOf(KafkaStartupCheck.KafkaStartupException.class)
                .hasMessage("no Kafka broker answered at " + address + " within 2 s");
    }

    @Test
    void anUnresolvableAddressFailsNamingTheAddress() {
        KafkaStartupCheck check = new KafkaStartupCheck("no-such-host.invalid:9092", Map.of(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> check.check(List.of("frames"), false, "create it"))
                .isInstanceOf(KafkaStartupCheck.KafkaStartupException.class)
                .hasMessageStartingWith("cannot connect to Kafka at no-such-host.invalid:9092: ");
    }

    @Test
    void aZeroTimeoutIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new KafkaStartupCheck("127.0.0.1:9092", Map.of(), Duration.ZERO))
                .hasMessageContaining("kafka.startup-check-timeout");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
