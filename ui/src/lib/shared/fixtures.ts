// Data for tests that any history shares.
import type { EntryMarks } from "../bindings/EntryMarks";

/** An entry's marks when nothing happened to it: not voided, on time, voidable. */
export const plainEntry: EntryMarks = {
  voided: false,
  voided_by: null,
  void_reason: null,
  entered_late: false,
  can_void: true,
  void_blocked_by: null,
};
