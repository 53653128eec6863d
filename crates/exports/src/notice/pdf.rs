//! The notice as a letter on US Letter paper: the creditor's letterhead, the date, the
//! recipient, a bold heading, the body with the numbered reasons, the ECOA statement in a
//! smaller size, whom to ask, and the reference in the footer. Uses the report PDF's fonts and
//! text measuring; a notice too long for one page goes on over more pages.

use chrono::{Datelike, NaiveDate};
use krilla::geom::{PathBuilder, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::Document;

use super::{wrap_by, Letter};
use crate::pdf::fonts;
use crate::pdf::text::{st, FontSet, Rgb, Style, Weight};
use crate::ExportError;

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
/// Left and right margin.
const MARGIN_X: f32 = 72.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Where the first line of a page starts.
const TOP: f32 = 60.0;
/// The lowest baseline of the body, above the footer.
const BOTTOM: f32 = PAGE_H - 76.0;
const FOOTER_RULE: f32 = PAGE_H - 56.0;
const FOOTER_TEXT: f32 = PAGE_H - 42.0;

const INK: Rgb = Rgb(0x1A, 0x20, 0x2C);
const MUTED: Rgb = Rgb(0x5B, 0x66, 0x75);
const NAVY: Rgb = Rgb(0x1F, 0x3A, 0x5F);
const RULE: Rgb = Rgb(0xC8, 0xD0, 0xDA);

const BODY: f32 = 10.0;
const BODY_LEADING: f32 = 14.0;
const SMALL: f32 = 8.5;
const SMALL_LEADING: f32 = 11.5;
/// Space between paragraphs, added to the leading of a paragraph's first line.
const PARAGRAPH_GAP: f32 = 8.0;
/// Where a reason's text starts, right of its number.
const REASON_INDENT: f32 = 20.0;
/// Indent of the agency's name and address under the ECOA statement.
const AGENCY_INDENT: f32 = 14.0;

/// One thing drawn on a page.
#[derive(Debug)]
enum Op {
    /// A line of text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
    },
    /// A horizontal rule centred on `y`.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
        color: Rgb,
    },
}

/// `text` wrapped to `width` points in `style`.
fn wrap_pdf(fonts: &FontSet, text: &str, width: f32, style: Style) -> Vec<String> {
    wrap_by(text, width, true, |s| {
        fonts.width(s, style.size, style.weight)
    })
}

/// Lays out lines top to bottom, starting a new page when the body is full.
struct Flow<'a> {
    fonts: &'a FontSet,
    pages: Vec<Vec<Op>>,
    /// The baseline of the last line drawn (or where the next line's leading counts from).
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a flow has a page")
    }

    /// One line `leading` below the previous one.
    fn line(&mut self, x: f32, text: &str, style: Style, leading: f32) {
        let mut y = self.y + leading;
        if y > BOTTOM {
            self.pages.push(Vec::new());
            y = TOP + style.size;
        }
        self.page().push(Op::Text {
            x,
            y,
            text: text.to_owned(),
            style,
        });
        self.y = y;
    }

    /// `text` wrapped to `width`; the first line `first_leading` below the previous one.
    fn paragraph(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        style: Style,
        leading: f32,
        first_leading: f32,
    ) {
        for (i, line) in wrap_pdf(self.fonts, text, width, style).iter().enumerate() {
            self.line(x, line, style, if i == 0 { first_leading } else { leading });
        }
    }

    fn rule(&mut self, gap: f32) {
        let y = self.y + gap;
        self.page().push(Op::Rule {
            x1: MARGIN_X,
            x2: PAGE_W - MARGIN_X,
            y,
            width: 0.6,
            color: RULE,
        });
        self.y = y;
    }
}

