// The playbook's topics and issue types, loaded once.
import type { IssueType } from "../bindings/IssueType";
import type { Product } from "../bindings/Product";
import type { Taxonomy } from "../bindings/Taxonomy";
import type { Topic } from "../bindings/Topic";
import { IpcError, taxonomy as fetchTaxonomy, toIpcError } from "../ipc";

/** Every topic accepts this issue type when none of its own fits. */
export const OTHER_ISSUE_TYPE: IssueType = { code: "other", label: "Other" };

class TaxonomyStore {
  value = $state<Taxonomy | null>(null);
  error = $state<IpcError | null>(null);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    if (this.value) return Promise.resolve();
    if (!this.#loading) {
      this.#loading = fetchTaxonomy()
        .then((t) => {
          this.value = t;
          this.error = null;
        })
        .catch((e: unknown) => {
          this.error = toIpcError(e);
          this.#loading = null;
        });
    }
    return this.#loading;
  }

  topic(code: string | null): Topic | undefined {
    if (!code) return undefined;
    return this.value?.topic.find((t) => t.code === code);
  }

  /** The topics that belong to a product; every topic when no product is chosen. */
  topicsFor(product: Product | null): Topic[] {
    const all = this.value?.topic ?? [];
    return product ? all.filter((t) => t.products.includes(product)) : all;
  }

  topicLabel(code: string | null): string | null {
    if (!code) return null;
    return this.topic(code)?.label ?? code;
  }

  /** A topic's issue types, plus "Other" unless the topic lists it already. */
  issueTypes(code: string | null): IssueType[] {
    const t = this.topic(code);
    if (!t) return [];
    const own = t.issue_types;
    return own.some((i) => i.code === OTHER_ISSUE_TYPE.code) ? own : [...own, OTHER_ISSUE_TYPE];
  }

  issueTypeLabel(topic: string | null, code: string | null): string | null {
    if (!code) return null;
    return this.issueTypes(topic).find((i) => i.code === code)?.label ?? code;
  }
}

export const taxonomyStore = new TaxonomyStore();
