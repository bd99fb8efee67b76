import * as assert from 'node:assert/strict';
// Types only: the extension's objects come from its own bundle.
import type { RestorePrompts } from '../../../src/restore/editor/register';
import type { Confirmation } from '../../../src/ui/confirmation';
import type { Back, Choice, InputCheck, StepHeader, WizardUi } from '../../../src/restore/wizard';

/** `opened`: the value an input opens with, or the answer a pick opens on (kept from before). */
export type Answer = (
  kind: 'pick' | 'input',
  text: string,
  items: Choice<unknown>[],
  opened?: unknown,
) => unknown;

/**
 * The quick inputs and the modal answered by a script (a modal dialog cannot be clicked from an
 * extension test; the end-to-end test clicks the real ones).
 */
export class Script implements RestorePrompts {
  readonly confirmations: Confirmation[] = [];
  readonly asked: string[] = [];
  constructor(
    private answers: Answer[],
    private readonly confirmWith = true,
  ) {}
  readonly wizard: WizardUi = {
    pick: async <T>(
      _h: StepHeader,
      o: { placeholder: string; items: Promise<Choice<T>[]>; active?: T },
    ): Promise<T | Back | undefined> => {
      const items = await o.items;
      this.asked.push(o.placeholder);
      const a = this.answers.shift();
      assert.ok(a, `unexpected step "${o.placeholder}"`);
      return a('pick', o.placeholder, items, o.active) as T | undefined;
    },
    input: (
      _h: StepHeader,
      o: { prompt: string; value?: string; check(t: string): InputCheck | undefined },
    ): Promise<string | Back | undefined> => {
      this.asked.push(o.prompt);
      const a = this.answers.shift();
      assert.ok(a, `unexpected step "${o.prompt}"`);
      const text = a('input', o.prompt, [], o.value) as string | Back;
      if (typeof text !== 'string') return Promise.resolve(text);
      assert.notEqual(o.check(text)?.severity, 'error', o.check(text)?.message);
      return Promise.resolve(text);
    },
  };
  confirm(c: Confirmation): Promise<boolean> {
    this.confirmations.push(c);
    return Promise.resolve(this.confirmWith);
  }
  /** The hints shown (a review's "Nothing has started yet"), and whether each has closed. */
  readonly hints: { message: string; closed: boolean }[] = [];
  hint = (message: string, until: Promise<void>): void => {
    const h = { message, closed: false };
    this.hints.push(h);
    void until.then(() => (h.closed = true));
  };
}
export const pick =
  (re: RegExp): Answer =>
  (kind, text, items) => {
    assert.equal(kind, 'pick', `expected a pick, got "${text}"`);
    const found = items.find((i) => re.test(`${i.label} ${i.description ?? ''}`));
    assert.ok(found, `${re} not among ${items.map((i) => i.label).join(', ')}`);
    return found.value;
  };
export const type =
  (text: string): Answer =>
  (kind, prompt) => {
    assert.equal(kind, 'input', `expected an input, got "${prompt}"`);
    return text;
  };
