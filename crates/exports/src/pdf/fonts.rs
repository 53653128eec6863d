//! Finds the PDF's fonts on the system: Noto Sans (Debian `fonts-noto-core`) for Latin text and
//! Noto Sans CJK (Debian `fonts-noto-cjk`, a collection of which the Japanese face is used) for
//! Chinese, Japanese and Korean text. `CDESK_FONT_DIR` (one or more folders, separated like
//! `PATH`) is searched before the standard folders.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::raw::FileRef;
use skrifa::string::StringId;
use skrifa::MetadataProvider;

/// The environment variable naming extra font folders, searched first.
pub(crate) const FONT_DIR_VAR: &str = "CDESK_FONT_DIR";

/// Standard font folders of Debian and Ubuntu first, then of other systems.
const STANDARD_DIRS: &[&str] = &[
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/google-noto-sans-cjk-fonts",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts/opentype",
    "/usr/local/share/fonts",
    "/Library/Fonts",
];

/// Folders under the user's home, searched after the standard ones.
const HOME_DIRS: &[&str] = &[".local/share/fonts", ".fonts", "Library/Fonts"];

const LATIN_REGULAR: &[&str] = &["NotoSans-Regular.ttf", "NotoSans-Regular.otf"];
const LATIN_BOLD: &[&str] = &["NotoSans-Bold.ttf", "NotoSans-Bold.otf"];
const CJK_REGULAR: &[&str] =
    &["NotoSansCJK-Regular.ttc", "NotoSansCJKjp-Regular.otf", "NotoSansJP-Regular.otf", "NotoSansCJK-Regular.otf"];
const CJK_BOLD: &[&str] = &["NotoSansCJK-Bold.ttc", "NotoSansCJKjp-Bold.otf", "NotoSansJP-Bold.otf", "NotoSansCJK-Bold.otf"];

/// One face of a font file.
#[derive(Clone)]
pub(crate) struct FontFile {
    pub(crate) data: Arc<Vec<u8>>,
    pub(crate) index: u32,
}

/// The faces found, by role. Bold falls back to regular when only the regular file exists.
pub(crate) struct FoundFonts {
    pub(crate) latin_regular: Option<FontFile>,
    pub(crate) latin_bold: Option<FontFile>,
    pub(crate) cjk_regular: Option<FontFile>,
    pub(crate) cjk_bold: Option<FontFile>,
    /// The folders searched, for error messages.
    pub(crate) searched: String,
}

/// The folders to search, in order.
fn search_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(v) = std::env::var_os(FONT_DIR_VAR) {
        dirs.extend(std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()));
    }
    dirs.extend(STANDARD_DIRS.iter().map(PathBuf::from));
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.extend(HOME_DIRS.iter().map(|d| Path::new(&home).join(d)));
    }
    dirs
}

/// The first of `names` in the folders (or their direct subfolders), in folder order.
fn find_file(dirs: &[PathBuf], names: &[&str]) -> Option<PathBuf> {
    for dir in dirs {
        for name in names {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        let mut subdirs: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
        subdirs.sort();
        for sub in subdirs {
            for name in names {
                let p = sub.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
        }
    }
    None
}

/// Reads a font file and picks its face: in a collection, the Japanese one ("… JP") if there
/// is one, else the first. `None` when the file is unreadable or not a font.
fn load(path: &Path) -> Option<FontFile> {
    let data = std::fs::read(path).ok()?;
    let index = {
        let file = FileRef::new(&data).ok()?;
        let faces: Vec<_> = file.fonts().collect();
        if faces.is_empty() {
            return None;
        }
        faces
            .iter()
            .position(|f| {
                f.as_ref().is_ok_and(|f| {
                    f.localized_strings(StringId::FAMILY_NAME)
                        .english_or_first()
                        .is_some_and(|n| n.to_string().ends_with(" JP"))
                })
            })
            .unwrap_or(0) as u32
    };
    Some(FontFile { data: Arc::new(data), index })
}

fn find_and_load(dirs: &[PathBuf], names: &[&str]) -> Option<FontFile> {
    find_file(dirs, names).and_then(|p| load(&p))
}

/// The fonts in `CDESK_FONT_DIR` and the standard folders.
pub(crate) fn find_fonts() -> FoundFonts {
    find_fonts_in(&search_dirs())
}

pub(crate) fn find_fonts_in(dirs: &[PathBuf]) -> FoundFonts {
    let dirs = dirs.to_vec();
    let latin_regular = find_and_load(&dirs, LATIN_REGULAR);
    let latin_bold = find_and_load(&dirs, LATIN_BOLD);
    let cjk_regular = find_and_load(&dirs, CJK_REGULAR);
    let cjk_bold = find_and_load(&dirs, CJK_BOLD);
    let searched = dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ");
    FoundFonts { latin_regular, latin_bold, cjk_regular, cjk_bold, searched }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_in_a_folder_or_its_subfolders_in_folder_order() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::create_dir(b.path().join("noto")).unwrap();
        std::fs::write(b.path().join("noto/NotoSans-Regular.ttf"), b"not a font").unwrap();
        let dirs = [a.path().to_path_buf(), b.path().to_path_buf()];
        assert_eq!(find_file(&dirs, LATIN_REGULAR), Some(b.path().join("noto/NotoSans-Regular.ttf")));
        assert_eq!(find_file(&dirs, CJK_REGULAR), None);
        // A file that is not a font is not used.
        let found = find_fonts_in(&dirs);
        assert!(found.latin_regular.is_none() && found.cjk_regular.is_none());
        assert!(found.searched.contains(&a.path().display().to_string()));
    }

    #[test]
    fn the_japanese_face_of_the_cjk_collection_is_chosen() {
        let Some(path) = find_file(&search_dirs(), &["NotoSansCJK-Regular.ttc"]) else {
            eprintln!("note: NotoSansCJK-Regular.ttc (fonts-noto-cjk) not installed; face choice not checked");
            return;
        };
        let f = load(&path).expect("a readable collection");
        let font = FileRef::new(&f.data).unwrap().fonts().nth(f.index as usize).unwrap().unwrap();
        let family = font.localized_strings(StringId::FAMILY_NAME).english_or_first().unwrap().to_string();
        assert_eq!(family, "Noto Sans CJK JP");
    }
}
