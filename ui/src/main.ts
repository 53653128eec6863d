import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

async function start(): Promise<void> {
  // Development only: outside Tauri (plain `vite` in a browser) answer the commands with
  // sample data. `import.meta.env.DEV` is false in `vite build`, so this branch and the
  // sample-data module are left out of the production bundle.
  if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
    const { installDevMock } = await import("./lib/ipc/devmock");
    installDevMock();
  }
  const target = document.getElementById("app");
  if (!target) throw new Error("index.html has no #app element");
  mount(App, { target });
}

void start();
