//! The history anchored outside the file: every commit appends the new head of the audit chain,
//! signed with a key that is not in the database, to a journal kept outside it; a signed
//! checkpoint can be given to a third party. Whoever can edit the database alone cannot then
//! shorten or rewrite its history unseen: the journal's latest head must still be in the file.
//!
//! The key is Ed25519, made on first use and kept in the OS keychain where one is reachable, else
//! in a file only its owner can read in the user's config folder (`CDESK_KEY_FILE` names another
//! file, and then the keychain is not used).

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use cdesk_store::{ChainHead, StoreError, Tx};
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{instant_text, ErrorBody, Result};

pub(crate) const KEYCHAIN_SERVICE: &str = "compliance-desk";
const KEYCHAIN_USER: &str = "history-signing-key";
const KEY_FILE_NAME: &str = "history-signing.key";
const LINE_DOMAIN: &str = "compliance-desk-anchor-v1";
const CHECKPOINT_DOMAIN: &str = "compliance-desk-checkpoint-v1";

/// Where the history key and the journal are, when not where they are by default.
#[derive(Debug, Clone, Default)]
pub struct AnchorOptions {
    /// The anchor journal (default: beside the database, `<name>.anchors`).
    pub journal: Option<PathBuf>,
    /// A key file to use instead of the keychain or the config folder.
    pub key_file: Option<PathBuf>,
}

impl AnchorOptions {
    /// From `CDESK_ANCHOR_JOURNAL` and `CDESK_KEY_FILE`, when set.
    pub fn from_env() -> Self {
        let path = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        AnchorOptions { journal: path("CDESK_ANCHOR_JOURNAL"), key_file: path("CDESK_KEY_FILE") }
    }
}

/// The journal of a database file: beside it unless configured.
pub fn journal_path(db: &Path, options: &AnchorOptions) -> PathBuf {
    options.journal.clone().unwrap_or_else(|| {
        let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".anchors");
        db.with_file_name(name)
    })
}

/// The signing key of this desk's history and where it is kept.
pub(crate) struct HistoryKey {
    key: SigningKey,
    kept_in: String,
}

fn new_seed() -> Result<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| ErrorBody::internal(format!("no randomness for a new signing key: {e}")))?;
    Ok(seed)
}

fn seed_from_hex(text: &str, from: &str) -> Result<[u8; 32]> {
    let bytes = hex::decode(text.trim()).map_err(|_| ErrorBody::internal(format!("the history signing key in {from} cannot be read")))?;
    bytes.try_into().map_err(|_| ErrorBody::internal(format!("the history signing key in {from} is not 32 bytes")))
}

fn private_write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        cdesk_store::private_dir(dir)?;
    }
    // Written whole under a name of its own, then linked into place: another process never
    // reads a half-written key, and an existing key is never replaced.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.{:?}.new", std::process::id(), std::thread::current().id()));
    let tmp = PathBuf::from(tmp);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let written = o.open(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    linked
}

fn key_from_file(path: &Path) -> Result<Option<HistoryKey>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let seed = seed_from_hex(&text, &path.display().to_string())?;
            Ok(Some(HistoryKey { key: SigningKey::from_bytes(&seed), kept_in: path.display().to_string() }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ErrorBody::internal(format!("the history signing key {} cannot be read: {e}", path.display()))),
    }
}

fn create_key_file(path: &Path) -> Result<HistoryKey> {
    let seed = new_seed()?;
    match private_write(path, &hex::encode(seed)) {
        Ok(()) => Ok(HistoryKey { key: SigningKey::from_bytes(&seed), kept_in: path.display().to_string() }),
        // Another process made it a moment ago: use that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            key_from_file(path)?.ok_or_else(|| ErrorBody::internal(format!("the history signing key {} vanished", path.display())))
        }
        Err(e) => Err(ErrorBody::internal(format!("cannot keep a new history signing key in {}: {e}", path.display()))),
    }
}

/// Whether an OS keychain can be asked without starting anything: always on macOS and Windows;
/// on Linux only within a desktop session (a D-Bus session bus with a Secret Service).
pub(crate) fn keychain_reachable() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
}

