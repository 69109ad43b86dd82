package io.waddleperf.api.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ADMINs demote each other through two different Galera nodes at the same moment. Row locks
 * are not cluster-wide, so on its own node each demotion counts two ADMINs; only the guard row
 * that {@link AdminGuard} writes first makes their write sets overlap, so the second to commit
 * fails certification (1213) and its retry counts one ADMIN. The statements are those Members and
 * AdminGuard run, on tables of the same shape in a scratch database.
 */
class LastAdminGaleraIT {

    static GaleraCluster cluster;

    @BeforeAll
    static void tables() throws SQLException {
        cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("galera_admins");
        cluster.node(1)
                .execute("CREATE TABLE IF NOT EXISTS galera_admins.memberships (org_id UUID NOT NULL,"
                        + " user_id UUID NOT NULL, role VARCHAR(16) NOT NULL, PRIMARY KEY (org_id, user_id))"
                        + " ENGINE=InnoDB");
        cluster.node(1)
                .execute("CREATE TABLE IF NOT EXISTS galera_admins.identity_admin_guards (org_id UUID NOT NULL,"
                        + " changes BIGINT NOT NULL, PRIMARY KEY (org_id)) ENGINE=InnoDB");
    }

    @Test
    void withTheGuardTheSecondDemotionFailsCertificationAndIsThenRefused() throws SQLException {
        UUID org = twoAdmins();
        try (Connection first = begin(1);
                Connection second = begin(2)) {
            assertThat(demote(first, org, "a-demotes-b", true)).isEqualTo(2);
            assertThat(demote(second, org, "b-demotes-a", true)).isEqualTo(2);
            first.commit();

            SQLException lost = catchThrowableOfType(SQLException.class, second::commit);

            assertThat(lost == null ? null : lost.getErrorCode())
                    .as("the second commit loses certification")
                    .isEqualTo(1213);
        }
        try (Connection retry = begin(2)) {
            guard(retry, org);
            assertThat(admins(retry, org))
                    .as("the retry refuses: one ADMIN left")
                    .isEqualTo(1);
            retry.rollback();
        }
        assertThat(cluster.node(3).query(adminCount(org))).containsExactly("1");
    }

    @Test
    void withoutTheGuardBothDemotionsCommitAndNoAdminIsLeft() throws SQLException {
        UUID org = twoAdmins();
        try (Connection first = begin(1);
                Connection second = begin(2)) {
            demote(first, org, "a-demotes-b", false);
            demote(second, org, "b-demotes-a", false);
            first.commit();
            second.commit();
        }

        assertThat(cluster.node(3).query(adminCount(org))).containsExactly("0");
    }

    /** One demotion as Members.changeRole runs it: guard, count, then the update. */
    private static long demote(Connection connection, UUID org, String who, boolean guarded) throws SQLException {
        if (guarded) {
            guard(connection, org);
        }
        long admins = admins(connection, org);
        String target = who.equals("a-demotes-b") ? "b" : "a";
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE memberships SET role = 'VIEWER' WHERE org_id = ? AND user_id = ?")) {
            update.setString(1, org.toString());
            update.setString(2, user(org, target).toString());
            update.executeUpdate();
        }
        return admins;
    }

    private static void guard(Connection connection, UUID org) throws SQLException {
        try (PreparedStatement upsert =
                connection.prepareStatement("INSERT INTO identity_admin_guards (org_id, changes) VALUES (?, 1)"
                        + " ON DUPLICATE KEY UPDATE changes = changes + 1")) {
            upsert.setString(1, org.toString());
            upsert.executeUpdate();
        }
    }

    private static long admins(Connection connection, UUID org) throws SQLException {
        try (Statement count = connection.createStatement();
                ResultSet rows = count.executeQuery(adminCount(org))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String adminCount(UUID org) {
        return "SELECT COUNT(*) FROM galera_admins.memberships WHERE org_id = '" + org + "' AND role = 'ADMIN'";
    }

    private static UUID twoAdmins() throws SQLException {
        UUID org = UUID.randomUUID();
        for (String who : new String[] {"a", "b"}) {
            cluster.node(1)
                    .execute("INSERT INTO galera_admins.memberships VALUES ('" + org + "', '" + user(org, who)
                            + "', 'ADMIN')");
        }
        // Both nodes have applied the rows before the demotions read them.
        assertThat(cluster.node(2).query(adminCount(org))).containsExactly("2");
        return org;
    }

    private static UUID user(UUID org, String who) {
        return UUID.nameUUIDFromBytes((org + who).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Connection begin(int node) throws SQLException {
        Connection connection = cluster.node(node).connect("galera_admins");
        connection.setAutoCommit(false);
        return connection;
    }
}
