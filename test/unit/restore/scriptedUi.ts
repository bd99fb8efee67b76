/** The restore flow's window UI replaced by a script (unit tests of the flow's steps). */
import { strict as assert } from 'node:assert';
import {
  BACK,
  type Back,
  type Choice,
  type InputCheck,
  type PickOptions,
  type StepHeader,
  type WizardUi,
} from '../../../src/restore/wizard';

/** One scripted answer: what the step must look like, and what the "user" does there. */
export type Script =
  | {
      pick: RegExp;
      choose: (items: Choice<unknown>[]) => Choice<unknown> | Back | undefined;
      canGoBack?: boolean;
      /** The value the pick opens on (an answer kept from before). */
      active?: unknown;
    }
  | {
      input: RegExp;
      /** Texts typed one after the other; each is checked as the input box checks it. */
      type: string[];
      expectChecks?: (InputCheck | undefined)[];
      canGoBack?: boolean;
      back?: boolean;
      /** The value the box opened with. */
      opensWith?: string;
    };

/** The window UI replaced by a script: every step must be the one the script expects next. */
export class ScriptedUi implements WizardUi {
  readonly seen: {
    header: StepHeader;
    text: string;
    items?: string[];
    descriptions?: (string | undefined)[];
    active?: unknown;
    checks?: (InputCheck | undefined)[];
  }[] = [];
  constructor(private readonly script: Script[]) {}
  private next(kind: 'pick' | 'input', text: string): Script {
    const s = this.script.shift();
    assert.ok(s, `no script left for ${kind} "${text}"`);
    assert.ok(kind in s, `expected ${'pick' in s ? 'a pick' : 'an input'}, got ${kind} "${text}"`);
    return s;
  }
  async pick<T>(header: StepHeader, o: PickOptions<T>): Promise<T | Back | undefined> {
    const s = this.next('pick', o.placeholder);
    if (!('pick' in s)) throw new Error('unreachable');
    assert.match(o.placeholder, s.pick);
    if (s.canGoBack !== undefined) assert.equal(o.canGoBack, s.canGoBack, `Back on "${o.placeholder}"`);
    if ('active' in s) assert.deepEqual(o.active, s.active, `the answer "${o.placeholder}" opens on`);
    const items = await o.items;
    this.seen.push({
      header,
      text: o.placeholder,
      items: items.map((i) => i.label),
      descriptions: items.map((i) => i.description),
      active: o.active,
    });
    const c = s.choose(items);
    return c === undefined || c === BACK ? c : (c.value as T);
  }
  input(
    header: StepHeader,
    o: { prompt: string; value?: string; canGoBack: boolean; check(text: string): InputCheck | undefined },
  ): Promise<string | Back | undefined> {
    const s = this.next('input', o.prompt);
    if (!('input' in s)) throw new Error('unreachable');
    assert.match(o.prompt, s.input);
    if (s.canGoBack !== undefined) assert.equal(o.canGoBack, s.canGoBack, `Back on "${o.prompt}"`);
    if (s.opensWith !== undefined) assert.equal(o.value, s.opensWith);
    const checks = s.type.map((t) => o.check(t));
    this.seen.push({ header, text: o.prompt, checks });
    if (s.expectChecks)
      s.expectChecks.forEach((want, i) => {
        if (want === undefined) assert.equal(checks[i], undefined, `check of "${s.type[i]}"`);
        else {
          assert.equal(
            checks[i]?.severity,
            want.severity,
            `severity of "${s.type[i]}": ${checks[i]?.message}`,
          );
          assert.match(checks[i].message, new RegExp(want.message));
        }
      });
    if (s.back) return Promise.resolve(BACK);
    const last = s.type[s.type.length - 1]!;
    // The real input box accepts only an answer whose check is not an error.
    assert.notEqual(o.check(last)?.severity, 'error', `"${last}" would not be accepted`);
    return Promise.resolve(last);
  }
  get done(): boolean {
    return this.script.length === 0;
  }
}

export const by = (re: RegExp) => (items: Choice<unknown>[]) => {
  const found = items.find((i) => re.test(`${i.label} ${i.description ?? ''}`));
  assert.ok(found, `no item matches ${re}: ${items.map((i) => i.label).join(', ')}`);
  return found;
};
