//! Officers working one register: how their names compare. (Four eyes and assignment use it;
//! in team mode the names are the server's sign-in names.)

/// An officer's name as names compare: without outer spaces, and without case.
pub fn officer_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether `a` and `b` name the same officer.
pub fn same_officer(a: &str, b: &str) -> bool {
    officer_key(a) == officer_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officer_names_compare_without_case_or_outer_spaces() {
        assert!(same_officer(" Ana Pérez", "ana pérez "));
        assert!(same_officer("ÖZLEM", "özlem"), "beyond ASCII too");
        assert!(!same_officer("Ana", "Anna"));
        assert_eq!(officer_key("  Ben Okafor "), "ben okafor");
    }
}