/// The keychain's key, made there when it has none (read back after storing it, so that two
/// processes making one at once end up with the same). `Err` when the keychain holds the key
/// but cannot give it now (locked, access denied): never a new key then.
fn key_from_keychain(marker: &Path) -> Result<Option<HistoryKey>> {
    let kept_in = "the OS keychain".to_owned();
    let Ok(entry) = keyring::Entry::new(KEYCHAIN_SERVICE, KEYCHAIN_USER) else { return Ok(None) };
    let read = |entry: &keyring::Entry| -> std::result::Result<HistoryKey, keyring::Error> {
        let text = entry.get_password()?;
        let seed = seed_from_hex(&text, &kept_in).map_err(|e| keyring::Error::Invalid("key".into(), e.message))?;
        Ok(HistoryKey { key: SigningKey::from_bytes(&seed), kept_in: kept_in.clone() })
    };
    match read(&entry) {
        Ok(k) => Ok(Some(k)),
        Err(keyring::Error::NoEntry) => {
            let Ok(seed) = new_seed() else { return Ok(None) };
            if entry.set_password(&hex::encode(seed)).is_err() {
                return Ok(None);
            }
            match read(&entry) {
                Ok(k) => {
                    // Remember that the key lives in the keychain: a keychain that fails later
                    // is then an error to fix, not a reason to make another key.
                    let _ = private_write(marker, &k.public_hex());
                    Ok(Some(k))
                }
                Err(_) => Ok(None),
            }
        }
        Err(e) if marker.exists() => Err(ErrorBody::internal(format!(
            "the history signing key is kept in the OS keychain, which cannot give it now ({e}); unlock the keychain (or allow Compliance Desk to use it) and try again"
        ))),
        Err(_) => Ok(None),
    }
}

impl HistoryKey {
    /// The key named by `key_file`; else one already in the config folder; else the keychain's
    /// (made there when it has none); else a new one in the config folder.
    pub(crate) fn load(options: &AnchorOptions) -> Result<Self> {
        if let Some(path) = &options.key_file {
            return match key_from_file(path)? {
                Some(k) => Ok(k),
                None => create_key_file(path),
            };
        }
        let folder = crate::config_folder();
        let file = folder.join(KEY_FILE_NAME);
        if let Some(k) = key_from_file(&file)? {
            return Ok(k);
        }
        let marker = folder.join(format!("{KEY_FILE_NAME}.in-keychain"));
        if keychain_reachable() || marker.exists() {
            if let Some(k) = key_from_keychain(&marker)? {
                return Ok(k);
            }
        }
        create_key_file(&file)
    }

    fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }
}

/// The first 16 hex digits of the SHA-256 of a public key: what to compare by telephone.
pub fn fingerprint(public_hex: &str) -> String {
    crate::reports::sha256_hex(public_hex.as_bytes())[..16].to_owned()
}

fn verify_signature(public_hex: &str, message: &str, sig_hex: &str) -> bool {
    let Ok(key) = hex::decode(public_hex).ok().and_then(|b| <[u8; 32]>::try_from(b).ok()).map(|b| VerifyingKey::from_bytes(&b)).transpose() else {
        return false;
    };
    let Some(sig) = hex::decode(sig_hex).ok().and_then(|b| <[u8; 64]>::try_from(b).ok()).map(|b| Signature::from_bytes(&b)) else {
        return false;
    };
    key.is_some_and(|k| k.verify(message.as_bytes(), &sig).is_ok())
}

/// One line of the journal: the chain's head after a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct AnchorLine {
    v: u32,
    /// The hash of the history's first event: which database this journal anchors.
    history: String,
    seq: i64,
    hash: String,
    /// The head the commit started from (0 for an empty history).
    prev_seq: i64,
    at: String,
    key: String,
    sig: String,
    /// Written after the commit: the head is in the file. A line without it was written before
    /// the commit, which a crash may have kept from happening.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    committed: bool,
    /// The file was restored from a backup: its history is from this head on, and the lines
    /// before do not count.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    restored: bool,
}

impl AnchorLine {
    fn message(&self) -> String {
        let committed = if self.committed { "\ncommitted" } else { "" };
        let restored = if self.restored { "\nrestored" } else { "" };
        format!("{LINE_DOMAIN}\n{}\n{}\n{}\n{}\n{}{committed}{restored}", self.history, self.seq, self.hash, self.prev_seq, self.at)
    }

    fn signed(mut self, key: &HistoryKey) -> Self {
        self.sig = hex::encode(key.key.sign(self.message().as_bytes()).to_bytes());
        self
    }
}

/// A signed statement of the history's head, for a third party to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Checkpoint {
    pub kind: String,
    pub v: u32,
    pub history: String,
    #[ts(type = "number")]
    pub seq: i64,
    pub hash: String,
    #[ts(type = "number")]
    pub count: i64,
    pub at: String,
    /// The Ed25519 public key (hex) that signed it, and its fingerprint.
    pub key: String,
    pub key_fingerprint: String,
    pub sig: String,
}

