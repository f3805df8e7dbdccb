/** Types for card-renderer.js (a plain ES module shared by the page and the Node tests). */

export interface RenderOptions {
  /** Names an `<at id=…>` mention; when it returns nothing the id is shown. */
  mentionName?: (openId: string) => string | undefined;
}

export interface RenderedCard {
  html: string;
  /** Tags the renderer does not know, in document order (each also rendered as a visible box). */
  unknownTags: string[];
}

export function renderCard(card: unknown, options?: RenderOptions): RenderedCard;

export function renderMarkdown(content: string, options?: RenderOptions): string;

export function escapeHtml(value: unknown): string;

export interface FormField {
  name: string;
  kind: 'input' | 'select' | 'multi_select' | 'date';
  value: string | string[];
  required?: boolean;
  label?: string;
}

export function toFormValue(fields: FormField[]): { formValue: Record<string, string | string[]>; missing: string[] };
