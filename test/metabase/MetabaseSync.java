// What Metabase does with ror's views, through the PostgreSQL JDBC driver, as
// a restricted role: the sync (tables from pg_class with the privilege checks
// of Metabase's PostgreSQL driver, columns from information_schema.columns with
// udt_name and col_description), then queries written the way Metabase writes
// them, under two session time zones, compared with the same numbers computed
// here from the raw tables.  Prints TAP.  Run by test/shell/metabase.sh:
//   java -cp /usr/share/java/postgresql.jar MetabaseSync.java JDBC_URL USER
import java.sql.*;
import java.util.*;

public class MetabaseSync {
    static int n = 0, failed = 0;

    static void ok(boolean cond, String name, String diag) {
        n++;
        if (cond) System.out.println("ok " + n + " - " + name);
        else {
            failed++;
            System.out.println("not ok " + n + " - " + name);
            if (diag != null) for (String l : diag.split("\n")) System.out.println("# " + l);
        }
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int cols = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= cols; i++) row.add(r.getString(i));
                out.add(row);
            }
        }
        return out;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) { s.execute(sql); }
    }

    // the views of the report issue, and the column types Metabase maps
    static final List<String> VIEWS = List.of("nps_by_period", "churn_by_period", "cohort_retention",
            "customer_value", "model_fit", "data_issues", "customer_relationship", "scorecard", "scorecard_history",
            "retention_projection");
    static final Set<String> MAPPED = Set.of("int2", "int4", "int8", "float4", "float8", "numeric", "date",
            "timestamptz", "timestamp", "text", "varchar", "bool");

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1];
        Properties p = new Properties();
        p.setProperty("user", user);
        try (Connection c = DriverManager.getConnection(url, p)) {
            // 1. sync: the tables query of Metabase's PostgreSQL driver
            List<List<String>> tables = rows(c, """
                SELECT n.nspname AS schema, c.relname AS name,
                       CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW'
                                      WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' END AS type,
                       d.description AS description
                FROM pg_catalog.pg_class AS c
                INNER JOIN pg_catalog.pg_namespace AS n ON c.relnamespace = n.oid
                LEFT JOIN pg_catalog.pg_description AS d ON c.oid = d.objoid AND d.objsubid = 0
                     AND d.classoid = 'pg_class'::regclass
                WHERE c.relkind IN ('r', 'p', 'v', 'f', 'm')
                  AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
                  AND pg_catalog.has_schema_privilege(n.nspname, 'USAGE')
                  AND (pg_catalog.has_table_privilege(c.oid, 'SELECT')
                       OR pg_catalog.has_any_column_privilege(c.oid, 'SELECT'))
                ORDER BY 1, 2""");
            for (String v : VIEWS) {
                Optional<List<String>> row = tables.stream()
                        .filter(t -> t.get(0).equals("ror") && t.get(1).equals(v)).findFirst();
                ok(row.isPresent() && row.get().get(2).equals("VIEW") && row.get().get(3) != null
                        && !row.get().get(3).isEmpty(),
                   "sync lists ror." + v + " as a VIEW with a description", String.valueOf(tables));
            }
            List<List<String>> cols = rows(c, """
                SELECT c.table_name, c.column_name, c.udt_name,
                       col_description(format('%I.%I', c.table_schema, c.table_name)::regclass::oid, c.ordinal_position)
                FROM information_schema.columns c
                WHERE c.table_schema = 'ror' ORDER BY c.table_name, c.ordinal_position""");
            for (String v : VIEWS) {
                List<String> bad = new ArrayList<>();
                int seen = 0;
                for (List<String> col : cols) {
                    if (!col.get(0).equals(v)) continue;
                    seen++;
                    if (!MAPPED.contains(col.get(2)) || col.get(3) == null || col.get(3).isEmpty())
                        bad.add(col.get(1) + " " + col.get(2) + " " + col.get(3));
                }
                ok(seen > 0 && bad.isEmpty(), "every column of ror." + v + " (" + seen
                        + ") has a type Metabase maps and a description", String.join("\n", bad));
            }

            // 2. queries as Metabase writes them, under two session time zones
            String[] queries = {
                """
                SELECT CAST(DATE_TRUNC('month', "ror"."nps_by_period"."period_start") AS date) AS "period_start",
                       "ror"."nps_by_period"."segment" AS "segment", COUNT(*) AS "count",
                       SUM("ror"."nps_by_period"."responses") AS "sum", SUM("ror"."nps_by_period"."promoters") AS "sum_2",
                       SUM("ror"."nps_by_period"."detractors") AS "sum_3"
                FROM "ror"."nps_by_period"
                GROUP BY CAST(DATE_TRUNC('month', "ror"."nps_by_period"."period_start") AS date), "ror"."nps_by_period"."segment"
                ORDER BY CAST(DATE_TRUNC('month', "ror"."nps_by_period"."period_start") AS date) ASC,
                         "ror"."nps_by_period"."segment" ASC""",
                """
                SELECT "ror"."churn_by_period"."segment" AS "segment", SUM("ror"."churn_by_period"."customers_at_start") AS "sum",
                       SUM("ror"."churn_by_period"."churned_from_start") AS "sum_2"
                FROM "ror"."churn_by_period"
                WHERE "ror"."churn_by_period"."period_start" >= CAST((CAST('2026-06-30' AS timestamp) + INTERVAL '-6 month') AS date)
                  AND "ror"."churn_by_period"."period_start" < CAST(CAST('2026-07-01' AS timestamp) AS date)
                GROUP BY "ror"."churn_by_period"."segment" ORDER BY "ror"."churn_by_period"."segment" ASC""",
                """
                SELECT "ror"."cohort_retention"."cohort_start" AS "cohort_start", "ror"."cohort_retention"."segment" AS "segment",
                       "ror"."cohort_retention"."period_number" AS "period_number",
                       "ror"."cohort_retention"."retention_rate" AS "retention_rate"
                FROM "ror"."cohort_retention" LIMIT 2000""",
                """
                SELECT "ror"."customer_value"."segment" AS "segment", COUNT(*) AS "count",
                       SUM("ror"."customer_value"."orders") AS "sum", AVG("ror"."customer_value"."clv") AS "avg"
                FROM "ror"."customer_value" GROUP BY "ror"."customer_value"."segment"
                ORDER BY "ror"."customer_value"."segment" ASC""",
                "SELECT * FROM \"ror\".\"nps_by_period\" LIMIT 10000",
                "SELECT * FROM \"ror\".\"model_fit\" LIMIT 2000",
                "SELECT * FROM \"ror\".\"data_issues\" LIMIT 2000",
                """
                SELECT "ror"."customer_relationship"."band" AS "band", COUNT(*) AS "count",
                       AVG("ror"."customer_relationship"."ror_score") AS "avg"
                FROM "ror"."customer_relationship" GROUP BY "ror"."customer_relationship"."band"
                ORDER BY "ror"."customer_relationship"."band" ASC""",
                "SELECT * FROM \"ror\".\"scorecard\" LIMIT 2000",
                """
                SELECT CAST(DATE_TRUNC('month', "ror"."scorecard_history"."as_of") AS date) AS "as_of",
                       AVG("ror"."scorecard_history"."mean_ror_score") AS "avg", SUM("ror"."scorecard_history"."customers") AS "sum"
                FROM "ror"."scorecard_history" WHERE "ror"."scorecard_history"."is_total" = TRUE
                GROUP BY CAST(DATE_TRUNC('month', "ror"."scorecard_history"."as_of") AS date)
                ORDER BY CAST(DATE_TRUNC('month', "ror"."scorecard_history"."as_of") AS date) ASC""",
                """
                SELECT "ror"."retention_projection"."period_number" AS "period_number",
                       "ror"."retention_projection"."is_projected" AS "is_projected",
                       AVG("ror"."retention_projection"."observed_retention") AS "avg",
                       AVG("ror"."retention_projection"."projected_retention") AS "avg_2"
                FROM "ror"."retention_projection" WHERE "ror"."retention_projection"."segment" = 'basic'
                GROUP BY "ror"."retention_projection"."period_number", "ror"."retention_projection"."is_projected"
                ORDER BY "ror"."retention_projection"."period_number" ASC, "ror"."retention_projection"."is_projected" ASC""",
            };
            String[] names = {"nps_by_period by month and segment", "churn_by_period, a relative date filter",
                    "cohort_retention raw LIMIT 2000", "customer_value by segment", "nps_by_period fingerprint LIMIT 10000",
                    "model_fit raw", "data_issues raw", "customer_relationship by band", "scorecard raw LIMIT 2000",
                    "scorecard_history by month", "retention_projection by period number"};
            Map<String, List<List<String>>> utc = new HashMap<>();
            exec(c, "SET SESSION TIMEZONE TO 'UTC'");
            for (int i = 0; i < queries.length; i++) utc.put(names[i], rows(c, queries[i]));
            exec(c, "SET SESSION TIMEZONE TO 'America/New_York'");
            for (int i = 0; i < queries.length; i++) {
                List<List<String>> ny = rows(c, queries[i]);
                ok(!ny.isEmpty() && ny.equals(utc.get(names[i])), names[i] + ": rows, the same in UTC and America/New_York",
                   "UTC: " + utc.get(names[i]) + "\nNY:  " + ny);
            }

            // 3. the same numbers computed here from the raw tables (as_of 2026-06-30, UTC dates)
            List<List<String>> expectNps = rows(c, """
                SELECT CAST(date_trunc('month', (r.responded_at AT TIME ZONE 'UTC')::date) AS date), cu.segment, count(*),
                       count(*) FILTER (WHERE r.score >= 9), count(*) FILTER (WHERE r.score <= 6)
                FROM mb.responses r LEFT JOIN mb.customers cu ON cu.customer_id = r.customer_id
                WHERE r.customer_id IS NOT NULL AND r.responded_at IS NOT NULL AND r.score BETWEEN 0 AND 10
                  AND (r.responded_at AT TIME ZONE 'UTC')::date <= date '2026-06-30'
                GROUP BY 1, 2 ORDER BY 1, 2""");
            List<List<String>> gotNps = new ArrayList<>();
            for (List<String> r : utc.get(names[0])) gotNps.add(List.of(r.get(0), String.valueOf(r.get(1)), r.get(3), r.get(4), r.get(5)));
            List<List<String>> expNps = new ArrayList<>();
            for (List<String> r : expectNps) expNps.add(List.of(r.get(0), String.valueOf(r.get(1)), r.get(2), r.get(3), r.get(4)));
            ok(gotNps.equals(expNps), "nps_by_period by month: responses, promoters, detractors equal those counted from the raw table",
               "view: " + gotNps + "\nraw:  " + expNps);
            List<List<String>> expectOrders = rows(c, """
                SELECT cu.segment, count(DISTINCT o.customer_id), count(*)
                FROM mb.orders o LEFT JOIN mb.customers cu ON cu.customer_id = o.customer_id
                WHERE o.customer_id IS NOT NULL AND o.ordered_at IS NOT NULL AND o.amount IS NOT NULL
                  AND (o.ordered_at AT TIME ZONE 'UTC')::date <= date '2026-06-30'
                GROUP BY 1 ORDER BY 1""");
            List<List<String>> gotOrders = new ArrayList<>();
            for (List<String> r : utc.get(names[3])) gotOrders.add(List.of(String.valueOf(r.get(0)), r.get(1), r.get(2)));
            List<List<String>> expOrders = new ArrayList<>();
            for (List<String> r : expectOrders) expOrders.add(List.of(String.valueOf(r.get(0)), r.get(1), r.get(2)));
            ok(gotOrders.equals(expOrders), "customer_value by segment: customers and orders equal those counted from the raw table",
               "view: " + gotOrders + "\nraw:  " + expOrders);
            List<List<String>> expectChurn = rows(c, """
                SELECT cu.segment, sum((SELECT count(*) FROM mb.customers x
                                        WHERE x.segment IS NOT DISTINCT FROM cu.segment
                                          AND (x.acquired_at AT TIME ZONE 'UTC')::date <= m
                                          AND (x.churned_at IS NULL OR (x.churned_at AT TIME ZONE 'UTC')::date > m)))
                FROM (SELECT DISTINCT segment FROM mb.customers) cu,
                     generate_series(date '2026-01-01', date '2026-06-01', interval '1 month') g(m)
                GROUP BY 1 ORDER BY 1""");
            List<List<String>> gotChurn = new ArrayList<>();
            for (List<String> r : utc.get(names[1])) gotChurn.add(List.of(String.valueOf(r.get(0)), r.get(1)));
            List<List<String>> expChurn = new ArrayList<>();
            for (List<String> r : expectChurn) expChurn.add(List.of(String.valueOf(r.get(0)), r.get(1)));
            ok(gotChurn.equals(expChurn), "churn_by_period, January to June: customers at start equal those counted from the raw table",
               "view: " + gotChurn + "\nraw:  " + expChurn);
            List<List<String>> expectPeople = rows(c, """
                SELECT count(DISTINCT customer_id) FROM mb.customers
                WHERE customer_id IS NOT NULL AND (acquired_at AT TIME ZONE 'UTC')::date <= date '2026-06-30'""");
            long gotPeople = 0;
            for (List<String> r : utc.get(names[7])) gotPeople += Long.parseLong(r.get(1));
            String totalCustomers = null;
            for (List<String> r : utc.get(names[8])) if ("t".equals(r.get(1))) totalCustomers = r.get(2);
            ok(String.valueOf(gotPeople).equals(expectPeople.get(0).get(0)) && expectPeople.get(0).get(0).equals(totalCustomers),
               "customer_relationship by band and the scorecard's total row: every customer acquired by as_of, counted from the raw table",
               "by band: " + gotPeople + ", scorecard: " + totalCustomers + ", raw: " + expectPeople);
            ok(utc.get(names[9]).size() == 6, "scorecard_history by month: the six snapshots of the backfill",
               "rows: " + utc.get(names[9]));
        }
        System.out.println("1.." + n);
        System.exit(failed == 0 ? 0 : 1);
    }
}
