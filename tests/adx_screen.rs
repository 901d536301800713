//! The workbench on an Azure Data Explorer backend: the status bar shows the calls this client
//! measured and says that the service publishes no quota, never a count down from a made-up one.

mod support;

use std::time::Duration;

use kqlhunt::api::QuotaSnapshot;
use kqlhunt::backend::Adx;
use kqlhunt::ui::app::App;

use support::screen::screen;

#[test]
fn the_status_bar_shows_measured_calls_and_no_invented_quota() {
    let measured = QuotaSnapshot {
        calls_last_minute: 2,
        calls_last_hour: 7,
        execution_last_hour: Duration::from_millis(1500),
        ..QuotaSnapshot::default()
    };
    let app = App::new("adx", Adx::info(), measured, "SecurityEvents | take 3");
    let text = screen(&app, 160, 12);
    assert!(
        text.contains("2 calls/min, 7/h, exec 1.50 s this hour (no published quota)"),
        "{text}"
    );
    assert!(!text.contains("4294967295"), "{text}");
    let narrow = screen(&app, 60, 12);
    assert!(narrow.contains("2 calls/min"), "{narrow}");
}
