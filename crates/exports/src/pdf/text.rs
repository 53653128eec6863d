//! Text for the PDF: maps characters to glyphs with font fallback (Latin face first, then the
//! CJK face), measures, wraps and truncates lines, and draws them on a krilla surface.
//!
//! Glyphs are placed by their advance widths (no kerning or ligatures), which is exact for the
//! Latin, German and Japanese text of the report and keeps measuring and drawing consistent and
//! fast. Scripts that need shaping (Arabic, Indic) are not laid out correctly.

use std::cell::RefCell;
use std::collections::HashMap;

use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::fonts::{FontFile, FoundFonts};
use crate::ExportError;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

impl Rgb {
    pub(crate) fn krilla(self) -> rgb::Color {
        rgb::Color::new(self.0, self.1, self.2)
    }
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
    pub(crate) color: Rgb,
}

/// A [`Style`].
pub(crate) fn st(size: f32, weight: Weight, color: Rgb) -> Style {
    Style { size, weight, color }
}

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

struct Face {
    font: Font,
    file: FontFile,
    units_per_em: f32,
}

#[derive(Debug, Clone, Copy)]
struct GlyphInfo {
    face: usize,
    gid: u32,
    /// Advance in em.
    advance: f32,
}

/// The fonts of one document, with a cache of the glyphs used.
pub(crate) struct FontSet {
    faces: Vec<Face>,
    regular: Vec<usize>,
    bold: Vec<usize>,
    cache: RefCell<HashMap<(char, Weight), GlyphInfo>>,
    /// The first CJK character no font covered.
    missing_cjk: RefCell<Option<char>>,
    searched: String,
}

/// Whether a character is Chinese, Japanese or Korean (kana, Han, Hangul, CJK punctuation,
/// full-width forms).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

impl FontSet {
    /// Builds the set from the fonts found: Latin faces first, CJK faces as fallback (or alone).
    pub(crate) fn new(found: FoundFonts) -> Result<FontSet, ExportError> {
        let mut faces = Vec::new();
        let mut add = |file: &Option<FontFile>| -> Option<usize> {
            let file = file.as_ref()?;
            let font = Font::new(file.data.clone().into(), file.index)?;
            let units_per_em = FontRef::from_index(&file.data, file.index).ok()?.metrics(Size::unscaled(), LocationRef::default()).units_per_em;
            faces.push(Face { font, file: file.clone(), units_per_em: f32::from(units_per_em.max(1)) });
            Some(faces.len() - 1)
        };
        let latin_regular = add(&found.latin_regular);
        let latin_bold = add(&found.latin_bold).or(latin_regular);
        let cjk_regular = add(&found.cjk_regular);
        let cjk_bold = add(&found.cjk_bold).or(cjk_regular);
        let regular: Vec<usize> = [latin_regular, cjk_regular].into_iter().flatten().collect();
        let bold: Vec<usize> = [latin_bold, cjk_bold].into_iter().flatten().collect();
        if regular.is_empty() {
            return Err(ExportError::NoFont { searched: found.searched });
        }
        Ok(FontSet {
            faces,
            regular,
            bold,
            cache: RefCell::new(HashMap::new()),
            missing_cjk: RefCell::new(None),
            searched: found.searched,
        })
    }

    /// An error if some CJK text had no font.
    pub(crate) fn check_coverage(&self) -> Result<(), ExportError> {
        match *self.missing_cjk.borrow() {
            Some(c) => Err(ExportError::NoCjkFont { sample: c.to_string(), searched: self.searched.clone() }),
            None => Ok(()),
        }
    }

    fn lookup_in(&self, c: char, chain: &[usize]) -> Option<GlyphInfo> {
        for &face in chain {
            let f = &self.faces[face];
            let Ok(fr) = FontRef::from_index(&f.file.data, f.file.index) else { continue };
            if let Some(gid) = fr.charmap().map(c).filter(|g| g.to_u32() != 0) {
                let adv = fr.glyph_metrics(Size::unscaled(), LocationRef::default()).advance_width(gid).unwrap_or(0.0);
                return Some(GlyphInfo { face, gid: gid.to_u32(), advance: adv / f.units_per_em });
            }
        }
        None
    }

    fn glyph(&self, c: char, weight: Weight) -> GlyphInfo {
        if let Some(g) = self.cache.borrow().get(&(c, weight)) {
            return *g;
        }
        let chain = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let info = self.lookup_in(c, chain).unwrap_or_else(|| {
            if is_cjk(c) {
                self.missing_cjk.borrow_mut().get_or_insert(c);
            }
            self.lookup_in('\u{FFFD}', chain)
                .or_else(|| self.lookup_in('?', chain))
                .unwrap_or(GlyphInfo { face: chain[0], gid: 0, advance: 0.5 })
        });
        self.cache.borrow_mut().insert((c, weight), info);
        info
    }

