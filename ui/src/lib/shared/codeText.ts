// Text that names API objects and fields between backticks (`shipping.service`), as the
// backend and the playbook write them: split into plain runs and code runs for display.

export interface TextRun {
  text: string;
  code: boolean;
}

/** `"Check \`status\` now"` → plain "Check ", code "status", plain " now". An unpaired backtick stays as it is. */
export function codeRuns(text: string): TextRun[] {
  const out: TextRun[] = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), code: false });
    out.push({ text: m[1], code: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), code: false });
  return out;
}

/** The text with its first letter upper-case (the backend's reasons start lower-case). */
export function sentenceCase(text: string): string {
  return /^[a-z]/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
