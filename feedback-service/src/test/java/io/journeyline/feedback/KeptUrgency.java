package io.journeyline.feedback;

import io.journeyline.feedback.persistence.SlaRepository;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests read of the queue's order straight from the test's database: the urgency kept on each case row
 * against the one computed from its clocks by {@link SlaRepository#MOST_URGENT_OPEN_CLOCK} (what the lists read before
 * V7), and the queue's order as the query before V7 gave it.
 */
final class KeptUrgency {
    /** The queue by urgency before V7: every case joined to its most urgent open clock, then sorted. */
    static final String OLD_URGENCY_ORDER = "coalesce(u.urgency, 2), u.due_at nulls last, opened_at desc, id desc";

    private KeptUrgency() {
    }

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /**
     * The cases of {@code topic} whose kept (urgency, due time) is not their most urgent open clock's (2 and
     * 'infinity' when none counts), each as "id kept … computed …"; empty when all agree.
     */
    static List<String> mismatches(String column, String value) throws SQLException {
        return strings("select cases.id || ' kept ' || cases.urgency || ' ' || cases.urgent_due_at || ', computed '"
                + " || coalesce(u.urgency, 2) || ' ' || coalesce(u.due_at, 'infinity') from cases left join lateral ("
                + SlaRepository.MOST_URGENT_OPEN_CLOCK + ") u on true where cases." + column + " = ? and"
                + " (cases.urgency <> coalesce(u.urgency, 2) or cases.urgent_due_at <> coalesce(u.due_at, 'infinity'))",
                value);
    }

    /** The ids of {@code topic}'s cases in the order the queue had before V7 ({@code urgency}) or newest first. */
    static List<String> oldOrder(String topic, boolean urgency) throws SQLException {
        return strings("select cases.id from cases left join lateral (" + SlaRepository.MOST_URGENT_OPEN_CLOCK
                + ") u on true where topic = ? order by " + (urgency ? OLD_URGENCY_ORDER : "opened_at desc, id desc"), topic);
    }

    private static List<String> strings(String sql, String parameter) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }
}
