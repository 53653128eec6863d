//! The report as a PDF (A4 landscape): a cover, the summary with key figures, charts and
//! tallies, then the list of complaints as a table over as many pages as it needs, with the
//! header row repeated and "Page N of M" on every page.

pub(crate) mod fonts;
pub(crate) mod text;

use cdesk_domain::report::{MonthlyReport, ReportClock, ReportRow, ReportSection, Share, Tally};
use cdesk_domain::{ComplaintKind, ComplaintStatus, Ground, Money};
use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::Document;

use crate::labels::{humanize, period, week_label, Labels};
use crate::ExportError;
use text::{st, FontSet, Rgb, Style, Weight};

const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
/// Left and right margin.
const MX: f32 = 36.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MX;
/// Where content starts below the running header.
const CONTENT_TOP: f32 = 50.0;
/// Where content must end above the footer.
const CONTENT_BOTTOM: f32 = PAGE_H - 40.0;

type Color = Rgb;
const INK: Color = Rgb(0x1A, 0x20, 0x2C);
const MUTED: Color = Rgb(0x5B, 0x66, 0x75);
const NAVY: Color = Rgb(0x1F, 0x3A, 0x5F);
const RULE: Color = Rgb(0xC8, 0xD0, 0xDA);
const ZEBRA: Color = Rgb(0xF4, 0xF6, 0xF9);
const BAND: Color = Rgb(0xE4, 0xEA, 0xF2);
const TRACK: Color = Rgb(0xE3, 0xE7, 0xEC);
const GOOD: Color = Rgb(0x1E, 0x7B, 0x45);
const BAD: Color = Rgb(0xB4, 0x23, 0x18);
const BAD_PALE: Color = Rgb(0xE8, 0xA8, 0xA1);
const WARN: Color = Rgb(0x9A, 0x62, 0x00);
const WHITE: Color = Rgb(0xFF, 0xFF, 0xFF);

// The complaint table.
const T_SIZE: f32 = 7.0;
const T_SMALL: f32 = 6.5;
const T_LINE: f32 = 8.6;
const T_PAD_X: f32 = 3.0;
const T_PAD_Y: f32 = 3.6;
const HEADER_H: f32 = 2.0 * T_LINE + 2.0 * T_PAD_Y;
const BAND_H: f32 = 16.0;
/// Column headings (one or two lines) and widths in points; the widths add up to the content width.
const TABLE: [(&str, &str, f32); 12] = [
    ("Complaint ID", "", 66.0),
    ("Received", "", 44.0),
    ("Channel /", "product", 50.0),
    ("Kind /", "grounds", 56.0),
    ("Topic /", "issue type", 80.0),
    ("Complainant /", "account", 78.0),
    ("Summary /", "resolution", 154.0),
    ("Status at", "month end", 44.0),
    ("Acknow-", "ledged", 46.0),
    ("Stripe", "notified", 46.0),
    ("Resolved", "", 46.0),
    ("Outcome /", "compensation", 59.89),
];
const SUMMARY_LINES: usize = 3;
const RESOLUTION_LINES: usize = 2;

/// One line of text in a table cell.
struct Line {
    text: String,
    size: f32,
    weight: Weight,
    color: Color,
}

impl Line {
    fn new(text: impl Into<String>) -> Line {
        Line { text: text.into(), size: T_SIZE, weight: Weight::Regular, color: INK }
    }
    fn bold(mut self) -> Line {
        self.weight = Weight::Bold;
        self
    }
    fn small(mut self) -> Line {
        self.size = T_SMALL;
        self
    }
    fn color(mut self, c: Color) -> Line {
        self.color = c;
        self
    }
}

/// A row of the complaint table, laid out.
struct RowLayout {
    cells: Vec<Vec<Line>>,
    height: f32,
}

/// What a list page shows, top to bottom.
enum Item {
    Band(String),
    Row(usize),
}

/// The rows the list pages draw, in order: the report's own (borrowed), or rows taken from a
/// report, kept in reverse so that each row drawn is popped off the end and its memory given
/// back as the pages go.
enum Rows<'a> {
    Borrowed(&'a [ReportRow]),
    /// The rows not drawn yet, the next one last, and how many there were.
    Taken { rest: std::cell::RefCell<Vec<ReportRow>>, total: usize },
}

impl Rows<'_> {
    fn taken(mut rows: Vec<ReportRow>) -> Rows<'static> {
        rows.reverse();
        Rows::Taken { total: rows.len(), rest: std::cell::RefCell::new(rows) }
    }

    /// Every row, in report order (called before the first list page is drawn).
    fn with_all<T>(&self, f: impl FnOnce(&mut dyn Iterator<Item = &ReportRow>) -> T) -> T {
        match self {
            Rows::Borrowed(rows) => f(&mut rows.iter()),
            Rows::Taken { rest, .. } => f(&mut rest.borrow().iter().rev()),
        }
    }

    /// Lays out row `i`. Taken rows are drawn once each, in order, and let go after.
    fn lay_out(&self, ctx: &Ctx<'_>, i: usize) -> RowLayout {
        match self {
            Rows::Borrowed(rows) => layout_row(ctx, &rows[i]),
            Rows::Taken { rest, total } => {
                let mut rest = rest.borrow_mut();
                assert_eq!(total - rest.len(), i, "the list pages draw each taken row once, in order");
                let row = rest.pop().expect("a row not drawn yet");
                // Every 256 rows (some 25 pages), give back the buffer's end (a shrink in place).
                if rest.len() % 256 == 0 {
                    rest.shrink_to_fit();
                }
                layout_row(ctx, &row)
            }
        }
    }
}