impl Checkpoint {
    fn message(&self) -> String {
        format!("{CHECKPOINT_DOMAIN}\n{}\n{}\n{}\n{}\n{}", self.history, self.seq, self.hash, self.count, self.at)
    }
}

/// How the file stands against its anchor journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AnchorStatus {
    pub journal: String,
    /// The latest head the journal anchored, and when.
    #[ts(type = "number | null")]
    pub anchored_seq: Option<i64>,
    pub anchored_at: Option<String>,
    /// This desk's key: its fingerprint and where it is kept.
    pub key_fingerprint: String,
    pub key_kept_in: String,
}

/// The journal and key of one open file, the key loaded at its first use.
#[derive(Clone)]
pub(crate) struct Anchoring {
    pub journal: PathBuf,
    options: AnchorOptions,
    key: Arc<OnceLock<std::result::Result<Arc<HistoryKey>, String>>>,
}

impl Anchoring {
    pub(crate) fn new(db: &Path, options: AnchorOptions) -> Self {
        Anchoring { journal: journal_path(db, &options), options, key: Arc::new(OnceLock::new()) }
    }

    pub(crate) fn key(&self) -> Result<Arc<HistoryKey>> {
        self.key
            .get_or_init(|| HistoryKey::load(&self.options).map(Arc::new).map_err(|e| e.message))
            .clone()
            .map_err(ErrorBody::internal)
    }

    /// Appends the head a commit is about to make, signed, and syncs the journal to disk;
    /// returns the line, to be confirmed once the commit is done.
    fn append(&self, tx: &Tx<'_>, before: Option<&ChainHead>, after: &ChainHead, at: DateTime<Utc>) -> Result<AnchorLine> {
        let key = self.key()?;
        let history = tx.event_hash(1)?.unwrap_or_default();
        let line = AnchorLine {
            v: 1,
            history,
            seq: after.seq,
            hash: after.hash.clone(),
            prev_seq: before.map_or(0, |b| b.seq),
            at: instant_text(at),
            key: key.public_hex(),
            sig: String::new(),
            committed: false,
            restored: false,
        }
        .signed(&key);
        self.write_line(&line, true)?;
        Ok(line)
    }

    /// Appends a line (synced to disk when `sync`).
    fn write_line(&self, line: &AnchorLine, sync: bool) -> Result<()> {
        let text = serde_json::to_string(line).map_err(|e| ErrorBody::internal(e.to_string()))? + "\n";
        let mut o = std::fs::OpenOptions::new();
        o.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        o.read(true);
        let written = o.open(&self.journal).and_then(|mut f| {
            // After a line cut short by a crash, start on a line of its own.
            let len = f.metadata()?.len();
            let mut text = text.clone();
            if len > 0 {
                let mut last = [0u8; 1];
                f.seek(SeekFrom::Start(len - 1))?;
                f.read_exact(&mut last)?;
                if last[0] != b'\n' {
                    text.insert(0, '\n');
                }
            }
            f.write_all(text.as_bytes())?;
            if sync {
                f.sync_data()?;
            }
            Ok(())
        });
        written.map_err(|e| {
            ErrorBody::from(StoreError::Anchor(format!(
                "nothing was recorded: the anchor journal {} cannot be written ({e}); free space or fix its folder's permissions, or set CDESK_ANCHOR_JOURNAL to a writable place",
                self.journal.display()
            )))
        })
    }

    /// The hook the store calls before each commit that appended events (each line is dated
    /// by the system clock: when it was written).
    pub(crate) fn hook(&self) -> cdesk_store::CommitHook {
        let me = self.clone();
        Box::new(move |tx, before, after| {
            let line = me.append(tx, before, after, Utc::now()).map_err(|e| StoreError::Anchor(e.message))?;
            let (journal, key) = (me.clone(), me.key().map_err(|e| StoreError::Anchor(e.message))?);
            // Confirmed once committed. Not synced: if it is lost, the line above stands, and
            // verify finds its head in the file.
            let confirm: cdesk_store::AfterCommit = Box::new(move || {
                let done = AnchorLine { committed: true, at: instant_text(Utc::now()), ..line }.signed(&key);
                if let Err(e) = journal.write_line(&done, false) {
                    eprintln!("{}", e.message);
                }
            });
            Ok(Some(confirm))
        })
    }

