//! Program settings (key and value) and the user's closure days.

use rusqlite::{params, OptionalExtension};

use crate::{LiteTx, StoreError};

impl LiteTx<'_> {
    /// A setting's value, if set.
    ///
    /// # Errors
    /// Store errors only.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn().query_row("SELECT value FROM settings WHERE key = ?1", params![key], |r| r.get(0)).optional()?)
    }

    /// Sets a setting.
    ///
    /// # Errors
    /// Store errors only.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Every closure day as (`YYYY-MM-DD`, name), in date order.
    ///
    /// # Errors
    /// Store errors only.
    pub fn closures(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT day, name FROM closures ORDER BY day")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds or renames a closure day.
    ///
    /// # Errors
    /// Store errors only.
    pub fn put_closure(&self, day: &str, name: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO closures (day, name) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET name = excluded.name",
            params![day, name],
        )?;
        Ok(())
    }

    /// Removes a closure day; returns whether there was one.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_closure(&self, day: &str) -> Result<bool, StoreError> {
        Ok(self.conn().execute("DELETE FROM closures WHERE day = ?1", params![day])? > 0)
    }
}