struct Ctx<'a> {
    report: &'a MonthlyReport,
    /// Whether the month has any complaint (the report's rows may have been taken into `rows`).
    has_rows: bool,
    fonts: FontSet,
    labels: Labels,
    /// The program's zone, in which instants are shown.
    tz: chrono_tz::Tz,
    total_pages: usize,
}

pub(crate) fn report_pdf(report: &MonthlyReport, generated_at: DateTime<Utc>) -> Result<Vec<u8>, ExportError> {
    finish(draw(report, Rows::Borrowed(&report.rows), generated_at)?)
}

/// As [`report_pdf`], letting each row go once its page is drawn: the pages drawn (compressed)
/// grow as the rows still to draw shrink, and the finished file never sits beside the rows.
pub(crate) fn report_pdf_from(mut report: MonthlyReport, generated_at: DateTime<Utc>) -> Result<Vec<u8>, ExportError> {
    let rows = Rows::taken(std::mem::take(&mut report.rows));
    let doc = draw(&report, rows, generated_at)?;
    drop(report);
    finish(doc)
}

fn finish(doc: Document) -> Result<Vec<u8>, ExportError> {
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// Every page of the report, drawn into a document not yet put together.
fn draw(report: &MonthlyReport, rows: Rows<'_>, generated_at: DateTime<Utc>) -> Result<Document, ExportError> {
    let fonts = FontSet::new(fonts::find_fonts())?;
    let tz = report.timezone.parse().unwrap_or(chrono_tz::Tz::UTC);
    let has_rows = rows.with_all(|all| all.next().is_some());
    let mut ctx = Ctx { report, has_rows, fonts, labels: Labels::new(), tz, total_pages: 0 };

    // Only the rows' heights are kept to paginate; each page lays its rows out again as it is
    // drawn, so a month of a hundred thousand rows never holds every row's lines at once.
    let list_pages = rows.with_all(|all| paginate(&ctx, all));
    let tallies_apart = ctx.has_rows && tallies_need_own_page(report);
    let summary_pages = if tallies_apart { 2 } else { 1 };
    ctx.total_pages = 1 + summary_pages + list_pages.len();

    let mut doc = Document::new();
    let mut number = 1;
    with_page(&mut doc, |s| {
        cover(&ctx, s, generated_at);
        chrome(&ctx, s, number, false);
    });
    number += 1;
    with_page(&mut doc, |s| {
        let y = summary(&ctx, s);
        if !tallies_apart && ctx.has_rows {
            tallies(&ctx, s, y);
        }
        chrome(&ctx, s, number, true);
    });
    number += 1;
    if tallies_apart {
        with_page(&mut doc, |s| {
            let y = page_heading(&ctx, s, "Summary (continued)", None);
            tallies(&ctx, s, y);
            chrome(&ctx, s, number, true);
        });
        number += 1;
    }
    for (i, items) in list_pages.iter().enumerate() {
        with_page(&mut doc, |s| {
            list_page(&ctx, &rows, s, i == 0, items);
            chrome(&ctx, s, number, true);
        });
        number += 1;
    }
    ctx.fonts.check_coverage()?;

    doc.set_metadata(
        Metadata::new()
            .title(format!("Complaint report for Stripe: {}, {}", report.program, report.month.title()))
            .creator("Compliance Desk".to_owned())
            .language("en".to_owned())
            .creation_date(pdf_date(generated_at)),
    );
    Ok(doc)
}

fn pdf_date(t: DateTime<Utc>) -> krilla::metadata::DateTime {
    krilla::metadata::DateTime::new(t.year().clamp(0, 9999) as u16)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn with_page(doc: &mut Document, draw: impl FnOnce(&mut Surface<'_>)) {
    let mut page = doc.start_page_with(PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid page size"));
    let mut surface = page.surface();
    draw(&mut surface);
    surface.finish();
    page.finish();
}

fn rect(s: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, color: Color) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let Some(r) = Rect::from_xywh(x, y, w, h) else { return };
    let mut pb = PathBuilder::new();
    pb.push_rect(r);
    let Some(path) = pb.finish() else { return };
    s.set_stroke(None);
    s.set_fill(Some(Fill { paint: color.krilla().into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }));
    s.draw_path(&path);
}

fn hline(s: &mut Surface<'_>, x1: f32, x2: f32, y: f32, width: f32, color: Color) {
    rect(s, x1, y - width / 2.0, x2 - x1, width, color);
}

impl Ctx<'_> {
    fn text(&self, s: &mut Surface<'_>, x: f32, y: f32, t: &str, style: Style) -> f32 {
        self.fonts.draw(s, x, y, t, style)
    }

    fn text_right(&self, s: &mut Surface<'_>, right: f32, y: f32, t: &str, style: Style) {
        let w = self.fonts.width(t, style.size, style.weight);
        self.fonts.draw(s, right - w, y, t, style);
    }

    fn text_center(&self, s: &mut Surface<'_>, center: f32, y: f32, t: &str, style: Style) {
        let w = self.fonts.width(t, style.size, style.weight);
        self.fonts.draw(s, center - w / 2.0, y, t, style);
    }

    /// Draws `t` cut to `width`.
    fn text_fit(&self, s: &mut Surface<'_>, x: f32, y: f32, t: &str, width: f32, style: Style) {
        let t = self.fonts.fit(t, width, style.size, style.weight);
        self.fonts.draw(s, x, y, &t, style);
    }
}

/// Running header (except on the cover) and footer with the page number.
fn chrome(ctx: &Ctx<'_>, s: &mut Surface<'_>, number: usize, header: bool) {
    let r = ctx.report;
    if header {
        let right = format!("{} · {}", r.month.title(), r.timezone);
        let right_w = ctx.fonts.width(&right, 7.5, Weight::Regular);
        ctx.text_fit(s, MX, 30.0, &format!("Complaint report for Stripe · {}", r.program), CONTENT_W - right_w - 20.0, st(7.5, Weight::Regular, MUTED));
        ctx.text_right(s, PAGE_W - MX, 30.0, &right, st(7.5, Weight::Regular, MUTED));
        hline(s, MX, PAGE_W - MX, 35.0, 0.5, RULE);
    }
    hline(s, MX, PAGE_W - MX, PAGE_H - 31.0, 0.5, RULE);
    ctx.text(s, MX, PAGE_H - 20.0, "Confidential: contains personal data of complainants.", st(7.0, Weight::Regular, MUTED));
    ctx.text_right(s, PAGE_W - MX, PAGE_H - 20.0, &format!("Page {number} of {}", ctx.total_pages), st(7.5, Weight::Regular, INK));
}

/// A page's title with an optional note on the right; returns the y below it.
fn page_heading(ctx: &Ctx<'_>, s: &mut Surface<'_>, title: &str, note: Option<&str>) -> f32 {
    ctx.text(s, MX, CONTENT_TOP + 16.0, title, st(16.0, Weight::Bold, INK));
    if let Some(note) = note {
        ctx.text_right(s, PAGE_W - MX, CONTENT_TOP + 16.0, note, st(8.5, Weight::Regular, MUTED));
    }
    CONTENT_TOP + 30.0
}

fn generated_in_zone(report: &MonthlyReport, at: DateTime<Utc>) -> Option<String> {
    let tz: chrono_tz::Tz = report.timezone.parse().ok()?;
    Some(format!("{} ({})", at.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z"), report.timezone))
}

fn cover(ctx: &Ctx<'_>, s: &mut Surface<'_>, generated_at: DateTime<Utc>) {
    let r = ctx.report;
    rect(s, 0.0, 0.0, PAGE_W, 10.0, NAVY);
    let x = MX + 24.0;
    let w = CONTENT_W - 48.0;
    ctx.text(s, x, 118.0, "COMPLIANCE DESK", st(9.0, Weight::Bold, MUTED));
    ctx.text_fit(s, x, 160.0, "Complaint report for Stripe", w, st(30.0, Weight::Bold, INK));
    ctx.text_fit(s, x, 194.0, &r.month.title(), w, st(20.0, Weight::Regular, NAVY));
    rect(s, x, 212.0, 56.0, 2.5, NAVY);

    let s_ = &r.summary;
    let mut facts: Vec<(&str, String)> = vec![
        ("Program", r.program.clone()),
        ("Reporting period", period(r.month)),
        ("Version", match &r.amends {
            Some(at) => format!("Amendment to the report submitted {at}"),
            None => "Original".to_owned(),
        }),
        ("Time zone", r.timezone.clone()),
        (
            "Complaints in this report",
            if !ctx.has_rows {
                "None: no complaints in this month".to_owned()
            } else {
                format!("{} ({} new in the month, {} carried over)", thousands(s_.total), thousands(s_.new), thousands(s_.carried_over))
            },
        ),
        ("Generated (UTC)", generated_at.format("%Y-%m-%d %H:%M UTC").to_string()),
    ];
    if let Some(local) = generated_in_zone(r, generated_at) {
        facts.push(("Generated (program time)", local));
    }
    let mut y = 256.0;
    for (label, value) in &facts {
        ctx.text(s, x, y, label, st(9.5, Weight::Regular, MUTED));
        ctx.text_fit(s, x + 170.0, y, value, w - 170.0, st(11.0, Weight::Regular, INK));
        y += 23.0;
    }

    let about = format!(
        "This report lists every complaint received in {month} and every complaint received earlier that was still open \
         when the month began, with each deadline as it stood at the end of the month. Dates are calendar dates in {tz}; \
         business days follow the program's business calendar. The same rows are available as CSV and XLSX exports.",
        month = r.month.title(),
        tz = r.timezone
    );
    let mut y = 448.0;
    ctx.text(s, x, y, "About this report", st(9.0, Weight::Bold, INK));
    y += 14.0;
    for line in ctx.fonts.wrap(&about, 520.0, 8.5, Weight::Regular, 5) {
        ctx.text(s, x, y, &line, st(8.5, Weight::Regular, MUTED));
        y += 12.0;
    }
}

/// The summary: key figures, the two charts, resolution figures. Returns the y below it.
fn summary(ctx: &Ctx<'_>, s: &mut Surface<'_>) -> f32 {
    let r = ctx.report;
    let sm = &r.summary;
    let mut y = page_heading(ctx, s, "Summary", Some(&format!("{} · {}", r.month.title(), period(r.month))));

    // Key figures.
    let tiles: [(&str, u64, bool); 6] = [
        ("Complaints in report", sm.total, false),
        ("New in the month", sm.new, false),
        ("Carried over", sm.carried_over, false),
        ("Resolved in the month", sm.resolved_in_month, false),
        ("Open at month end", sm.open_at_end, false),
        ("Overdue at month end", sm.overdue_at_end, sm.overdue_at_end > 0),
    ];
    let gap = 8.0;
    let tile_w = (CONTENT_W - gap * 5.0) / 6.0;
    let tile_h = 50.0;
    for (i, (label, n, alarm)) in tiles.iter().enumerate() {
        let x = MX + i as f32 * (tile_w + gap);
        rect(s, x, y, tile_w, tile_h, ZEBRA);
        rect(s, x, y, 2.5, tile_h, if *alarm { BAD } else { NAVY });
        ctx.text(s, x + 10.0, y + 24.0, &thousands(*n), st(20.0, Weight::Bold, if *alarm { BAD } else { INK }));
        ctx.text_fit(s, x + 10.0, y + 40.0, label, tile_w - 14.0, st(7.5, Weight::Regular, MUTED));
    }
    y += tile_h + 22.0;

    if !ctx.has_rows {
        ctx.text(s, MX, y + 10.0, "No complaints in this month", st(14.0, Weight::Bold, INK));
        ctx.text(
            s,
            MX,
            y + 28.0,
            "No complaint was received in the month and none was open when it began.",
            st(9.0, Weight::Regular, MUTED),
        );
        return y + 40.0;
    }

    // Charts side by side.
    let chart_w = (CONTENT_W - 30.0) / 2.0;
    let chart_h = 150.0;
    weekly_chart(ctx, s, MX, y, chart_w, chart_h);
    deadlines_chart(ctx, s, MX + chart_w + 30.0, y, chart_w);
    y += chart_h + 26.0;

    // Resolution figures.
    let median = sm.median_business_days_to_resolve.map_or_else(|| "none resolved in the month".to_owned(), |m| format!("{m:.1}"));
    let comp = if sm.compensation_totals.is_empty() {
        "none".to_owned()
    } else {
        sm.compensation_totals
            .iter()
            .map(|t| Money { amount_minor: t.amount_minor, currency: t.currency.clone() }.display())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (label, value) in [
        ("Median business days to resolve (complaints resolved in the month)", median),
        ("Compensation paid on complaints resolved in the month", comp),
    ] {
        let w = ctx.text(s, MX, y, label, st(8.5, Weight::Regular, MUTED));
        ctx.text_fit(s, MX + w + 8.0, y, &value, CONTENT_W - w - 8.0, st(9.0, Weight::Bold, INK));
        y += 14.0;
    }
    y + 12.0
}

/// Height the tallies need: title, rule and the longest tally's rows.
fn tallies_height(report: &MonthlyReport) -> f32 {
    let sm = &report.summary;
    let rows = [&sm.by_kind, &sm.by_product, &sm.by_topic, &sm.by_channel].iter().map(|t| t.len().max(1)).max().unwrap_or(1);
    22.0 + rows as f32 * 12.0
}

fn tallies_need_own_page(report: &MonthlyReport) -> bool {
    // The summary above the tallies ends at a fixed height for a month with complaints.
    const SUMMARY_END: f32 = CONTENT_TOP + 30.0 + 50.0 + 22.0 + 150.0 + 26.0 + 28.0 + 12.0;
    SUMMARY_END + tallies_height(report) > CONTENT_BOTTOM
}

/// Words for a tally's keys.
type Labeller<'a> = &'a dyn Fn(&str) -> String;

fn tallies(ctx: &Ctx<'_>, s: &mut Surface<'_>, y: f32) {
    let sm = &ctx.report.summary;
    let topic = |k: &str| if k == "not classified" { humanize(k) } else { ctx.labels.topic(k) };
    let groups: [(&str, &[Tally], Labeller<'_>); 4] = [
        ("By kind", &sm.by_kind, &humanize),
        ("By product", &sm.by_product, &humanize),
        ("By topic", &sm.by_topic, &topic),
        ("By channel", &sm.by_channel, &humanize),
    ];
    let gap = 18.0;
    // Shares of the width: topics have the longest labels.
    let parts = [0.85, 0.85, 1.4, 0.9];
    let unit = (CONTENT_W - 3.0 * gap) / parts.iter().sum::<f32>();
    let total = sm.total.max(1) as f64;
    let max_rows = ((CONTENT_BOTTOM - y - 22.0) / 12.0).floor().max(1.0) as usize;
    let mut x = MX;
    for (i, (title, tally, label)) in groups.iter().enumerate() {
        let w = parts[i] * unit;
        ctx.text(s, x, y, title, st(9.0, Weight::Bold, INK));
        ctx.text_right(s, x + w - 34.0, y, "Count", st(7.0, Weight::Regular, MUTED));
        ctx.text_right(s, x + w, y, "Share", st(7.0, Weight::Regular, MUTED));
        hline(s, x, x + w, y + 5.0, 0.6, RULE);
        let mut ty = y + 18.0;
        let shown = if tally.len() > max_rows { max_rows - 1 } else { tally.len() };
        for t in &tally[..shown] {
            ctx.text_fit(s, x, ty, &label(&t.key), w - 76.0, st(8.0, Weight::Regular, INK));
            ctx.text_right(s, x + w - 34.0, ty, &thousands(t.count), st(8.0, Weight::Bold, INK));
            ctx.text_right(s, x + w, ty, &format!("{:.0}%", t.count as f64 * 100.0 / total), st(8.0, Weight::Regular, MUTED));
            ty += 12.0;
        }
        if shown < tally.len() {
            let rest: u64 = tally[shown..].iter().map(|t| t.count).sum();
            ctx.text(s, x, ty, &format!("{} more ({} complaints)", tally.len() - shown, thousands(rest)), st(8.0, Weight::Regular, MUTED));
        }
        x += w + gap;
    }
}

/// A round step for `max / 4` (1, 2 or 5 times a power of ten).
fn nice_step(max: u64) -> u64 {
    let rough = (max as f64 / 4.0).max(1.0);
    let mut p = 1u64;
    loop {
        for m in [1, 2, 5] {
            if (m * p) as f64 >= rough {
                return m * p;
            }
        }
        p *= 10;
    }
}

fn weekly_chart(ctx: &Ctx<'_>, s: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32) {
    let weeks = &ctx.report.summary.weekly_new;
    ctx.text(s, x, y, "New complaints per week", st(10.0, Weight::Bold, INK));
    ctx.text_right(s, x + w, y, "weeks start on Monday", st(7.5, Weight::Regular, MUTED));
    let plot_top = y + 20.0;
    let plot_bottom = y + h - 16.0;
    let plot_h = plot_bottom - plot_top;
    let axis_x = x + 26.0;
    let plot_w = x + w - axis_x;
    let max = weeks.iter().map(|w| w.count).max().unwrap_or(0);
    let step = nice_step(max);
    let top = (max.div_ceil(step)).max(1) * step;
    let mut v = 0;
    while v <= top {
        let gy = plot_bottom - plot_h * v as f32 / top as f32;
        hline(s, axis_x, x + w, gy, if v == 0 { 0.8 } else { 0.4 }, if v == 0 { MUTED } else { RULE });
        ctx.text_right(s, axis_x - 5.0, gy + 2.5, &thousands(v), st(7.0, Weight::Regular, MUTED));
        v += step;
    }
    if weeks.is_empty() {
        return;
    }
    let slot = plot_w / weeks.len() as f32;
    let bar_w = (slot * 0.55).min(48.0);
    for (i, wk) in weeks.iter().enumerate() {
        let cx = axis_x + slot * (i as f32 + 0.5);
        let bh = plot_h * wk.count as f32 / top as f32;
        if wk.count > 0 {
            rect(s, cx - bar_w / 2.0, plot_bottom - bh, bar_w, bh, NAVY);
        }
        ctx.text_center(s, cx, plot_bottom - bh - 4.0, &thousands(wk.count), st(8.0, Weight::Bold, INK));
        ctx.text_center(s, cx, plot_bottom + 11.0, &week_label(wk), st(7.5, Weight::Regular, MUTED));
    }
}

fn deadlines_chart(ctx: &Ctx<'_>, s: &mut Surface<'_>, x: f32, y: f32, w: f32) {
    let sm = &ctx.report.summary;
    ctx.text(s, x, y, "Deadlines met", st(10.0, Weight::Bold, INK));
    ctx.text_right(s, x + w, y, "of those decided by the end of the month", st(7.5, Weight::Regular, MUTED));
    let clocks: [(&str, Share); 3] = [
        ("Acknowledged in time", sm.acknowledged_in_time),
        ("Resolved in time", sm.resolved_in_time),
        ("Stripe notified in time", sm.stripe_notified_in_time),
    ];
    let bar_w = w - 110.0;
    let mut by = y + 26.0;
    for (label, share) in clocks {
        ctx.text(s, x, by, label, st(8.5, Weight::Regular, INK));
        let detail = match share.percent() {
            Some(_) => format!("{} met, {} missed", share.met, share.decided - share.met),
            None => "none decided".to_owned(),
        };
        ctx.text_right(s, x + bar_w, by, &detail, st(7.5, Weight::Regular, MUTED));
        let track_y = by + 5.0;
        rect(s, x, track_y, bar_w, 14.0, TRACK);
        if let Some(p) = share.percent() {
            let met_w = bar_w * share.met as f32 / share.decided as f32;
            rect(s, x, track_y, met_w, 14.0, GOOD);
            rect(s, x + met_w, track_y, bar_w - met_w, 14.0, BAD_PALE);
            ctx.text(s, x + bar_w + 10.0, track_y + 11.0, &format!("{p:.1}%"), st(12.0, Weight::Bold, if p >= 100.0 { GOOD } else { INK }));
        } else {
            ctx.text(s, x + bar_w + 10.0, track_y + 10.5, "n/a", st(10.0, Weight::Regular, MUTED));
        }
        by += 42.0;
    }
    // Legend.
    let ly = by - 6.0;
    rect(s, x, ly - 6.0, 8.0, 8.0, GOOD);
    let lw = ctx.text(s, x + 12.0, ly + 1.0, "met", st(7.5, Weight::Regular, MUTED));
    rect(s, x + 24.0 + lw, ly - 6.0, 8.0, 8.0, BAD_PALE);
    ctx.text(s, x + 36.0 + lw, ly + 1.0, "missed (done late, or not done by the due date)", st(7.5, Weight::Regular, MUTED));
}

/// `20000` → `20,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ground_label(g: Ground) -> &'static str {
    match g {
        Ground::Regulator => "Regulator",
        Ground::Litigation => "Litigation",
        Ground::Udap => "UDAP",
        Ground::Discrimination => "Discrimination",
        Ground::ConsumerHarm => "Consumer harm",
        Ground::Legal => "Legal",
    }
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn verdict_line(c: &ReportClock) -> Line {
    let color = match c.verdict() {
        "met" => GOOD,
        "missed" => BAD,
        _ => WARN,
    };
    Line::new(c.verdict()).bold().color(color)
}

fn clock_lines(c: Option<&ReportClock>) -> Vec<Line> {
    match c {
        None => vec![Line::new("n/a").color(MUTED)],
        Some(c) => vec![
            c.done_on.map_or_else(|| Line::new("not done").color(MUTED), |d| Line::new(date(d))),
            verdict_line(c),
        ],
    }
}

/// Usable text width of table column `i`.
fn col_width(i: usize) -> f32 {
    TABLE[i].2 - 2.0 * T_PAD_X
}

fn layout_row(ctx: &Ctx<'_>, r: &ReportRow) -> RowLayout {
    let f = &ctx.fonts;
    let wrap = |text: &str, col: usize, size: f32, weight: Weight, max: usize, color: Color| -> Vec<Line> {
        f.wrap(text, col_width(col), size, weight, max)
            .into_iter()
            .map(|t| Line { text: t, size, weight, color })
            .collect()
    };
    let fit = |text: &str, col: usize, size: f32, weight: Weight| f.fit(text, col_width(col), size, weight);

    let mut cells: Vec<Vec<Line>> = Vec::with_capacity(TABLE.len());
    cells.push(vec![Line::new(fit(&r.id, 0, T_SIZE, Weight::Bold)).bold()]);
    let mut received = vec![Line::new(date(r.received_on))];
    if let Some(at) = r.received_at {
        let local = at.with_timezone(&ctx.tz);
        received.push(Line::new(format!("{:02}:{:02} {}", local.hour(), local.minute(), local.offset())).small().color(MUTED));
    }
    if let Some(logged) = r.logged_on.filter(|d| *d != r.received_on) {
        received.push(Line::new("logged").small().color(MUTED));
        received.push(Line::new(date(logged)).small().color(MUTED));
    }
    cells.push(received);
    let mut channel = vec![
        Line::new(fit(&humanize(r.channel.code()), 2, T_SIZE, Weight::Regular)),
        r.product.map_or_else(|| Line::new("not stated").color(MUTED), |p| Line::new(humanize(p.code()))),
    ];
    if let Some(name) = &r.regulator_name {
        channel.extend(wrap(name, 2, T_SMALL, Weight::Regular, 2, MUTED));
    }
    if let Some(reference) = &r.regulator_reference {
        channel.push(Line::new(fit(reference, 2, T_SMALL, Weight::Regular)).small().color(MUTED));
    }
    cells.push(channel);
    let mut kind = vec![match r.kind {
        ComplaintKind::Executive => Line::new("Executive").bold().color(NAVY),
        ComplaintKind::Operational => Line::new("Operational"),
    }];
    if !r.grounds.is_empty() {
        let g: Vec<&str> = r.grounds.iter().map(|g| ground_label(*g)).collect();
        kind.extend(wrap(&g.join(", "), 3, T_SMALL, Weight::Regular, 3, MUTED));
    }
    if let Some(last) = r.reclassifications.last() {
        let was = r.original_kind.map_or_else(|| humanize(last.from.code()), |k| humanize(k.code()));
        kind.push(Line::new(format!("was {}", was.to_lowercase())).small().color(MUTED));
        kind.push(Line::new("reclassified").small().color(MUTED));
        kind.push(Line::new(date(last.on)).small().color(MUTED));
    }
    cells.push(kind);
    let mut topic = match &r.topic {
        Some(t) => wrap(&ctx.labels.topic(t), 4, T_SIZE, Weight::Regular, 2, INK),
        None => vec![Line::new("not classified").color(MUTED)],
    };
    if let Some(it) = &r.issue_type {
        topic.extend(wrap(&ctx.labels.issue_type(r.topic.as_deref(), it), 4, T_SMALL, Weight::Regular, 2, MUTED));
    }
    cells.push(topic);
    let mut who = wrap(&r.complainant_name, 5, T_SIZE, Weight::Regular, 2, INK);
    if let Some(a) = &r.account {
        who.push(Line::new(fit(a, 5, T_SMALL, Weight::Regular)).small().color(MUTED));
    }
    cells.push(who);
    let mut text = wrap(&r.summary, 6, T_SIZE, Weight::Regular, SUMMARY_LINES, INK);
    if let Some(res) = r.resolution_summary.as_deref().filter(|s| !s.trim().is_empty()) {
        text.extend(wrap(&format!("Resolution: {res}"), 6, T_SMALL, Weight::Regular, RESOLUTION_LINES, MUTED));
    }
    if let (Some(cause), Some(remedy)) = (&r.root_cause, &r.remediation) {
        let line = format!("Root cause: {}. Remediation: {}.", ctx.labels.root_cause(cause), ctx.labels.remediation(remedy));
        text.extend(wrap(&line, 6, T_SMALL, Weight::Regular, 2, MUTED));
    }
    if let Some(why) = r.reclassifications.last().map(|c| c.reason.as_str()).filter(|s| !s.trim().is_empty()) {
        text.extend(wrap(&format!("Reclassified: {why}"), 6, T_SMALL, Weight::Regular, 1, MUTED));
    }
    cells.push(text);
    let mut status = vec![match r.status {
        ComplaintStatus::Open => Line::new("Open"),
        ComplaintStatus::Resolved => Line::new("Resolved"),
        ComplaintStatus::NotAComplaint => Line::new("Not a complaint"),
    }];
    if r.overdue {
        status.push(Line::new("Overdue").bold().color(BAD));
    }
    if r.reopen_count > 0 {
        status.push(Line::new(format!("Reopened ×{}", r.reopen_count)).small().color(MUTED));
    }
    if r.entered_late {
        status.push(Line::new("Entered late").small().bold().color(BAD));
    }
    cells.push(status);
    cells.push(clock_lines(r.acknowledge.as_ref()));
    let mut stripe = clock_lines(r.notify_stripe.as_ref());
    if let Some(reference) = &r.stripe_reference {
        stripe.push(Line::new(fit(reference, 9, T_SMALL, Weight::Regular)).small().color(MUTED));
    }
    if let Some(d) = r.stripe_reviewed_on {
        stripe.push(Line::new("reviewed").small().color(MUTED));
        stripe.push(Line::new(date(d)).small().color(MUTED));
    }
    cells.push(stripe);
    let mut resolved = vec![r.resolved_on.map_or_else(|| Line::new("not resolved").color(MUTED), |d| Line::new(date(d)))];
    // A reopened complaint keeps its first resolution, which the resolve clock was judged by.
    if let Some(first) = r.first_resolved_on.filter(|f| r.reopen_count > 0 && Some(*f) != r.resolved_on) {
        resolved.push(Line::new("first resolved").small().color(MUTED));
        resolved.push(Line::new(date(first)).small().color(MUTED));
    }
    if let Some(c) = &r.resolve {
        resolved.push(verdict_line(c));
    }
    cells.push(resolved);
    let mut outcome = match r.outcome {
        Some(o) => wrap(&humanize(o.code()), 11, T_SIZE, Weight::Regular, 2, INK),
        None if r.status == ComplaintStatus::Resolved => vec![Line::new("not stated").color(MUTED)],
        None => Vec::new(),
    };
    if let Some(minor) = r.compensation_minor {
        let m = Money { amount_minor: minor, currency: r.compensation_currency.clone().unwrap_or_default() };
        outcome.push(Line::new(fit(&m.display(), 11, T_SIZE, Weight::Bold)).bold());
    }
    cells.push(outcome);

    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    RowLayout { cells, height: lines as f32 * T_LINE + 2.0 * T_PAD_Y }
}

fn section_title(ctx: &Ctx<'_>, section: ReportSection) -> String {
    let sm = &ctx.report.summary;
    let (title, n) = match section {
        ReportSection::New => (format!("New in {}", ctx.report.month.title()), sm.new),
        ReportSection::CarriedOver => ("Carried over from earlier months, still open when the month began".to_owned(), sm.carried_over),
    };
    format!("{title} · {} complaint{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// Where the table starts on the first list page and on the others.
const LIST_FIRST_TOP: f32 = CONTENT_TOP + 42.0;
const LIST_TOP: f32 = CONTENT_TOP;

/// Splits the list into pages. A page whose first row continues a section starts with a
/// "(continued)" band; a section's band never ends a page.
fn paginate(ctx: &Ctx<'_>, rows: &mut dyn Iterator<Item = &ReportRow>) -> Vec<Vec<Item>> {
    let mut pages: Vec<Vec<Item>> = vec![Vec::new()];
    let mut y = LIST_FIRST_TOP + HEADER_H;
    let mut section_before = None;
    for (i, row) in rows.enumerate() {
        let height = layout_row(ctx, row).height;
        let starts_section = section_before != Some(row.section);
        section_before = Some(row.section);
        let need = height + if starts_section { BAND_H } else { 0.0 };
        let page_has_rows = pages.last().is_some_and(|p| p.iter().any(|it| matches!(it, Item::Row(_))));
        if y + need > CONTENT_BOTTOM && page_has_rows {
            pages.push(Vec::new());
            y = LIST_TOP + HEADER_H;
            if !starts_section {
                pages.last_mut().expect("a page").push(Item::Band(format!("{} (continued)", section_title(ctx, row.section))));
                y += BAND_H;
            }
        }
        let page = pages.last_mut().expect("a page");
        if starts_section {
            page.push(Item::Band(section_title(ctx, row.section)));
            y += BAND_H;
        }
        page.push(Item::Row(i));
        y += height;
    }
    pages
}

fn list_page(ctx: &Ctx<'_>, rows: &Rows<'_>, s: &mut Surface<'_>, first: bool, items: &[Item]) {
    let r = ctx.report;
    let mut y = if first {
        let note = format!("{} · dates in {}", r.month.title(), r.timezone);
        let y = page_heading(ctx, s, "Complaints", Some(&note));
        if !ctx.has_rows {
            ctx.text(s, MX, y + 40.0, "No complaints in this month", st(14.0, Weight::Bold, INK));
            return;
        }
        ctx.text(
            s,
            MX,
            y + 2.0,
            "New complaints by date received, then those carried over. Deadlines as they stood at the end of the month; \
             n/a where the complaint's kind runs no such deadline.",
            st(8.0, Weight::Regular, MUTED),
        );
        LIST_FIRST_TOP
    } else {
        LIST_TOP
    };

    // Header row.
    rect(s, MX, y, CONTENT_W, HEADER_H, NAVY);
    let mut x = MX;
    for (a, b, w) in TABLE {
        ctx.text(s, x + T_PAD_X, y + T_PAD_Y + 6.4, a, st(T_SIZE, Weight::Bold, WHITE));
        if !b.is_empty() {
            ctx.text(s, x + T_PAD_X, y + T_PAD_Y + 6.4 + T_LINE, b, st(T_SIZE, Weight::Bold, WHITE));
        }
        x += w;
    }
    y += HEADER_H;

    let mut zebra = false;
    for item in items {
        match item {
            Item::Band(title) => {
                rect(s, MX, y, CONTENT_W, BAND_H, BAND);
                ctx.text_fit(s, MX + T_PAD_X, y + 11.0, title, CONTENT_W - 2.0 * T_PAD_X, st(8.0, Weight::Bold, NAVY));
                y += BAND_H;
                zebra = false;
            }
            Item::Row(i) => {
                let lay = rows.lay_out(ctx, *i);
                if zebra {
                    rect(s, MX, y, CONTENT_W, lay.height, ZEBRA);
                }
                zebra = !zebra;
                let mut x = MX;
                for (col, lines) in lay.cells.iter().enumerate() {
                    let mut ly = y + T_PAD_Y + 6.4;
                    for line in lines {
                        ctx.text(s, x + T_PAD_X, ly, &line.text, st(line.size, line.weight, line.color));
                        ly += T_LINE;
                    }
                    x += TABLE[col].2;
                }
                y += lay.height;
                hline(s, MX, MX + CONTENT_W, y, 0.35, RULE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_fonts_the_error_names_the_packages() {
        let none = fonts::FoundFonts { latin_regular: None, latin_bold: None, cjk_regular: None, cjk_bold: None, searched: "/nowhere".into() };
        let err = FontSet::new(none).err().expect("no font, no font set");
        let msg = err.to_string();
        assert!(matches!(err, ExportError::NoFont { .. }), "{msg}");
        assert!(msg.contains("fonts-noto-core") && msg.contains("fonts-noto-cjk") && msg.contains("CDESK_FONT_DIR") && msg.contains("/nowhere"), "{msg}");
    }

    #[test]
    fn cjk_text_without_a_cjk_font_is_an_error() {
        let found = fonts::find_fonts();
        if found.latin_regular.is_none() {
            eprintln!("note: Noto Sans (fonts-noto-core) not installed; check skipped");
            return;
        }
        let latin_only = fonts::FoundFonts { cjk_regular: None, cjk_bold: None, ..found };
        let set = FontSet::new(latin_only).unwrap();
        assert!(set.width("Jürgen Müller", 10.0, Weight::Regular) > 0.0);
        assert!(set.check_coverage().is_ok());
        set.width("山田", 10.0, Weight::Regular);
        let msg = set.check_coverage().unwrap_err().to_string();
        assert!(msg.contains("fonts-noto-cjk") && msg.contains('山'), "{msg}");
    }

    #[test]
    fn large_numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn table_columns_fill_the_content_width() {
        let total: f32 = TABLE.iter().map(|c| c.2).sum();
        assert!((total - CONTENT_W).abs() < 0.01, "{total} vs {CONTENT_W}");
    }

    #[test]
    fn chart_steps_are_round() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(9), 5);
        assert_eq!(nice_step(37), 10);
        assert_eq!(nice_step(4000), 1000);
    }
}
