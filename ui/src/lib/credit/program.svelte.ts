// The credit program as stored, for the Settings section and the decision form's reasons.
import type { CreditProgramView } from "../bindings/CreditProgramView";
import type { SetCreditProgramInput } from "../bindings/SetCreditProgramInput";
import { creditProgram, IpcError, setCreditProgram, toIpcError } from "../ipc";

export class ProgramStore {
  view = $state.raw<CreditProgramView | null>(null);
  loading = $state(false);
  error = $state<IpcError | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.view = await creditProgram();
      this.error = null;
    } catch (e) {
      this.error = toIpcError(e);
    } finally {
      this.loading = false;
    }
  }

  /** Saves the program; throws an IpcError naming the field when refused. */
  async save(input: SetCreditProgramInput): Promise<CreditProgramView> {
    const view = await setCreditProgram(input);
    this.view = view;
    return view;
  }
}

export const programStore = new ProgramStore();