    /// The width of `text` in points.
    pub(crate) fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        text.chars().map(|c| self.glyph(c, weight).advance).sum::<f32>() * size
    }

    /// The text on one line: whitespace (tabs, line breaks) collapsed to single spaces, other
    /// control characters dropped.
    pub(crate) fn one_line(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.trim().chars() {
            if c.is_whitespace() {
                space = true;
            } else if !c.is_control() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        out
    }

    /// `text` cut to fit `width`, ending with "…" when cut.
    pub(crate) fn fit(&self, text: &str, width: f32, size: f32, weight: Weight) -> String {
        let text = Self::one_line(text);
        if self.width(&text, size, weight) <= width {
            return text;
        }
        self.ellipsize(&text, width, size, weight)
    }

    fn ellipsize(&self, text: &str, width: f32, size: f32, weight: Weight) -> String {
        let room = width - self.width("…", size, weight);
        let mut w = 0.0;
        let mut out = String::new();
        for c in text.chars() {
            let cw = self.glyph(c, weight).advance * size;
            if w + cw > room {
                break;
            }
            w += cw;
            out.push(c);
        }
        let mut out = out.trim_end().to_owned();
        out.push('…');
        out
    }

    /// `text` wrapped into lines of at most `width`, breaking at spaces and between CJK
    /// characters (inside a word only when the word alone is too long); at most `max_lines`
    /// lines, the last ending with "…" when text was left out.
    pub(crate) fn wrap(&self, text: &str, width: f32, size: f32, weight: Weight, max_lines: usize) -> Vec<String> {
        let text = Self::one_line(text);
        if text.is_empty() || max_lines == 0 {
            return Vec::new();
        }
        if self.width(&text, size, weight) <= width {
            return vec![text];
        }
        let space_w = self.width(" ", size, weight);
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut cur_w = 0.0f32;
        let mut pending_space = false;
        let mut truncated = false;
        for unit in units(&text) {
            if unit == " " {
                pending_space = !cur.is_empty();
                continue;
            }
            let w = self.width(unit, size, weight);
            let sp = if pending_space { space_w } else { 0.0 };
            pending_space = false;
            if cur_w + sp + w <= width {
                if sp > 0.0 {
                    cur.push(' ');
                }
                cur.push_str(unit);
                cur_w += sp + w;
                continue;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                if lines.len() == max_lines {
                    truncated = true;
                    break;
                }
            }
            // The unit starts a line; break it by characters if it is too long on its own.
            for c in unit.chars() {
                let cw = self.glyph(c, weight).advance * size;
                if cur_w + cw > width && !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0.0;
                    if lines.len() == max_lines {
                        truncated = true;
                        break;
                    }
                }
                cur.push(c);
                cur_w += cw;
            }
            if truncated {
                break;
            }
        }
        if !truncated && !cur.is_empty() {
            if lines.len() == max_lines {
                truncated = true;
            } else {
                lines.push(cur);
            }
        }
        if truncated {
            if let Some(last) = lines.last_mut() {
                let with_dots = format!("{last}…");
                *last = if self.width(&with_dots, size, weight) <= width { with_dots } else { self.ellipsize(last, width, size, weight) };
            }
        }
        lines
    }

    /// Draws one line of text with its baseline at `(x, y)`; returns its width.
    pub(crate) fn draw(&self, surface: &mut Surface<'_>, x: f32, y: f32, text: &str, style: Style) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        let Style { size, weight, color } = style;
        surface.set_fill(Some(Fill { paint: color.krilla().into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }));
        let mut pen = x;
        let mut run_face: Option<usize> = None;
        let mut run_text = String::new();
        let mut run_glyphs: Vec<KrillaGlyph> = Vec::new();
        let mut run_start = x;
        let flush = |face: Option<usize>, text: &mut String, glyphs: &mut Vec<KrillaGlyph>, start: f32, surface: &mut Surface<'_>| {
            if let Some(face) = face {
                if !glyphs.is_empty() {
                    surface.draw_glyphs(Point::from_xy(start, y), glyphs, self.faces[face].font.clone(), text, size, false);
                }
            }
            text.clear();
            glyphs.clear();
        };
        for c in text.chars() {
            let g = self.glyph(c, weight);
            if run_face != Some(g.face) {
                flush(run_face, &mut run_text, &mut run_glyphs, run_start, surface);
                run_face = Some(g.face);
                run_start = pen;
            }
            let from = run_text.len();
            run_text.push(c);
            run_glyphs.push(KrillaGlyph::new(GlyphId::new(g.gid), g.advance, 0.0, 0.0, 0.0, from..run_text.len(), None));
            pen += g.advance * size;
        }
        flush(run_face, &mut run_text, &mut run_glyphs, run_start, surface);
        pen - x
    }
}

/// Japanese characters that must not start a line (closing punctuation, small kana, the
/// prolonged sound mark): they stay with the character before them.
fn no_break_before(c: char) -> bool {
    matches!(c, '、' | '。' | '，' | '．' | '・' | '：' | '；' | '？' | '！' | 'ー' | '」' | '』' | '）' | '］' | '｝' | '〉' | '》' | '】' | '〕'
        | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ')
}

/// Break units: a space, a single CJK character (with the characters that may not start a line
/// after it), or a run of other characters.
fn units(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        let end = if first == ' ' {
            1
        } else if is_cjk(first) {
            chars.find(|&(_, c)| !no_break_before(c)).map_or(rest.len(), |(i, _)| i)
        } else {
            chars.find(|&(_, c)| c == ' ' || is_cjk(c)).map_or(rest.len(), |(i, _)| i)
        };
        let (unit, tail) = rest.split_at(end);
        rest = tail;
        Some(unit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_at_spaces_and_around_cjk() {
        let u: Vec<&str> = units("ab cd山田x").collect();
        assert_eq!(u, ["ab", " ", "cd", "山", "田", "x"]);
        let u: Vec<&str> = units("です。ちょっと").collect();
        assert_eq!(u, ["で", "す。", "ちょっ", "と"]);
        assert!(is_cjk('漢') && is_cjk('か') && is_cjk('カ') && is_cjk('。'));
        assert!(!is_cjk('ü') && !is_cjk('ß') && !is_cjk('a'));
    }

    #[test]
    fn one_line_collapses_whitespace_and_drops_controls() {
        assert_eq!(FontSet::one_line("  a\r\n\tb \u{7}c  "), "a b c");
    }
}
