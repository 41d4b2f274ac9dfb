/** A boxed message. `tone` only changes colours; the text always says what happened and what to do. */
import type { ReactNode } from 'react';

export type NoticeTone = 'info' | 'warning' | 'error' | 'success';

export function Notice({ tone, title, children }: { tone: NoticeTone; title?: string; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}
