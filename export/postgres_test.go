package export_test

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/dvhc-vn/dvhc"
	"github.com/dvhc-vn/dvhc/export"
	"github.com/dvhc-vn/dvhc/export/internal/exporttest"
	"github.com/dvhc-vn/dvhc/geo"
	"github.com/dvhc-vn/dvhc/registry"
)

// pgEnv is the variable that holds the libpq connection string (key=value
// pairs or a URI, without the database name) of the PostgreSQL + PostGIS
// server of the tests, as a superuser; scripts/postgres.sh starts one and
// prints it.
const pgEnv = "DVHC_TEST_PG"

// postgres returns a psql runner for a fresh database on the server named
// by DVHC_TEST_PG, dropped at the end of the test, or skips (fails under
// CI=true).
func postgres(t *testing.T) func(stdin io.Reader, args ...string) (string, error) {
	t.Helper()
	conn := os.Getenv(pgEnv)
	psql, err := exec.LookPath("psql")
	if conn == "" || err != nil {
		msg := fmt.Sprintf("skipping: %s is not set or psql is missing (eval \"$(scripts/postgres.sh start)\" starts a server)", pgEnv)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	run := func(db string, stdin io.Reader, args ...string) (string, error) {
		cmd := exec.Command(psql, append([]string{"-X", "-q", "-v", "ON_ERROR_STOP=1", withDB(conn, db)}, args...)...)
		cmd.Stdin = stdin
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("psql %s: %v: %s", strings.Join(args, " "), err, stderr.String())
		}
		return out.String(), nil
	}
	db := fmt.Sprintf("dvhc_test_%d", os.Getpid())
	if _, err := run("postgres", nil, "-c", "DROP DATABASE IF EXISTS "+db, "-c", "CREATE DATABASE "+db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := run("postgres", nil, "-c", "DROP DATABASE "+db); err != nil {
			t.Error(err)
		}
	})
	return func(stdin io.Reader, args ...string) (string, error) { return run(db, stdin, args...) }
}

// withDB returns the connection string conn (key=value pairs or a
// postgresql:// URI) for the database db.
func withDB(conn, db string) string {
	if u, err := url.Parse(conn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + db
		return u.String()
	}
	return conn + " dbname=" + db
}

// TestPostgres loads the export with psql into a fresh database and asks
// it the questions the registry answers; with PostGIS, ST_Contains places
// the inner points of 100 random communes in their own commune.
func TestPostgres(t *testing.T) {
	psql := postgres(t)
	reg := registry.MustDefault()
	var script bytes.Buffer
	if err := export.WritePostgres(&script, reg, export.PostgresOptions{Boundaries: geo.Default()}); err != nil {
		t.Fatal(err)
	}
	if _, err := psql(&script); err != nil {
		t.Fatal(err)
	}
	query := func(q string) ([][]string, error) {
		out, err := psql(nil, "-At", "-F", "\t", "-c", "SET search_path = dvhc, public", "-c", q)
		if err != nil {
			return nil, err
		}
		var rows [][]string
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if line != "" {
				rows = append(rows, strings.Split(line, "\t"))
			}
		}
		return rows, nil
	}
	exporttest.Run(t, query, exporttest.Checks(reg, dvhc.Today()))

	points := exporttest.InnerPoints(reg, dvhc.Today(), 100)
	var values []string
	var want [][]string
	for _, p := range points {
		values = append(values, fmt.Sprintf("('%s', %v, %v)", p.Code, p.Lon, p.Lat))
		want = append(want, []string{string(p.Code), string(p.Code)})
	}
	exporttest.Run(t, query, []exporttest.Check{{
		Name: "boundaries",
		SQL:  "SELECT level, count(*), sum(CASE WHEN ST_SRID(geom) = 4326 AND GeometryType(geom) = 'MULTIPOLYGON' AND ST_IsValid(geom) THEN 1 ELSE 0 END) FROM boundaries GROUP BY level ORDER BY level",
		Want: [][]string{{"commune", "3321", "3321"}, {"province", "34", "34"}},
	}, {
		Name: "ST_Contains places 100 inner points in their own commune",
		SQL: "SELECT p.code, string_agg(b.code, ',' ORDER BY b.code) FROM (VALUES " + strings.Join(values, ", ") + ") AS p (code, lon, lat)" +
			" LEFT JOIN boundaries b ON b.level = 'commune' AND ST_Contains(b.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))" +
			" GROUP BY p.code ORDER BY p.code",
		Want: want,
	}, {
		Name: "the commune of a point is inside its province",
		SQL: "SELECT c.code, p.code FROM boundaries c JOIN boundaries p ON p.level = 'province'" +
			" AND ST_Contains(p.geom, ST_SetSRID(ST_MakePoint(105.8524, 21.0287), 4326))" +
			" WHERE c.level = 'commune' AND ST_Contains(c.geom, ST_SetSRID(ST_MakePoint(105.8524, 21.0287), 4326))",
		Want: [][]string{{"00070", "01"}},
	}})

	// The script is one transaction: loading it again fails on the
	// existing schema and changes nothing.
	script.Reset()
	if err := export.WritePostgres(&script, reg, export.PostgresOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := psql(&script); err == nil || !strings.Contains(err.Error(), `schema "dvhc" already exists`) {
		t.Errorf("second load: %v, want schema already exists", err)
	}
	exporttest.Run(t, query, []exporttest.Check{{Name: "after the failed load", SQL: "SELECT count(*) FROM boundaries", Want: [][]string{{"3355"}}}})

	// With Replace, it replaces the schema: here by one without boundaries.
	script.Reset()
	if err := export.WritePostgres(&script, reg, export.PostgresOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := psql(&script); err != nil {
		t.Fatal(err)
	}
	exporttest.Run(t, query, []exporttest.Check{{
		Name: "after the replacing load",
		SQL:  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'dvhc' AND table_name = 'boundaries'",
		Want: [][]string{{"0"}},
	}, {
		Name: "units after the replacing load",
		SQL:  "SELECT count(*) FROM unit_versions",
		Want: [][]string{{fmt.Sprint(len(reg.Units()))}},
	}})
}