/// The pages of the letter, without the footer.
fn layout(l: &Letter, fonts: &FontSet) -> Vec<Vec<Op>> {
    let mut f = Flow {
        fonts,
        pages: vec![Vec::new()],
        y: TOP,
    };
    let x = MARGIN_X;
    let w = CONTENT_W;
    let body = st(BODY, Weight::Regular, INK);
    let small = st(SMALL, Weight::Regular, INK);

    // Letterhead: the creditor's name, address and phone.
    let (name, rest) = l
        .creditor
        .split_first()
        .expect("a letter names its creditor");
    f.paragraph(x, w, name, st(13.0, Weight::Bold, NAVY), 16.0, 13.0);
    for line in rest {
        f.paragraph(x, w, line, st(9.0, Weight::Regular, MUTED), 12.0, 12.0);
    }
    f.rule(10.0);

    f.paragraph(x, w, &l.date, body, BODY_LEADING, 26.0);

    let (name, rest) = l
        .recipient
        .split_first()
        .expect("a letter names its recipient");
    f.paragraph(x, w, name, st(BODY, Weight::Bold, INK), BODY_LEADING, 30.0);
    for line in rest {
        f.paragraph(x, w, line, body, BODY_LEADING, BODY_LEADING);
    }

    f.paragraph(x, w, &l.heading, st(15.0, Weight::Bold, INK), 19.0, 38.0);

    f.paragraph(x, w, &l.greeting, body, BODY_LEADING, 28.0);
    for p in [&l.action, &l.reasons_intro] {
        f.paragraph(x, w, p, body, BODY_LEADING, BODY_LEADING + PARAGRAPH_GAP);
    }
    for (i, (number, reason)) in l.reasons.iter().enumerate() {
        let first = if i == 0 {
            BODY_LEADING + PARAGRAPH_GAP / 2.0
        } else {
            BODY_LEADING + 2.0
        };
        let wrapped = wrap_pdf(fonts, reason, w - REASON_INDENT, body);
        for (j, line) in wrapped.iter().enumerate() {
            f.line(
                x + REASON_INDENT,
                line,
                body,
                if j == 0 { first } else { BODY_LEADING },
            );
            if j == 0 {
                let y = f.y;
                let number_style = st(BODY, Weight::Bold, INK);
                f.page().push(Op::Text {
                    x: x + 4.0,
                    y,
                    text: number.clone(),
                    style: number_style,
                });
            }
        }
    }

    f.paragraph(
        x,
        w,
        &l.ecoa,
        small,
        SMALL_LEADING,
        BODY_LEADING + PARAGRAPH_GAP + 4.0,
    );
    let (agency, address) = l.agency.split_first().expect("a letter names the agency");
    let agency_w = w - AGENCY_INDENT;
    f.paragraph(
        x + AGENCY_INDENT,
        agency_w,
        agency,
        st(SMALL, Weight::Bold, INK),
        SMALL_LEADING,
        SMALL_LEADING + 4.0,
    );
    for line in address {
        f.paragraph(
            x + AGENCY_INDENT,
            agency_w,
            line,
            small,
            SMALL_LEADING,
            SMALL_LEADING,
        );
    }

    f.paragraph(
        x,
        w,
        &l.contact,
        body,
        BODY_LEADING,
        BODY_LEADING + PARAGRAPH_GAP + 6.0,
    );
    if !l.english_version.is_empty() {
        f.paragraph(x, w, &l.english_version, body, BODY_LEADING, BODY_LEADING + PARAGRAPH_GAP);
    }
    f.pages
}

/// The reference under a rule at the foot of every page, with "n / m" when there are several.
fn footer(l: &Letter, fonts: &FontSet, page: usize, pages: usize) -> Vec<Op> {
    let style = st(8.0, Weight::Regular, MUTED);
    let mut ops = vec![Op::Rule {
        x1: MARGIN_X,
        x2: PAGE_W - MARGIN_X,
        y: FOOTER_RULE,
        width: 0.5,
        color: RULE,
    }];
    let mut room = CONTENT_W;
    if pages > 1 {
        let count = format!("{page} / {pages}");
        let cw = fonts.width(&count, style.size, style.weight);
        ops.push(Op::Text {
            x: PAGE_W - MARGIN_X - cw,
            y: FOOTER_TEXT,
            text: count,
            style,
        });
        room -= cw + 12.0;
    }
    let reference = fonts.fit(&l.reference, room, style.size, style.weight);
    ops.push(Op::Text {
        x: MARGIN_X,
        y: FOOTER_TEXT,
        text: reference,
        style,
    });
    ops
}

