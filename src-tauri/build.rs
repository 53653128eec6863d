// Declares every app command so that Tauri checks each call against the capabilities.
const COMMANDS: &[&str] = &[
    "app_info",
    "log_complaint",
    "get_complaint",
    "list_complaints",
    "register_counts",
    "record_step",
    "get_settings",
    "set_timezone",
    "add_closure",
    "remove_closure",
    "taxonomy",
    "verify_audit",
    "import_complaints",
    "report_preview",
    "report_status",
    "export_report",
    "submit_report",
    "save_submitted_file",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri-build failed");
}
