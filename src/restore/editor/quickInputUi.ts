import * as vscode from 'vscode';
import {
  BACK,
  type Back,
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
      o.items.then(
        (items) => {
          if (done) return;
          qp.items = items.map((c) => ({
            label: c.label,
            ...(c.description ? { description: c.description } : {}),
            ...(c.detail ? { detail: c.detail } : {}),
            value: c.value,
          }));
          qp.busy = false;
          qp.enabled = true;
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
