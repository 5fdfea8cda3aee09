import { useCallback, useState } from "react";
import { apiFieldProblems } from "./field-errors";

/**
 * Sending a form to the api: whether it is on its way, and what the api answered was wrong, as a whole
 * (`problem`, for ErrorNotice) and field by field (`fieldProblems`).
 */
export function useSubmit() {
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  /** Runs `request`; true when it succeeded. */
  const send = useCallback(async (request: () => Promise<void>): Promise<boolean> => {
    setProblem(undefined);
    setSending(true);
    try {
      await request();
      return true;
    } catch (error) {
      setProblem(error);
      return false;
    } finally {
      setSending(false);
    }
  }, []);
  return { sending, problem, fieldProblems: apiFieldProblems(problem), send, clear: () => setProblem(undefined) };
}
