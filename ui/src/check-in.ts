import { useEffect, useState, type FormEvent } from "react";
import { CheckInInput } from "@tandem/core";
import type { Call } from "./api-client";
import { apiFieldErrors, fieldState, zodFieldErrors, type FieldErrors } from "./field-errors";

/**
 * My check-in on a session, as the tab's dialog and the add-in's form both edit it: my earlier answers (with
 * their ETag) loaded first, then validated with the contract and saved. `ratingNeeded` words the one error a
 * person makes most, leaving the rating out, in their language.
 */
export function useMyCheckIn(options: {
  call: Call;
  meId: string;
  tandemId: string;
  sessionId: string;
  ratingNeeded: string;
  onSaved(): void;
}) {
  const { call, meId, tandemId, sessionId } = options;
  const [learned, setLearned] = useState("");
  const [willTry, setWillTry] = useState("");
  const [rating, setRating] = useState(0);
  const [etag, setEtag] = useState<string | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const params = { id: tandemId, sessionId };

  useEffect(() => {
    let live = true;
    call("listCheckIns", { params }).then(
      (r) => {
        if (!live) return;
        const mine = r.data.items.find((c) => c.personId === meId);
        if (mine) {
          setLearned(mine.learned ?? "");
          setWillTry(mine.willTry ?? "");
          setRating(mine.rating);
          setEtag(mine.etag);
        }
        setLoaded(true);
      },
      (e: unknown) => {
        if (!live) return;
        setProblem(e);
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tandemId, sessionId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CheckInInput.safeParse({ learned, willTry, rating });
    if (!parsed.success) {
      const out = zodFieldErrors(parsed.error);
      if (out.rating) out.rating = options.ratingNeeded;
      setErrors(out);
      return;
    }
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      await call("putMyCheckIn", { params, body: parsed.data, ...(etag ? { ifMatch: etag } : {}) });
      options.onSaved();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  return {
    learned,
    setLearned,
    willTry,
    setWillTry,
    rating,
    setRating,
    problem,
    saving,
    loaded,
    submit,
    /** Props for the Fluent `Field` of `learned`, `willTry` or `rating`. */
    field: (name: "learned" | "willTry" | "rating") => fieldState(errors[name]),
  };
}
