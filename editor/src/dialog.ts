// Questions and wide views (a diff, the user guide) in a modal <dialog> with the page's own words
// and buttons: window.confirm() shows the browser's buttons in the browser's language, cannot hold a
// diff, and says nothing a test or a screen reader can find in the page. Escape or the cancel button
// answers no; the element is removed when it closes, after `onClose` (dispose editors there).

import { h } from './dom.js';

type Child = Parameters<typeof h>[2];

export interface Question {
  /** `data-dialog` of the element, for tests and styles. */
  name: string;
  title: string;
  body: Child[];
  /** The yes button; absent for a view that only closes. */
  ok?: string;
  cancel: string;
  /** A wide dialog (diffs, the guide). */
  wide?: boolean;
  /** Runs once the dialog is in the document and laid out (Monaco measures its container). */
  onOpen?: (dialog: HTMLDialogElement) => void;
  onClose?: () => void;
}

/** Shows the question; resolves true for the yes button, false for cancel, Escape or close. */
export function ask(q: Question): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const close = (yes: boolean) => { answer = yes; dialog.close(); };
    const dialog = h('dialog', { class: `dialog${q.wide ? ' wide' : ''}`, 'data-dialog': q.name, 'aria-labelledby': `dialog-${q.name}` },
      h('h2', { id: `dialog-${q.name}` }, q.title),
      h('div', { class: 'dialog-body' }, ...q.body),
      h('div', { class: 'dialog-buttons' },
        q.ok ? h('button', { class: 'primary', 'data-answer': 'ok', onclick: () => close(true) }, q.ok) : null,
        h('button', { 'data-answer': 'cancel', onclick: () => close(false) }, q.cancel)));
    dialog.addEventListener('close', () => {
      q.onClose?.();
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The safe answer has the focus: Enter on a question that would overwrite work must not say yes.
    (dialog.querySelector('[data-answer="cancel"]') as HTMLButtonElement).focus();
    q.onOpen?.(dialog);
  });
}