fn draw(s: &mut Surface<'_>, fonts: &FontSet, op: &Op) {
    match op {
        Op::Text { x, y, text, style } => {
            fonts.draw(s, *x, *y, text, *style);
        }
        Op::Rule {
            x1,
            x2,
            y,
            width,
            color,
        } => {
            let Some(r) = Rect::from_xywh(*x1, y - width / 2.0, x2 - x1, *width) else {
                return;
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(r);
            let Some(path) = pb.finish() else { return };
            s.set_stroke(None);
            s.set_fill(Some(Fill {
                paint: color.krilla().into(),
                opacity: NormalizedF32::ONE,
                rule: FillRule::NonZero,
            }));
            s.draw_path(&path);
        }
    }
}

pub(super) fn notice_pdf(l: &Letter, notice_date: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let fonts = FontSet::new(fonts::find_fonts())?;
    let pages = layout(l, &fonts);
    let mut doc = Document::new();
    for (i, ops) in pages.iter().enumerate() {
        let settings =
            PageSettings::from_wh(PAGE_W, PAGE_H).expect("US Letter is a valid page size");
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops.iter().chain(&footer(l, &fonts, i + 1, pages.len())) {
            draw(&mut surface, &fonts, op);
        }
        surface.finish();
        page.finish();
    }
    fonts.check_coverage()?;
    let date = krilla::metadata::DateTime::new(notice_date.year().clamp(0, 9999) as u16)
        .month(notice_date.month() as u8)
        .day(notice_date.day() as u8);
    doc.set_metadata(
        Metadata::new()
            .title(l.subject.clone())
            .creator("Compliance Desk".to_owned())
            .language(l.language.code().to_owned())
            .creation_date(date),
    );
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;
    use cdesk_domain::wording::Language;

    fn fonts() -> Option<FontSet> {
        let found = fonts::find_fonts();
        if found.latin_regular.is_none() || found.cjk_regular.is_none() {
            eprintln!("note: Noto Sans or Noto Sans CJK not installed; layout not checked");
            return None;
        }
        Some(FontSet::new(found).unwrap())
    }

    #[test]
    fn every_line_of_the_letter_stays_inside_the_margins() {
        let Some(fonts) = fonts() else { return };
        for lang in Language::ALL {
            for long in [false, true] {
                let letter = Letter::new(&sample(lang, long));
                let pages = layout(&letter, &fonts);
                assert_eq!(pages.len(), 1, "{lang} (long: {long}) fits on one page");
                for (i, page) in pages.iter().enumerate() {
                    for op in page
                        .iter()
                        .chain(&footer(&letter, &fonts, i + 1, pages.len()))
                    {
                        if let Op::Text { x, y, text, style } = op {
                            let right = x + fonts.width(text, style.size, style.weight);
                            assert!(
                                *x >= MARGIN_X && right <= PAGE_W - MARGIN_X + 0.01,
                                "{lang}: {text:?} ends at {right}"
                            );
                            assert!(*y > TOP && *y <= FOOTER_TEXT, "{lang}: {text:?} at y {y}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_letter_too_long_for_one_page_goes_on_to_the_next() {
        let Some(fonts) = fonts() else { return };
        let mut input = sample(Language::En, true);
        input.creditor_address = (1..=40)
            .map(|i| format!("Line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let letter = Letter::new(&input);
        let pages = layout(&letter, &fonts);
        assert_eq!(pages.len(), 2);
        let ys = pages.iter().flatten().filter_map(|op| match op {
            Op::Text { y, .. } => Some(*y),
            Op::Rule { .. } => None,
        });
        assert!(
            ys.into_iter().all(|y| y <= BOTTOM),
            "the body never runs into the footer"
        );
        assert_eq!(
            footer(&letter, &fonts, 2, 2).len(),
            3,
            "rule, page count and reference"
        );
    }
}