    /// The journal's latest lines, oldest first, read from its end (`Err` when one of them
    /// cannot be read).
    fn tail(&self) -> Result<Vec<AnchorLine>> {
        let mut f = match std::fs::File::open(&self.journal) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(ErrorBody::internal(format!("the anchor journal {} cannot be read: {e}", self.journal.display()))),
        };
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        let from = len.saturating_sub(64 * 1024);
        let mut tail = Vec::new();
        f.seek(SeekFrom::Start(from))
            .and_then(|_| f.read_to_end(&mut tail))
            .map_err(|e| ErrorBody::internal(format!("the anchor journal {} cannot be read: {e}", self.journal.display())))?;
        let tail = String::from_utf8_lossy(&tail);
        let mut lines: Vec<&str> = tail.lines().filter(|l| !l.trim().is_empty()).collect();
        if from > 0 && !lines.is_empty() {
            lines.remove(0); // cut in the middle by the window
        }
        // A last line cut short (the power failed while it was written) is not an entry.
        let complete = tail.ends_with('\n');
        let count = lines.len();
        lines
            .into_iter()
            .enumerate()
            .filter_map(|(i, l)| match serde_json::from_str(l) {
                Ok(line) => Some(Ok(line)),
                // A fragment a crash left mid-line (the next line was started on a line of its
                // own): a torn write is a beginning of a line, never a whole one.
                Err(_) if (i + 1 == count && !complete) || !l.trim_end().ends_with('}') => None,
                Err(_) => Some(Err(ErrorBody::internal("unreadable"))),
            })
            .collect()
    }

    /// Checks the file against the journal's latest head: `Ok(Err((seq, problem)))` names what
    /// is wrong.
    pub(crate) fn check(&self, tx: &Tx<'_>, events: i64) -> Result<(AnchorStatus, Option<(i64, String)>)> {
        self.check_with(tx, events, false)
    }

    /// [`Anchoring::check`]; with `may_go_on`, events after the anchored head are no problem
    /// (a backup checked after its upgrade to this version, which may record some).
    pub(crate) fn check_with(&self, tx: &Tx<'_>, events: i64, may_go_on: bool) -> Result<(AnchorStatus, Option<(i64, String)>)> {
        let key = self.key()?;
        let mut status = AnchorStatus {
            journal: self.journal.display().to_string(),
            anchored_seq: None,
            anchored_at: None,
            key_fingerprint: fingerprint(&key.public_hex()),
            key_kept_in: key.kept_in.clone(),
        };
        let journal = self.journal.display();
        let lines = match self.tail() {
            Ok(l) => l,
            Err(_) => {
                return Ok((status, Some((events, format!("the latest entries of the anchor journal {journal} cannot be read: the journal was edited or damaged")))))
            }
        };
        // Since the latest restore (a backup then put in place), if any.
        let lines = match lines.iter().rposition(|l| l.restored) {
            Some(i) => lines[i..].to_vec(),
            None => lines,
        };
        if lines.is_empty() {
            if events == 0 {
                return Ok((status, None));
            }
            return Ok((
                status,
                Some((
                    events,
                    format!(
                        "there is no anchor journal at {journal}: the history cannot be checked for events deleted or rewritten; keep the journal with the database (a copy made by `cdesk backup` carries its own)"
                    ),
                )),
            ));
        }
        // A line written before a commit that never happened is superseded by a later such line
        // that started from an earlier head (the next writer's commit took its place).
        let superseded = |i: usize| {
            !lines[i].committed && lines[i + 1..].iter().any(|m| !m.committed && m.prev_seq < lines[i].seq)
        };
        let used: Vec<&AnchorLine> = (0..lines.len()).filter(|&i| !superseded(i)).map(|i| &lines[i]).collect();
        let first_hash = tx.event_hash(1)?.unwrap_or_default();
        for line in &used {
            if !verify_signature(&line.key, &line.message(), &line.sig) {
                return Ok((status, Some((line.seq, format!("the latest entries of the anchor journal {journal} are not validly signed: the journal was edited")))));
            }
            if line.key != key.public_hex() {
                return Ok((
                    status.clone(),
                    Some((
                        line.seq,
                        format!(
                            "the anchor journal {journal} was signed with key {} but this desk's key is {}: the history was rewritten with another key, or this desk is not the one that kept it",
                            fingerprint(&line.key),
                            status.key_fingerprint
                        ),
                    )),
                ));
            }
        }
        if used.iter().any(|l| events > 0 && l.history != first_hash) {
            return Ok((status, Some((1, format!("the anchor journal {journal} anchors another history: the file's first event differs (the history was rewritten, or the journal belongs to another database)")))));
        }
        // The latest confirmed head must be in the file as recorded; so must every head written
        // before a commit, except the newest, whose commit a crash may have stopped.
        let confirmed = used.iter().filter(|l| l.committed).max_by_key(|l| l.seq);
        let newest_intent = used.iter().filter(|l| !l.committed).map(|l| l.seq).max();
        let mut anchored = 0;
        if let Some(c) = confirmed {
            status.anchored_at = Some(c.at.clone());
        }
        for line in &used {
            match tx.event_hash(line.seq)? {
                Some(h) if h == line.hash => anchored = anchored.max(line.seq),
                Some(_) => {
                    return Ok((status, Some((line.seq, format!("event {} is not the one the anchor journal recorded on {}: the history was rewritten", line.seq, line.at)))))
                }
                None if !line.committed && Some(line.seq) == newest_intent && confirmed.is_none_or(|c| c.seq < line.seq) => {}
                None => {
                    status.anchored_seq = Some(anchored);
                    let how = if line.committed { "as committed " } else { "" };
                    return Ok((
                        status,
                        Some((
                            events + 1,
                            format!(
                                "the anchor journal recorded event {} {how}on {} but the file ends at event {events}: the latest events were deleted",
                                line.seq, line.at
                            ),
                        )),
                    ));
                }
            }
        }
        status.anchored_seq = Some(anchored);
        if events > anchored && !may_go_on {
            return Ok((
                status,
                Some((
                    anchored + 1,
                    format!(
                        "events {} to {events} are not in the anchor journal {journal}: they were written by a program without the journal or put into the file",
                        anchored + 1
                    ),
                )),
            ));
        }
        Ok((status, None))
    }

    /// A signed checkpoint of the head.
    pub(crate) fn checkpoint(&self, tx: &Tx<'_>, count: i64, at: DateTime<Utc>) -> Result<Checkpoint> {
        let key = self.key()?;
        let head = tx.chain_head()?.unwrap_or(ChainHead { seq: 0, hash: cdesk_store::GENESIS_HASH.to_owned() });
        let public = key.public_hex();
        let mut c = Checkpoint {
            kind: "compliance-desk-checkpoint".into(),
            v: 1,
            history: tx.event_hash(1)?.unwrap_or_default(),
            seq: head.seq,
            hash: head.hash,
            count,
            at: instant_text(at),
            key_fingerprint: fingerprint(&public),
            key: public,
            sig: String::new(),
        };
        c.sig = hex::encode(key.key.sign(c.message().as_bytes()).to_bytes());
        Ok(c)
    }

    /// Appends a line for the current head (after a restore, the file's head moves back to the
    /// backup's: the journal says so, signed, instead of calling it a truncation).
    pub(crate) fn anchor_current(&self, tx: &Tx<'_>, at: DateTime<Utc>) -> Result<()> {
        if let Some(head) = tx.chain_head()? {
            let line = self.append(tx, None, &head, at)?;
            let key = self.key()?;
            self.write_line(&AnchorLine { committed: true, restored: true, ..line }.signed(&key), true)?;
        }
        Ok(())
    }
}

