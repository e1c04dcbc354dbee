package io.journeyline.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the delivery gateway would send: the delivery requests on journey.outbound (survey links, lessons), all or one
 * customer's, from the beginning, one JSON per line; exits at the end of the topic.
 *
 * <pre>deploy/local/outbound.sh [CUSTOMER] [--port-offset N]</pre>
 */
public final class Outbound {
    private Outbound() {
    }

    public static void main(String[] args) {
        String customer = null;
        int offset = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port-offset")) {
                offset = Integer.parseInt(args[++i]);
            } else {
                customer = args[i];
            }
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (9092 + offset));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("journey.outbound").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (customer == null || customer.equals(record.key())) {
                        System.out.println(record.value());
                    }
                }
            }
        }
    }
}
