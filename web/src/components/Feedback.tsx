/**
 * Announced feedback after an action: a polite status for what went well, an alert for what did
 * not. The regions are always in the page (empty until needed), so screen readers announce what
 * appears in them; `serial` makes the same text announced again when it comes back.
 */
import { useCallback, useRef, useState } from 'react';

export interface FeedbackMessage {
  text: string;
  serial: number;
}

export interface Feedback {
  success: FeedbackMessage | null;
  error: FeedbackMessage | null;
  showSuccess: (text: string) => void;
  showError: (text: string) => void;
  reset: () => void;
}

export function useFeedback(): Feedback {
  const serial = useRef(0);
  const [success, setSuccess] = useState<FeedbackMessage | null>(null);
  const [error, setError] = useState<FeedbackMessage | null>(null);
  const showSuccess = useCallback((text: string) => {
    serial.current += 1;
    setError(null);
    setSuccess({ text, serial: serial.current });
  }, []);
  const showError = useCallback((text: string) => {
    serial.current += 1;
    setSuccess(null);
    setError({ text, serial: serial.current });
  }, []);
  const reset = useCallback(() => {
    setSuccess(null);
    setError(null);
  }, []);
  return { success, error, showSuccess, showError, reset };
}

export function FeedbackSlots({ feedback, id }: { feedback: Feedback; id?: string }) {
  return (
    <>
      <div role="status" className="live-slot">
        {feedback.success ? (
          <div key={feedback.success.serial} className="notice notice--success">
            <p>{feedback.success.text}</p>
          </div>
        ) : null}
      </div>
      <div role="alert" className="live-slot" id={id}>
        {feedback.error ? (
          <div key={feedback.error.serial} className="alert alert--error">
            <p className="alert__message">{feedback.error.text}</p>
          </div>
        ) : null}
      </div>
    </>
  );
}
