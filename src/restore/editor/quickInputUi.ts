import * as vscode from 'vscode';
import { messageOf, noLinks } from '../../aws/awsText';
import {
  BACK,
  type Back,
  type Choice,
  type InputCheck,
  type InputOptions,
  type PickOptions,
  type StepHeader,
  type WizardUi,
} from '../wizard';

/** The restore flow's steps as VS Code quick picks and input boxes, with a Back button. */
export class QuickInputUi implements WizardUi {
  pick<T>(header: StepHeader, o: PickOptions<T>): Promise<T | Back | undefined> {
    return new Promise((resolve, reject) => {
      const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
      Object.assign(qp, header);
      qp.placeholder = o.placeholder;
      qp.ignoreFocusOut = true;
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      qp.busy = true;
      qp.enabled = false;
      let done = false;
      const finish = (f: () => void): void => {
        if (done) return;
        done = true;
        f();
        qp.dispose();
      };
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(() => resolve(BACK));
      });
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (item) finish(() => resolve(item.value));
      });
      qp.onDidHide(() => finish(() => resolve(undefined)));
      qp.show();
      type Item = vscode.QuickPickItem & { value: T };
      /** One quick-pick item per choice object: a later batch keeps the items already shown. */
      const made = new Map<Choice<T>, Item>();
      const itemOf = (c: Choice<T>): Item => {
        let item = made.get(c);
        if (!item) {
          item = {
            label: c.label,
            ...(c.description ? { description: c.description } : {}),
            ...(c.detail ? { detail: c.detail } : {}),
            value: c.value,
          };
          made.set(c, item);
        }
        return item;
      };
      const show = (choices: Choice<T>[]): void => {
        // Setting items moves the cursor to the first: the item under it is made active again.
        const active = qp.activeItems[0];
        qp.items = choices.map(itemOf);
        if (active && qp.items.includes(active)) qp.activeItems = [active];
      };
      o.items.then(
        async (items) => {
          if (done) return;
          show(items);
          const first = o.active === undefined ? undefined : qp.items.find((i) => i.value === o.active);
          if (first) qp.activeItems = [first];
          qp.enabled = true;
          // The rest arrives while the person reads; busy until the last batch.
          try {
            if (o.more)
              for await (const batch of o.more) {
                if (done) break;
                show(batch);
              }
          } catch (e) {
            // What is shown stays choosable; the placeholder says the list is incomplete, and why.
            if (!done) qp.placeholder = noLinks(`${o.placeholder} (the list is incomplete: ${messageOf(e)})`);
          }
          qp.busy = false;
        },
        (e: unknown) => finish(() => reject(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  }

  input(header: StepHeader, o: InputOptions): Promise<string | Back | undefined> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      Object.assign(box, header);
      box.prompt = o.prompt;
      if (o.placeholder) box.placeholder = o.placeholder;
      if (o.value) box.value = o.value;
      box.ignoreFocusOut = true;
      box.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      let done = false;
      const finish = (v: string | Back | undefined): void => {
        if (done) return;
        done = true;
        resolve(v);
        box.dispose();
      };
      const validate = (text: string): InputCheck | undefined => {
        const c = o.check(text);
        box.validationMessage = c
          ? {
              message: c.message,
              severity:
                c.severity === 'error'
                  ? vscode.InputBoxValidationSeverity.Error
                  : c.severity === 'warning'
                    ? vscode.InputBoxValidationSeverity.Warning
                    : vscode.InputBoxValidationSeverity.Info,
            }
          : undefined;
        return c;
      };
      if (o.value) validate(o.value);
      box.onDidChangeValue(validate);
      box.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      });
      box.onDidAccept(() => {
        if (validate(box.value)?.severity !== 'error') finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }
}
