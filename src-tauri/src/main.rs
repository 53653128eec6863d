// Hides the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    cdesk_usecases::settle_allocator();
    compliance_desk_lib::run();
}
