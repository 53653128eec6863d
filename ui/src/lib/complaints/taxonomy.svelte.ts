// The playbook's topics and issue types, and the root causes and remediations a resolution
// records, loaded once. Their labels are the backend's (English data) and are shown as they come.
import type { Category } from "../bindings/Category";
import type { IssueType } from "../bindings/IssueType";
import type { Product } from "../bindings/Product";
import type { Taxonomy } from "../bindings/Taxonomy";
import type { Topic } from "../bindings/Topic";
import { t } from "../i18n/translate";
import { IpcError, taxonomy as fetchTaxonomy, toIpcError } from "../ipc";

/** Every topic accepts this issue type when none of its own fits (its label in the interface language). */
export const OTHER_ISSUE_TYPE: IssueType = Object.freeze({
  code: "other",
  get label() {
    return t("complaints.taxonomy.otherIssueType");
  },
});

class TaxonomyStore {
  value = $state<Taxonomy | null>(null);
  error = $state<IpcError | null>(null);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    if (this.value) return Promise.resolve();
    if (!this.#loading) {
      this.#loading = fetchTaxonomy()
        .then((loaded) => {
          this.value = loaded;
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
    return this.value?.topic.find((x) => x.code === code);
  }

  /** The topics that belong to a product; every topic when no product is chosen. */
  topicsFor(product: Product | null): Topic[] {
    const all = this.value?.topic ?? [];
    return product ? all.filter((x) => x.products.includes(product)) : all;
  }

  topicLabel(code: string | null): string | null {
    if (!code) return null;
    return this.topic(code)?.label ?? code;
  }

  /** A topic's issue types, plus "Other" unless the topic lists it already. */
  issueTypes(code: string | null): IssueType[] {
    const topic = this.topic(code);
    if (!topic) return [];
    const own = topic.issue_types;
    return own.some((i) => i.code === OTHER_ISSUE_TYPE.code) ? own : [...own, OTHER_ISSUE_TYPE];
  }

  issueTypeLabel(topic: string | null, code: string | null): string | null {
    if (!code) return null;
    return this.issueTypes(topic).find((i) => i.code === code)?.label ?? code;
  }

  /** Why complaints arise, as a resolution records it. */
  rootCauses(): Category[] {
    return this.value?.root_cause ?? [];
  }

  /** What the program did beyond the one customer. */
  remediations(): Category[] {
    return this.value?.remediation ?? [];
  }

  /** A root cause's label; the code itself while the taxonomy is not loaded or lacks it. */
  rootCauseLabel(code: string): string {
    return this.rootCauses().find((c) => c.code === code)?.label ?? code;
  }

  remediationLabel(code: string): string {
    return this.remediations().find((c) => c.code === code)?.label ?? code;
  }
}

export const taxonomyStore = new TaxonomyStore();
