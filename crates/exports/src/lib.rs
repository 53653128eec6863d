//! Renders Compliance Desk's reports into files: CSV, XLSX and PDF.