/// Checks a file against a checkpoint: its signature, and that the file still holds the head it
/// states. Returns the problem, if any.
pub(crate) fn check_checkpoint(tx: &Tx<'_>, c: &Checkpoint, events: i64) -> Result<Option<(i64, String)>> {
    if c.kind != "compliance-desk-checkpoint" || c.v != 1 {
        return Err(ErrorBody::invalid("checkpoint", "this is not a Compliance Desk checkpoint (version 1)"));
    }
    if !verify_signature(&c.key, &c.message(), &c.sig) {
        return Ok(Some((c.seq, "the checkpoint's signature does not match its contents: it was altered".to_owned())));
    }
    if c.seq == 0 {
        return Ok(None);
    }
    if events >= c.seq && c.history != tx.event_hash(1)?.unwrap_or_default() {
        return Ok(Some((1, "the file's history is not the one the checkpoint was made of (its first event differs)".to_owned())));
    }
    match tx.event_hash(c.seq)? {
        None => Ok(Some((
            events + 1,
            format!("the checkpoint of {} states event {} but the file ends at event {events}: events were deleted", c.at, c.seq),
        ))),
        Some(h) if h != c.hash => Ok(Some((c.seq, format!("event {} is not the one the checkpoint of {} states: the history was rewritten", c.seq, c.at)))),
        Some(_) => Ok(None),
    }
}
