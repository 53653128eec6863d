import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { SettingsView } from "../bindings/SettingsView";
import ProgramNameForm from "./ProgramNameForm.svelte";
import { SettingsStore } from "./settings.svelte";

function settings(program_name: string): SettingsView {
  return {
    program_name,
    timezone: "America/New_York",
    closures: [],
    policy: { timezone: "America/New_York", clocks: [] } as unknown as SettingsView["policy"],
    calendar_name: "US Federal Reserve",
    actor: "a.okafor",
    database_path: "/data/desk.db",
    four_eyes: false,
  };
}

describe("program name", () => {
  afterEach(() => clearMocks());

  it("saves the trimmed name and shows a refusal under the field", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "set_program_name") throw { code: "internal", message: cmd, field: null, rule: null };
      const input = (args as { input: { name: string } }).input;
      calls.push(input);
      if (input.name === "") throw { code: "invalid_input", message: "name: give the program a name of 1 to 120 characters", field: "name", rule: null };
      return settings(input.name);
    });
    const store = new SettingsStore();
    store.settings = settings("Issuing and Treasury program");
    render(ProgramNameForm, { props: { store } });
    const input = (await screen.findByTestId("settings-program-name")) as HTMLInputElement;
    expect(input.value).toBe("Issuing and Treasury program");
    await fireEvent.input(input, { target: { value: "  Kite Card Program " } });
    await fireEvent.click(screen.getByTestId("settings-program-name-save"));
    await waitFor(() => expect(store.settings?.program_name).toBe("Kite Card Program"));
    expect(calls).toEqual([{ name: "Kite Card Program" }]);
    await fireEvent.input(input, { target: { value: "   " } });
    await fireEvent.click(screen.getByTestId("settings-program-name-save"));
    expect(await screen.findByText(/1 to 120 characters/)).toBeTruthy();
    expect(store.settings?.program_name).toBe("Kite Card Program");
  });
});
