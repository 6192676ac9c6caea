package io.inkwell.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.inkwell.db.DatabaseUrl;

/**
 * Plain JDBC for tests: fixtures and read-backs beside the application's own R2DBC
 * access. The static methods use the shared test database ({@link TestDatabase});
 * {@link #on(DatabaseUrl)} any other one. One connection per call, parameters bound by
 * position; a failing statement is an {@link IllegalStateException} naming it.
 */
public final class Sql {

	private Sql() {
	}

	/**
	 * The same operations on another database, e.g. one made by
	 * {@link TestDatabase#createDatabase}.
	 */
	public static Database on(DatabaseUrl url) {
		return new Database(url);
	}

	private static Database test() {
		return on(TestDatabase.get().databaseUrl());
	}

	/** The first column of the first row as a number; fails when there is no row. */
	public static long count(String sql, Object... parameters) {
		return test().count(sql, parameters);
	}

	/** The first column of the first row as a string; null when there is no row. */
	public static String string(String sql, Object... parameters) {
		return test().string(sql, parameters);
	}

	/** The first column of every row as strings. */
	public static List<String> strings(String sql, Object... parameters) {
		return test().strings(sql, parameters);
	}

	/** Every row, column label to value, in order. */
	public static List<Map<String, Object>> queryForList(String sql, Object... parameters) {
		return test().queryForList(sql, parameters);
	}

	/** Runs an insert, update, delete or DDL statement; the rows it changed. */
	public static int execute(String sql, Object... parameters) {
		return test().execute(sql, parameters);
	}

	/** A database the operations run on. */
	public static final class Database {

		private final DatabaseUrl url;

		private Database(DatabaseUrl url) {
			this.url = url;
		}

		/** A new JDBC connection; the caller closes it. */
		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url.jdbcUrl(), this.url.jdbcProperties());
		}

		public long count(String sql, Object... parameters) {
			return query(sql, parameters, (rows) -> {
				if (!rows.next()) {
					throw new IllegalStateException("no row: " + sql);
				}
				return rows.getLong(1);
			});
		}

		public String string(String sql, Object... parameters) {
			return query(sql, parameters, (rows) -> rows.next() ? rows.getString(1) : null);
		}

		public List<String> strings(String sql, Object... parameters) {
			return query(sql, parameters, (rows) -> {
				List<String> values = new ArrayList<>();
				while (rows.next()) {
					values.add(rows.getString(1));
				}
				return values;
			});
		}

		public List<Map<String, Object>> queryForList(String sql, Object... parameters) {
			return query(sql, parameters, (rows) -> {
				ResultSetMetaData meta = rows.getMetaData();
				List<Map<String, Object>> list = new ArrayList<>();
				while (rows.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						row.put(meta.getColumnLabel(i), rows.getObject(i));
					}
					list.add(row);
				}
				return list;
			});
		}

		public int execute(String sql, Object... parameters) {
			try (Connection connection = connect();
					PreparedStatement statement = prepare(connection, sql, parameters)) {
				return statement.executeUpdate();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(sql + " failed", ex);
			}
		}

		private <T> T query(String sql, Object[] parameters, RowsReader<T> reader) {
			try (Connection connection = connect();
					PreparedStatement statement = prepare(connection, sql, parameters);
					ResultSet rows = statement.executeQuery()) {
				return reader.read(rows);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(sql + " failed", ex);
			}
		}

		private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
				throws SQLException {
			PreparedStatement statement = connection.prepareStatement(sql);
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement;
		}

	}

	@FunctionalInterface
	private interface RowsReader<T> {

		T read(ResultSet rows) throws SQLException;

	}

}
