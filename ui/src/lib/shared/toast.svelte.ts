export type ToastTone = "success" | "info" | "error";

export interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
}

class Toasts {
  items = $state<ToastItem[]>([]);
  #next = 1;

  show(message: string, tone: ToastTone = "success", ms = 4500): void {
    const id = this.#next++;
    this.items = [...this.items, { id, message, tone }];
    if (ms > 0) setTimeout(() => this.dismiss(id), ms);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
