/**
 * What the restore flow asks of a window UI: quick picks and input boxes with a Back button. The
 * editor's adapter is src/restore/editor/quickInputUi.ts; unit tests script a fake.
 */

/** A registered symbol: the same in every bundle (the integration tests script the extension's own flow). */
export const BACK = Symbol.for('awsBackupPitr.restore.back');
export type Back = typeof BACK;

export interface StepHeader {
  title: string;
  step: number;
  totalSteps: number;
}

export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface InputCheck {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface PickOptions<T> {
  placeholder: string;
  /** The first items: the pick becomes usable when they arrive. */
  items: Promise<Choice<T>[]>;
  /**
   * More items arriving after the first (the next pages of a listing): each batch is added while the
   * person reads, the pick busy until the last, and the item under the cursor stays the active one.
   * Each batch is the whole list so far, in its order (items already shown keep their objects).
   */
  more?: AsyncIterable<Choice<T>[]>;
  /** The item to make active when the pick opens (by value), e.g. the current answer. */
  active?: T;
  canGoBack: boolean;
}

export interface InputOptions {
  prompt: string;
  placeholder?: string;
  value?: string;
  canGoBack: boolean;
  /** An error blocks the answer; info is shown and accepted. */
  check(text: string): InputCheck | undefined;
}

/** The window UI. Each call resolves with the answer, BACK, or undefined when the user cancelled. */
export interface WizardUi {
  pick<T>(header: StepHeader, o: PickOptions<T>): Promise<T | Back | undefined>;
  input(header: StepHeader, o: InputOptions): Promise<string | Back | undefined>;
}
